import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The root config only collects packages/*/src tests; `pnpm exec vitest run --config
// packages/core/bench/vitest.config.ts` runs the benchmark's own tests (generator, DuckDB side).
export default defineConfig({
  cacheDir: fileURLToPath(new URL('../../../node_modules/.vite', import.meta.url)),
  resolve: {
    alias: {
      '@dora/core': fileURLToPath(new URL('../src/index.ts', import.meta.url)),
    },
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
  },
});
