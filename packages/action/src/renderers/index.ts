// The renderers: pure string builders from a RunResult (no I/O, no clock). The Action and the CLI write
// what they return: the job summary, its HTML page, the badges, the JSON report and the OpenMetrics text.
export type { ShieldsEndpoint } from './badges.js';
export { renderBadges } from './badges.js';
export { renderOpenMetrics } from './openmetrics.js';
export { REPORT_SCHEMA, renderReportJson } from './report-json.js';
export type { SummaryOptions } from './summary.js';
export { renderSummary, STEP_SUMMARY_LIMIT } from './summary.js';
export type { SummaryHtmlOptions } from './summary-html.js';
export { renderSummaryHtml } from './summary-html.js';
