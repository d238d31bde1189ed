/** Longest untrusted text put in a summary cell, in code points: keeps one hostile title from filling the budget. */
export const MAX_TEXT_LENGTH = 120;

// Every ASCII character GitHub-flavoured Markdown gives a meaning to: emphasis, links, images, code, tables,
// headings, lists, strikethrough, math, autolink brackets.
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~$]/g;
// Line and paragraph breaks would end a table row; other controls have no business in a summary.
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]+/gu;
// A zero-width space after `@` keeps `@org/team` from being read as a mention (as Dependabot does).
const MENTION = /@(?=[\p{L}\p{N}_-])/gu;

// Most ids and names contain none of these: they skip the replacements.
const NEEDS_WORK = /[\\`*_{}[\]()#+\-.!|~$&<>@\p{Cc}\u2028\u2029]|:\/\/|^\s|\s$/u;

/**
 * Makes untrusted text (titles, branch names, authors, repository names, ids) inert in Markdown and HTML:
 * on one line, entity-escaped, every Markdown punctuation backslash-escaped, mentions broken.
 */
export function escapeMarkdown(text: string, maxLength: number = MAX_TEXT_LENGTH): string {
  if (!NEEDS_WORK.test(text) && text.length <= maxLength) return text;
  const oneLine = text.replace(CONTROL_CHARACTERS, ' ').trim();
  return (
    truncate(oneLine, maxLength)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(MARKDOWN_PUNCTUATION, '\\$&')
      // GFM autolinks `scheme://` and `www.`: an escaped colon (and the escaped dot) keeps them plain text.
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(MENTION, '@&#8203;')
  );
}

/** Cuts at a code-point boundary and marks the cut with an ellipsis. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const points = Array.from(text);
  if (points.length <= maxLength) return text;
  return `${points.slice(0, Math.max(0, maxLength - 1)).join('')}…`;
}

/** UTF-8 length: the unit of GitHub's step-summary limit. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
