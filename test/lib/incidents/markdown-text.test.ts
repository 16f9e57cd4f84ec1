import { describe, expect, it } from 'vitest';
import { escapeMarkdown, formatMarkdownTable, formatUtc } from '../../../lib/incidents/markdown-text';

describe('escapeMarkdown', () => {
  const cases: { desc: string; input: string; expected: string }[] = [
    { desc: 'plain names pass', input: 'payments.v2-dlq', expected: 'payments.v2-dlq' },
    { desc: 'a pipe cannot split a table cell', input: 'a|b', expected: 'a\\|b' },
    { desc: 'newlines cannot end the row or start a heading', input: 'x\n# owned\r\n|---|', expected: 'x # owned \\|---\\|' },
    { desc: 'HTML is shown, not run', input: '<img src=x onerror=alert(1)>', expected: '\\<img src=x onerror=alert(1)\\>' },
    { desc: 'links and images are shown, not followed', input: '![x](http://evil)', expected: '!\\[x\\](http://evil)' },
    { desc: 'emphasis, code and strike markers', input: '*a* _b_ `c` ~~d~~', expected: '\\*a\\* \\_b\\_ \\`c\\` \\~\\~d\\~\\~' },
    { desc: 'backslashes and entities', input: 'C:\\tmp &amp; $x$', expected: 'C:\\\\tmp \\&amp; \\$x\\$' },
    { desc: 'control characters become spaces', input: 'a\u0000b\u2028c\td', expected: 'a b c d' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(escapeMarkdown(input)).toBe(expected));

  it('bounds the length', () => expect(escapeMarkdown('x'.repeat(1_000), 10)).toBe(`${'x'.repeat(9)}…`));
});

describe('formatMarkdownTable', () => {
  it('writes a header, a rule and rows; an empty cell stays a cell', () => {
    expect(formatMarkdownTable(['A', 'B'], [['1', ''], ['x\\|y', '2']])).toBe('| A | B |\n| --- | --- |\n| 1 |   |\n| x\\|y | 2 |');
  });
});

describe('formatUtc', () => {
  const cases = [
    { desc: 'seconds precision in UTC', input: Date.UTC(2027, 0, 15, 8, 0, 5, 999), expected: '2027-01-15 08:00:05' },
    { desc: 'not a time', input: Number.NaN, expected: '–' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(formatUtc(input)).toBe(expected));
});
