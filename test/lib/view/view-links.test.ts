import { describe, expect, it } from 'vitest';
import { buildGroupEventItems } from '../../../lib/view/build-group-event-items';
import { parseThemePreference, resolveTheme, THEME_SCRIPT } from '../../../lib/view/theme-preference';
import { buildIncidentHref, buildIncidentsHref, buildPipelineHref } from '../../../lib/view/view-links';
import { buildWindowSearch, parseWindowOption, windowCovering, windowMsOf } from '../../../lib/view/window-options';
import { T0 } from './view-fixtures';

describe('links carry ids as query parameters', () => {
  it.each([
    { desc: 'plain', href: buildPipelineHref('fraud-features'), id: 'fraud-features' },
    { desc: 'slash, percent, question mark, hash', href: buildPipelineHref('a/b%2F?c#d'), id: 'a/b%2F?c#d' },
    { desc: 'unicode, RTL and emoji', href: buildPipelineHref('שלום-🔥-группа'), id: 'שלום-🔥-группа' },
    { desc: 'markup', href: buildPipelineHref('<img src=x onerror=alert(1)>'), id: '<img src=x onerror=alert(1)>' },
  ])('$desc', ({ href, id }) => {
    const url = new URL(href, 'http://x');
    expect({ path: url.pathname, id: url.searchParams.get('id') }).toEqual({ path: '/pipeline', id });
  });

  it.each([
    { desc: 'with a window', actual: buildPipelineHref('p', '1h'), expected: '/pipeline?id=p&window=1h' },
    { desc: 'incident', actual: buildIncidentHref('p/slow-sink/1'), expected: '/incident?id=p%2Fslow-sink%2F1' },
    { desc: 'incidents, no filter', actual: buildIncidentsHref(), expected: '/incidents' },
    { desc: 'incidents of a pipeline', actual: buildIncidentsHref({ pipeline: 'a b' }), expected: '/incidents?pipeline=a+b' },
  ])('$desc', ({ actual, expected }) => {
    expect(actual).toBe(expected);
  });
});

describe('window options', () => {
  it.each([
    { input: '5m', expected: '5m' },
    { input: '1h', expected: '1h' },
    { input: '24h', expected: '24h' },
    { input: '2d', expected: '15m' },
    { input: null, expected: '15m' },
  ])('parse $input', ({ input, expected }) => {
    expect(parseWindowOption(input)).toBe(expected);
  });

  it.each([
    { desc: '4 minutes back', spanMs: 4 * 60_000, expected: '5m' },
    { desc: 'exactly 15 minutes', spanMs: 15 * 60_000, expected: '15m' },
    { desc: '50 minutes', spanMs: 50 * 60_000, expected: '1h' },
    { desc: 'past the live windows: a Prometheus range', spanMs: 61 * 60_000, expected: '6h' },
    { desc: 'longer than any range', spanMs: 8 * 24 * 60 * 60_000, expected: null },
  ])('covering $desc', ({ spanMs, expected }) => {
    expect(windowCovering(T0 - spanMs, T0)).toBe(expected);
  });

  it('in milliseconds', () => {
    expect(windowMsOf('15m')).toBe(900_000);
  });
});

describe('theme preference', () => {
  it.each([
    { stored: 'dark', systemDark: false, expected: 'dark' },
    { stored: 'light', systemDark: true, expected: 'light' },
    { stored: null, systemDark: true, expected: 'dark' },
    { stored: 'system', systemDark: false, expected: 'light' },
    { stored: 'purple', systemDark: true, expected: 'dark' },
  ])('stored $stored, system dark $systemDark → $expected', ({ stored, systemDark, expected }) => {
    expect(resolveTheme(parseThemePreference(stored), systemDark)).toBe(expected);
  });

  it('the inline script is valid JavaScript', () => {
    expect(() => new Function(THEME_SCRIPT)).not.toThrow();
  });
});

describe('buildGroupEventItems', () => {
  it('newest first, in words, at most the limit', () => {
    const items = buildGroupEventItems(
      [
        { kind: 'members-changed', atMs: T0, joined: ['a'], left: [], members: 2 },
        { kind: 'assignment-changed', atMs: T0 + 5_000, movedPartitions: 3 },
        { kind: 'state-changed', atMs: T0 + 10_000, from: 'Stable', to: 'Empty' },
      ],
      T0 + 20_000,
      2,
    );
    expect(items.map((i) => [i.at, i.text, i.rebalance])).toEqual([
      ['03:00:10 UTC', 'state Stable → Empty', false],
      ['03:00:05 UTC', '3 partitions moved', true],
    ]);
  });
});

describe('buildWindowSearch', () => {
  it('sets the window and keeps the id, however it is encoded', () => {
    const search = buildWindowSearch('1h', '?id=a%2Fb%25&window=5m');
    expect(new URLSearchParams(search).get('id')).toBe('a/b%');
    expect(new URLSearchParams(search).get('window')).toBe('1h');
  });
});
