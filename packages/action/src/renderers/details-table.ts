/** A collapsible evidence table whose rows can be cut from the end to fit the summary's byte budget. */
export interface DetailsTable {
  /** Plain text for `<summary>` (HTML context: no Markdown, no untrusted text). */
  summary: string;
  /** Markdown paragraphs shown above the table. */
  intro: string[];
  columns: string[];
  /** `:--` or `--:` per column. */
  align: string[];
  /** Escaped cells, most important row first. */
  rows: string[][];
  /** What a row is, for "12 more changes left out". */
  noun: string;
  /** Shown instead of an empty table. */
  empty: string;
  /** Open by default (GitHub collapses `<details>`). */
  open?: boolean;
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The table with its first `keep` rows, saying how many were left out to fit. */
export function renderDetailsTable(table: DetailsTable, keep: number = table.rows.length): string {
  const shown = table.rows.slice(0, Math.max(0, keep));
  const left = table.rows.length - shown.length;
  const parts = [
    `<details${table.open ? ' open' : ''}><summary>${table.summary}</summary>`,
    ...table.intro,
  ];
  if (table.rows.length === 0) {
    parts.push(table.empty);
  } else if (shown.length > 0) {
    parts.push([tableRow(table.columns), tableRow(table.align), ...shown.map(tableRow)].join('\n'));
  }
  if (left > 0) {
    parts.push(
      `_${left.toLocaleString('en-US')} more ${table.noun} left out to keep the summary under GitHub's 1 MiB limit; the JSON report has them all._`,
    );
  }
  parts.push('</details>');
  return parts.join('\n\n');
}
