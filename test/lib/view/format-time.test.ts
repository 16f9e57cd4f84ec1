import { describe, expect, it } from 'vitest';
import { formatAbsoluteAndRelative, formatDurationText, formatRelative, formatUtcDateTime, formatUtcStamp, formatUtcTime } from '../../../lib/view/format-time';

const NOW = Date.parse('2026-11-24T03:12:40Z');

describe('formatRelative', () => {
  it.each([
    { desc: 'missing', atMs: null, expected: '–' },
    { desc: 'NaN', atMs: NaN, expected: '–' },
    { desc: 'same instant', atMs: NOW, expected: 'just now' },
    { desc: 'under a second in the future (clock skew)', atMs: NOW + 900, expected: 'just now' },
    { desc: 'seconds', atMs: NOW - 12_400, expected: '12 s ago' },
    { desc: 'a minute', atMs: NOW - 60_000, expected: '1 m ago' },
    { desc: 'minutes drop the seconds', atMs: NOW - 4 * 60_000 - 59_000, expected: '4 m ago' },
    { desc: 'hours keep minutes', atMs: NOW - (2 * 3_600_000 + 5 * 60_000), expected: '2 h 05 m ago' },
    { desc: 'days', atMs: NOW - 3 * 86_400_000 - 5_000, expected: '3 d ago' },
    { desc: 'future', atMs: NOW + 4_000, expected: 'in 4 s' },
  ])('$desc', ({ atMs, expected }) => {
    expect(formatRelative(atMs, NOW)).toBe(expected);
  });
});

describe('absolute UTC times', () => {
  it.each([
    { desc: 'time', actual: formatUtcTime(NOW), expected: '03:12:40 UTC' },
    { desc: 'time of missing', actual: formatUtcTime(null), expected: '–' },
    { desc: 'date and time', actual: formatUtcDateTime(NOW), expected: '2026-11-24 03:12:40 UTC' },
    { desc: 'stamp on the same UTC day is the time', actual: formatUtcStamp(NOW - 3_600_000, NOW), expected: '02:12:40 UTC' },
    { desc: 'stamp on another day has the date', actual: formatUtcStamp(NOW - 4 * 3_600_000, NOW), expected: '2026-11-23 23:12:40 UTC' },
    { desc: 'absolute and relative', actual: formatAbsoluteAndRelative(NOW - 12_000, NOW), expected: '03:12:28 UTC (12 s ago)' },
  ])('$desc', ({ actual, expected }) => {
    expect(actual).toBe(expected);
  });
});

describe('formatDurationText', () => {
  it.each([
    { desc: 'missing', ms: null, expected: '–' },
    { desc: 'negative', ms: -5, expected: '–' },
    { desc: 'zero', ms: 0, expected: '0 s' },
    { desc: 'seconds', ms: 45_000, expected: '45 s' },
    { desc: 'minutes', ms: 185_000, expected: '3 m 05 s' },
    { desc: 'hours', ms: 2 * 3_600_000 + 5 * 60_000, expected: '2 h 05 m' },
  ])('$desc', ({ ms, expected }) => {
    expect(formatDurationText(ms)).toBe(expected);
  });
});
