import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import @dora/core from source, so `pnpm test` never depends on a stale build.
export default defineConfig({
  resolve: {
    alias: {
      '@dora/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/bench/**/*.test.ts',
      'test/**/*.test.ts',
      'examples/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '**/lib/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    // CI asks for a JSON record too, to print one plain closing line of counts.
    ...(process.env.DORA_TEST_JSON
      ? { reporters: ['default', 'json'], outputFile: { json: process.env.DORA_TEST_JSON } }
      : {}),
  },
});
