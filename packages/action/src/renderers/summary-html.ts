import { Marked, type Tokens } from 'marked';
import { parseMermaidXyChart } from './mermaid-xychart.js';
import { escapeXml, renderSvgChart } from './svg-chart.js';

export interface SummaryHtmlOptions {
  /** The page title; default `DORA metrics`. */
  title?: string;
}

const CHART_COLORS = ['#2da44e', '#0969da', '#bc4c00', '#8250df'];

// Only the tags the summary itself writes survive; anything else arriving as raw HTML is shown as text.
const ALLOWED_TAG = /^<\/?(?:details|summary|b|sub|br)(?: open)?\s*\/?>$/i;

function sanitizeHtml(text: string): string {
  return text.replace(/<[^>]*>?/g, (tag) => (ALLOWED_TAG.test(tag) ? tag : escapeXml(tag)));
}

// Emoji fonts are not everywhere (headless browsers, some Linux desktops): the level markers become CSS dots.
const LEVEL_MARKERS: Array<[string, string]> = [
  ['🟢', 'elite'],
  ['🟩', 'high'],
  ['🟡', 'medium'],
  ['🟠', 'low'],
  ['⚪', 'insufficient-data'],
];

function levelDots(html: string): string {
  return LEVEL_MARKERS.reduce(
    (text, [marker, level]) =>
      text.replaceAll(marker, `<span class="level level-${level}" aria-hidden="true"></span>`),
    html,
  );
}

const ALERT = /^<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/;
const ALERT_TITLE: Record<string, string> = {
  NOTE: 'ℹ️ Note',
  TIP: '💡 Tip',
  IMPORTANT: '❗ Important',
  WARNING: '⚠️ Warning',
  CAUTION: '🛑 Caution',
};

function markdownParser(): Marked {
  let charts = 0;
  return new Marked({
    gfm: true,
    renderer: {
      code({ text, lang }: Tokens.Code): string {
        const chart = lang === 'mermaid' ? parseMermaidXyChart(text) : null;
        if (chart === null) return `<pre><code>${escapeXml(text)}</code></pre>\n`;
        const color = CHART_COLORS[charts % CHART_COLORS.length] ?? '#0969da';
        charts += 1;
        return `<figure class="chart-box">\n${renderSvgChart(chart, color)}\n</figure>\n`;
      },
      html({ text }: Tokens.HTML | Tokens.Tag): string {
        return sanitizeHtml(text);
      },
      link({ href, tokens }: Tokens.Link): string {
        const label = this.parser.parseInline(tokens);
        return /^https?:\/\//i.test(href)
          ? `<a href="${escapeXml(href)}" rel="noopener noreferrer">${label}</a>`
          : label;
      },
      image({ text }: Tokens.Image): string {
        return escapeXml(text);
      },
      blockquote({ tokens }: Tokens.Blockquote): string {
        const body = this.parser.parse(tokens);
        const alert = ALERT.exec(body);
        if (alert === null) return `<blockquote>\n${body}</blockquote>\n`;
        const kind = alert[1] ?? 'NOTE';
        return `<div class="alert alert-${kind.toLowerCase()}">\n<p class="alert-title">${ALERT_TITLE[kind]}</p>\n<p>${body.slice(alert[0].length)}</div>\n`;
      },
    },
  });
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: #1f2328; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"; }
.page { max-width: 1012px; margin: 24px auto; padding: 0 16px; }
.page-header { display: flex; align-items: center; gap: 8px; padding: 12px 16px; background: #f6f8fa; border: 1px solid #d0d7de; border-bottom: 0; border-radius: 6px 6px 0 0; font-weight: 600; }
.page-header .dot { width: 10px; height: 10px; border-radius: 50%; background: #2da44e; display: inline-block; }
.markdown-body { background: #ffffff; border: 1px solid #d0d7de; border-radius: 0 0 6px 6px; padding: 24px 32px 32px; overflow-wrap: break-word; }
.markdown-body > :first-child { margin-top: 0; }
h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; margin: 24px 0 16px; }
h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
p, ul, table, details, figure, .alert { margin: 0 0 16px; }
ul { padding-left: 2em; }
li + li { margin-top: .25em; }
code { font: 85% ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace; background: rgba(129,139,152,.12); padding: .2em .4em; border-radius: 6px; }
pre { background: #f6f8fa; padding: 16px; border-radius: 6px; overflow: auto; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; border-spacing: 0; display: block; width: max-content; max-width: 100%; overflow: auto; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
th { font-weight: 600; background: #f6f8fa; }
td[align="right"], th[align="right"] { white-space: nowrap; }
tr:nth-child(2n) td { background: #f6f8fa; }
details { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px 16px; }
details[open] { padding-bottom: 0; }
details > summary { cursor: pointer; margin: 0 -16px; padding: 0 16px; }
details[open] > summary { margin-bottom: 12px; }
.level { display: inline-block; width: .7em; height: .7em; border-radius: 50%; margin-right: .25em; vertical-align: baseline; }
.level-elite { background: #1a7f37; } .level-high { background: #4ac26b; } .level-medium { background: #d4a72c; }
.level-low { background: #e16f24; } .level-insufficient-data { background: #d1d9e0; }
sub { color: #59636e; font-size: 12px; }
.alert { padding: 8px 16px; border-left: .25em solid; border-radius: 0 6px 6px 0; }
.alert > :last-child { margin-bottom: 0; }
.alert p { margin: 0 0 8px; }
.alert-title { font-weight: 600; }
.alert-note { border-color: #0969da; background: #ddf4ff66; } .alert-note .alert-title { color: #0969da; }
.alert-tip { border-color: #1a7f37; } .alert-tip .alert-title { color: #1a7f37; }
.alert-important { border-color: #8250df; } .alert-important .alert-title { color: #8250df; }
.alert-warning { border-color: #9a6700; background: #fff8c566; } .alert-warning .alert-title { color: #9a6700; }
.alert-caution { border-color: #d1242f; } .alert-caution .alert-title { color: #d1242f; }
figure.chart-box { display: inline-block; vertical-align: top; border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px; margin: 0 12px 16px 0; max-width: 100%; overflow: auto; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font: 12px -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; fill: #59636e; }
svg.chart .chart-title { font-size: 14px; font-weight: 600; fill: #1f2328; }
svg.chart .value { fill: #1f2328; font-weight: 600; }
svg.chart .grid { stroke: #d1d9e0; stroke-dasharray: 2 3; }
svg.chart .axis { stroke: #818b98; }
`;

/**
 * A self-contained HTML page of the job summary (inline CSS in GitHub's light style; Mermaid xycharts drawn
 * as inline SVG; no script, no network). Raw HTML other than the summary's own tags is shown as text.
 */
export function renderSummaryHtml(markdown: string, options: SummaryHtmlOptions = {}): string {
  const title = escapeXml(options.title ?? 'DORA metrics');
  const body = levelDots(markdownParser().parse(markdown, { async: false }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="page">
<div class="page-header"><span class="dot"></span>${title}</div>
<article class="markdown-body">
${body}</article>
</main>
</body>
</html>
`;
}
