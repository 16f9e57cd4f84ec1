import { describe, expect, it } from 'vitest';
import { formatDurationMs } from '../../../lib/units/format-duration';
import { parseDurationMs } from '../../../lib/units/parse-duration';

describe('formatDurationMs', () => {
  const cases: { desc: string; input: number; expected: string }[] = [
    { desc: 'zero', input: 0, expected: '0s' },
    { desc: 'milliseconds', input: 250, expected: '250ms' },
    { desc: 'whole seconds', input: 5_000, expected: '5s' },
    { desc: 'seconds and milliseconds', input: 1_500, expected: '1s500ms' },
    { desc: 'minutes and seconds', input: 90_000, expected: '1m30s' },
    { desc: 'an hour', input: 3_600_000, expected: '1h' },
    { desc: 'a day and an hour', input: 90_000_000, expected: '1d1h' },
    { desc: 'fractions of a millisecond round', input: 999.6, expected: '1s' },
    { desc: 'negative stays visible as such', input: -5, expected: '-5ms' },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    expect(formatDurationMs(input)).toBe(expected);
  });

  it.each([1, 999, 1_000, 61_001, 86_400_000 + 3_723_004])('%d ms reads back through parseDurationMs', (ms) => {
    expect(parseDurationMs(formatDurationMs(ms))).toEqual({ ok: true, valueMs: ms });
  });
});
