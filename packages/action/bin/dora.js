#!/usr/bin/env node
// The CLI runs the compiled sources (pnpm build); the bundled copy is dist/cli/index.js.
await import('../lib/cli.js');
