import type { RunResult } from '../run-info.js';
import { type DetailsTable, renderDetailsTable } from './details-table.js';
import { byteLength, escapeMarkdown } from './markdown-escape.js';
import {
  coverageTable,
  renderDistributions,
  renderFooter,
  renderRunDetails,
} from './summary-coverage.js';
import { evidenceTables } from './summary-evidence.js';
import { renderHeadline } from './summary-headline.js';
import { renderTrends } from './summary-trends.js';

/** GitHub refuses a step summary over 1024 KiB (UTF-8 bytes). */
export const STEP_SUMMARY_LIMIT = 1_048_576;

export interface SummaryOptions {
  /** Byte budget; default the step-summary limit. */
  maxBytes?: number;
}

/** A piece of the summary; those with rows can lose rows from the end to fit the budget. */
interface Part {
  rows: number;
  render(keep: number): string;
}

function fixed(text: string): Part {
  return { rows: 0, render: () => text };
}

function table(details: DetailsTable): Part {
  return { rows: details.rows.length, render: (keep) => renderDetailsTable(details, keep) };
}

function warnings(list: readonly string[]): Part {
  return {
    rows: list.length,
    render: (keep) => {
      if (list.length === 0) return '';
      const shown = list.slice(0, keep).map((w) => `- ${escapeMarkdown(w, 500)}`);
      const left = list.length - shown.length;
      if (left > 0)
        shown.push(
          `- _${left.toLocaleString('en-US')} more warnings left out to fit GitHub's 1 MiB limit._`,
        );
      return `### Warnings\n\n${shown.join('\n')}`;
    },
  };
}

const SEPARATOR = '\n\n';

function assemble(parts: readonly Part[], keep: readonly number[]): string {
  const texts = parts.map((part, index) => part.render(keep[index] ?? 0)).filter((t) => t !== '');
  return `${texts.join(SEPARATOR)}\n`;
}

/**
 * Cuts rows from the largest trimmable part until the text fits, so the headline always survives.
 * Each pass removes the share of rows the excess represents (at least one), then measures again.
 */
function fit(parts: readonly Part[], maxBytes: number): string {
  const keep = parts.map((part) => part.rows);
  let text = assemble(parts, keep);
  for (;;) {
    const excess = byteLength(text) - maxBytes;
    if (excess <= 0) return text;
    const sizes = parts.map((part, index) =>
      (keep[index] ?? 0) > 0 ? byteLength(part.render(keep[index] ?? 0)) : -1,
    );
    const largest = sizes.indexOf(Math.max(...sizes));
    const rows = keep[largest] ?? 0;
    const size = sizes[largest] ?? -1;
    if (size < 0) return hardCut(text, maxBytes);
    const cut = Math.max(1, Math.ceil((rows * Math.min(excess, size)) / size));
    keep[largest] = Math.max(0, rows - cut);
    text = assemble(parts, keep);
  }
}

const CUT_NOTE = "\n\n_The rest of this summary was cut to fit GitHub's 1 MiB limit._\n";

/** Last resort when even the untrimmable parts are too large: cut at a line end. */
function hardCut(text: string, maxBytes: number): string {
  const budget = Math.max(0, maxBytes - byteLength(CUT_NOTE));
  const bytes = Buffer.from(text, 'utf8').subarray(0, budget).toString('utf8');
  const lineEnd = bytes.lastIndexOf('\n');
  const kept = (lineEnd > 0 ? bytes.slice(0, lineEnd) : bytes.replace(/\uFFFD$/, '')).trimEnd();
  return `${kept}${CUT_NOTE}`;
}

/**
 * The job summary as GitHub-flavoured Markdown: headline table, trends, evidence, coverage, run details.
 * Pure: the time shown is `info.generatedAt`. Untrusted text is escaped; the result fits `maxBytes`.
 */
export function renderSummary(result: RunResult, options: SummaryOptions = {}): string {
  const { report, info } = result;
  const parts: Part[] = [
    fixed(renderHeadline(result)),
    warnings(info.warnings),
    fixed(renderTrends(report)),
    fixed('### Evidence'),
    ...evidenceTables(result).map(table),
    fixed(renderDistributions(report)),
    table(coverageTable(report, info)),
    fixed(renderRunDetails(info)),
    fixed(renderFooter(info)),
  ];
  return fit(parts, options.maxBytes ?? STEP_SUMMARY_LIMIT);
}
