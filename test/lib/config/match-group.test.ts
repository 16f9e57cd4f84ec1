import { describe, expect, it } from 'vitest';
import { compileGroupFilter, compileGroupPattern, isGroupIncluded, type GroupFilterPatterns } from '../../../lib/config/match-group';

describe('compileGroupPattern', () => {
  const cases: { desc: string; input: { pattern: string; groupId: string }; expected: boolean | string }[] = [
    { desc: 'a plain name matches only itself', input: { pattern: 'fraud-features', groupId: 'fraud-features' }, expected: true },
    { desc: 'a plain name is not a prefix', input: { pattern: 'fraud', groupId: 'fraud-features' }, expected: false },
    { desc: '* matches any run', input: { pattern: 'fraud-*', groupId: 'fraud-features' }, expected: true },
    { desc: '* matches nothing too', input: { pattern: 'fraud-*', groupId: 'fraud-' }, expected: true },
    { desc: '? matches one character', input: { pattern: 'sink-?', groupId: 'sink-a' }, expected: true },
    { desc: '? does not match two', input: { pattern: 'sink-?', groupId: 'sink-ab' }, expected: false },
    { desc: 'glob dots are literal', input: { pattern: 'a.b', groupId: 'axb' }, expected: false },
    { desc: 'glob brackets are literal', input: { pattern: 'a[1]', groupId: 'a[1]' }, expected: true },
    { desc: 'globs are case-sensitive, as group ids are', input: { pattern: 'Fraud*', groupId: 'fraud' }, expected: false },
    { desc: 'a regex matches anywhere', input: { pattern: '/features/', groupId: 'fraud-features-v2' }, expected: true },
    { desc: 'an anchored regex', input: { pattern: '/^fraud-/', groupId: 'old-fraud-x' }, expected: false },
    { desc: 'the i flag', input: { pattern: '/^FRAUD/i', groupId: 'fraud' }, expected: true },
    { desc: 'a lone slash is a glob', input: { pattern: '/', groupId: '/' }, expected: true },
    { desc: 'an invalid regex names the pattern', input: { pattern: '/([a-z/', groupId: 'x' }, expected: 'invalid regular expression /([a-z/: Unterminated character class' },
    { desc: 'an empty regex', input: { pattern: '//', groupId: 'x' }, expected: 'empty regular expression //' },
    { desc: 'the g flag would make matching stateful', input: { pattern: '/a/g', groupId: 'a' }, expected: 'regular expression /a/g has flags "g"; only i, m, s and u are allowed' },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const compiled = compileGroupPattern(input.pattern);
    expect(compiled.ok ? compiled.regex.test(input.groupId) : compiled.error).toBe(expected);
  });
});

describe('isGroupIncluded', () => {
  const none: GroupFilterPatterns = { includeGroups: [], excludeGroups: [], internalGroups: [] };
  const cases: { desc: string; input: { patterns: Partial<GroupFilterPatterns>; groupId: string }; expected: boolean }[] = [
    { desc: 'no patterns: every group', input: { patterns: {}, groupId: 'anything' }, expected: true },
    { desc: 'include lists what is in', input: { patterns: { includeGroups: ['pay*'] }, groupId: 'payments' }, expected: true },
    { desc: 'include leaves the rest out', input: { patterns: { includeGroups: ['pay*'] }, groupId: 'orders' }, expected: false },
    { desc: 'any include pattern will do', input: { patterns: { includeGroups: ['pay*', '/^ord/'] }, groupId: 'orders' }, expected: true },
    { desc: 'exclude wins over include', input: { patterns: { includeGroups: ['*'], excludeGroups: ['*-test'] }, groupId: 'pay-test' }, expected: false },
    { desc: 'internal groups are excluded', input: { patterns: { internalGroups: ['_*'] }, groupId: '_confluent-controlcenter' }, expected: false },
    { desc: 'include does not bring internal groups back', input: { patterns: { includeGroups: ['*'], internalGroups: ['_*'] }, groupId: '_x' }, expected: false },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const compiled = compileGroupFilter({ ...none, ...input.patterns });
    if (!compiled.ok) throw new Error(compiled.errors.join('; '));
    expect(isGroupIncluded(input.groupId, compiled.filter)).toBe(expected);
  });

  it('compileGroupFilter reports every bad pattern', () => {
    expect(compileGroupFilter({ includeGroups: ['/(/'], excludeGroups: ['ok'], internalGroups: ['/x/y'] })).toEqual({
      ok: false,
      errors: ['invalid regular expression /(/: Unterminated group', 'regular expression /x/y has flags "y"; only i, m, s and u are allowed'],
    });
  });
});
