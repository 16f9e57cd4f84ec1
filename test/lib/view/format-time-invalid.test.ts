import { describe, expect, it } from 'vitest';
import { formatUtcMinute } from '../../../lib/view/build-mute-view';
import { formatTimeTick } from '../../../lib/view/format-chart-values';
import { formatAbsoluteAndRelative, formatRelative, formatUtcDateTime, formatUtcStamp, formatUtcTime } from '../../../lib/view/format-time';
import { formatUtc } from '../../../lib/incidents/markdown-text';
import { isoOrNull, MAX_DATE_MS } from '../../../lib/units/date-range';

/** A time no date can hold (a mute stored by an older version) shows as text; nothing throws. */
const NOW = Date.UTC(2026, 10, 24, 3, 12, 40);
const formatters: { name: string; format: (ms: number) => string | null }[] = [
  { name: 'formatUtcTime', format: (ms) => formatUtcTime(ms) },
  { name: 'formatUtcDateTime', format: (ms) => formatUtcDateTime(ms) },
  { name: 'formatUtcStamp', format: (ms) => formatUtcStamp(ms, NOW) },
  { name: 'formatRelative', format: (ms) => formatRelative(ms, NOW) },
  { name: 'formatAbsoluteAndRelative', format: (ms) => formatAbsoluteAndRelative(ms, NOW) },
  { name: 'formatUtcMinute', format: (ms) => formatUtcMinute(ms, NOW) },
  { name: 'formatTimeTick', format: (ms) => formatTimeTick(ms) },
  { name: 'formatUtc (postmortem)', format: (ms) => formatUtc(ms) },
];

describe('times beyond what a date can hold', () => {
  it.each(formatters.flatMap((f) => [Number.MAX_SAFE_INTEGER, MAX_DATE_MS + 1, -Number.MAX_SAFE_INTEGER].map((ms) => ({ ...f, ms }))))('$name($ms) reads "invalid time"', ({ format, ms }) => {
    expect(format(ms)).toBe('invalid time');
  });

  it.each(formatters)('$name of the largest date still formats', ({ format }) => {
    expect(format(MAX_DATE_MS)).not.toBe('invalid time');
  });

  it.each([
    { desc: 'a time', input: 0, expected: '1970-01-01T00:00:00.000Z' },
    { desc: 'none', input: null, expected: null },
    { desc: 'beyond dates', input: Number.MAX_SAFE_INTEGER, expected: null },
  ])('isoOrNull of $desc', ({ input, expected }) => {
    expect(isoOrNull(input)).toBe(expected);
  });
});
