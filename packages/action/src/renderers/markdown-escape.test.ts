import { describe, expect, it } from 'vitest';
import { byteLength, escapeMarkdown, truncate } from './markdown-escape.js';

describe('escapeMarkdown', () => {
  it('makes the hostile title inert', () => {
    const hostile =
      '<img src=x onerror=alert(1)> | **bold** [x](javascript:alert(1)) `code` @org/team';
    expect(escapeMarkdown(hostile)).toBe(
      '&lt;img src=x onerror=alert\\(1\\)&gt; \\| \\*\\*bold\\*\\* \\[x\\]\\(javascript:alert\\(1\\)\\) \\`code\\` @&#8203;org/team',
    );
  });

  it('escapes every listed punctuation character with a backslash', () => {
    expect(escapeMarkdown('\\`*_{}[]()#+-.!|~$')).toBe(
      '\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\#\\+\\-\\.\\!\\|\\~\\$',
    );
  });

  it('turns line breaks, tabs and controls into single spaces', () => {
    expect(escapeMarkdown('a\r\nb\tc\u2028d\u0000e')).toBe('a b c d e');
  });

  it('encodes the HTML specials as entities', () => {
    expect(escapeMarkdown('a & b <c> &amp;')).toBe('a &amp; b &lt;c&gt; &amp;amp;');
  });

  it('breaks mentions but leaves a lone @ and e-mail-like text readable', () => {
    expect(escapeMarkdown('@alice and @ and bob@x')).toBe('@&#8203;alice and @ and bob@&#8203;x');
  });

  it('keeps bare URLs from becoming links', () => {
    expect(escapeMarkdown('see https://evil.example/x or www.evil.example')).toBe(
      'see https\\://evil\\.example/x or www\\.evil\\.example',
    );
  });

  it('truncates long text to the limit with an ellipsis', () => {
    expect(escapeMarkdown('abcdefgh', 5)).toBe('abcd…');
  });
});

describe('truncate', () => {
  it('counts code points, never splitting a surrogate pair', () => {
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
    expect(truncate('😀😀😀', 3)).toBe('😀😀😀');
  });
});

describe('byteLength', () => {
  it('counts UTF-8 bytes', () => {
    expect(byteLength('a€😀')).toBe(1 + 3 + 4);
  });
});
