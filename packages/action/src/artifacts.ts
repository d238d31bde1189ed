import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ActionInputs } from './inputs.js';
import { renderBadges } from './renderers/badges.js';
import { renderOpenMetrics } from './renderers/openmetrics.js';
import { renderReportJson } from './renderers/report-json.js';
import type { RunResult } from './run-info.js';

type FilePaths = Pick<ActionInputs, 'badgesPath' | 'reportPath' | 'openmetricsPath'>;

async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
}

/** Writes the badges, the JSON report and the OpenMetrics file that were asked for; returns their paths. */
export async function writeArtifacts(result: RunResult, paths: FilePaths): Promise<string[]> {
  const written: string[] = [];
  if (paths.badgesPath) {
    const badges = renderBadges(result.report);
    for (const [name, badge] of Object.entries(badges)) {
      const file = join(paths.badgesPath, name.endsWith('.json') ? name : `${name}.json`);
      await writeText(file, `${JSON.stringify(badge, null, 2)}\n`);
      written.push(file);
    }
  }
  if (paths.reportPath) {
    await writeText(paths.reportPath, renderReportJson(result));
    written.push(paths.reportPath);
  }
  if (paths.openmetricsPath) {
    await writeText(paths.openmetricsPath, renderOpenMetrics(result));
    written.push(paths.openmetricsPath);
  }
  return written;
}
