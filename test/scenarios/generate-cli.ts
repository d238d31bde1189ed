import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateScenario, type Preset } from './generate.js';
import { PRESETS } from './presets.js';

/** `tsx test/scenarios/generate-cli.ts --preset P --seed N --out FILE [--truth FILE]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'sample' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      truth: { type: 'string' },
    },
  });
  const preset = values.preset as Preset;
  if (!(preset in PRESETS)) {
    throw new Error(`unknown preset "${preset}"; valid: ${Object.keys(PRESETS).join(', ')}`);
  }
  const { scenario, truth } = generateScenario({ preset, seed: Number(values.seed) });
  const text = `${JSON.stringify(scenario, null, 1)}\n`;
  if (values.out === undefined) process.stdout.write(text);
  else await writeFile(values.out, text);
  if (values.truth !== undefined) {
    await writeFile(values.truth, `${JSON.stringify(truth, null, 1)}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`generate: ${(e as Error).message}\n`);
  process.exit(1);
});
