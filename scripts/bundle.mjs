// Bundles the compiled Action (packages/action/lib) into dist/ with ncc, run from packages/action.
// ncc keeps Node built-ins external, and pdjs's fetch polyfill (whatwg-url, tr46) requires the
// built-in `punycode`, which Node 22+ deprecates (DEP0040). The external is swapped for the
// userland `punycode` package inlined into the bundle, so no warning is printed.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url.replace('/scripts/', '/packages/action/'));
const ncc = join(process.cwd(), 'node_modules/.bin/ncc');
const dist = join(process.cwd(), '../../dist');

function build(entry, out, extra = []) {
  execFileSync(ncc, ['build', entry, '-o', out, '--target', 'es2022', '-q', ...extra], {
    stdio: 'inherit',
  });
}

const EXTERNAL = 'module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("punycode");';

/**
 * Inlines the userland punycode for the external, and makes line ends LF: some sources
 * (whatwg-url) have CRLF, git stores dist/ with LF (.gitattributes), and the bundle must be
 * byte-identical to what is committed. JavaScript reads CRLF and LF alike, template literals too.
 */
function postProcess(directory) {
  const source = readFileSync(require.resolve('punycode/punycode.js'), 'utf8');
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      postProcess(path);
      continue;
    }
    if (!name.endsWith('.js')) continue;
    const code = readFileSync(path, 'utf8');
    const processed = code.replaceAll('\r\n', '\n').replaceAll(EXTERNAL, () => source);
    if (processed !== code) writeFileSync(path, processed);
  }
}

function assertNoBuiltinPunycode(directory) {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) assertNoBuiltinPunycode(path);
    else if (
      name.endsWith('.js') &&
      /createRequire\(import\.meta\.url\)\("punycode"\)/.test(readFileSync(path, 'utf8'))
    ) {
      throw new Error(`${path} still requires the built-in punycode`);
    }
  }
}

// A clean directory: ncc leaves chunks of earlier builds behind otherwise.
rmSync(dist, { recursive: true, force: true });
build('lib/index.js', dist, ['--license', 'licenses.txt']);
build('lib/cli.js', join(dist, 'cli'));
postProcess(dist);
assertNoBuiltinPunycode(dist);
