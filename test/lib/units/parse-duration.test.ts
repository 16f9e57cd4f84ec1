import { describe, expect, it } from 'vitest';
import { parseDurationMs, type DurationResult } from '../../../lib/units/parse-duration';

const notADuration = (text: string): DurationResult => ({
  ok: false,
  error: `${JSON.stringify(text)} is not a duration: write a number with a unit (500ms, 30s, 1.5m, 1h, 1d, 1m30s) or a bare number of seconds (15)`,
});

describe('parseDurationMs', () => {
  const cases: { desc: string; input: string; expected: DurationResult }[] = [
    { desc: 'milliseconds', input: '500ms', expected: { ok: true, valueMs: 500 } },
    { desc: 'seconds', input: '30s', expected: { ok: true, valueMs: 30_000 } },
    { desc: 'minutes', input: '2m', expected: { ok: true, valueMs: 120_000 } },
    { desc: 'hours', input: '1h', expected: { ok: true, valueMs: 3_600_000 } },
    { desc: 'days', input: '1d', expected: { ok: true, valueMs: 86_400_000 } },
    { desc: 'a fraction of a unit', input: '1.5s', expected: { ok: true, valueMs: 1_500 } },
    { desc: 'a bare number is seconds, as in the lab CLI', input: '15', expected: { ok: true, valueMs: 15_000 } },
    { desc: 'a bare fraction is seconds', input: '0.25', expected: { ok: true, valueMs: 250 } },
    { desc: 'zero', input: '0s', expected: { ok: true, valueMs: 0 } },
    { desc: 'compound, largest unit first', input: '1m30s', expected: { ok: true, valueMs: 90_000 } },
    { desc: 'compound down to milliseconds', input: '1h2m3s4ms', expected: { ok: true, valueMs: 3_723_004 } },
    { desc: 'surrounding spaces are ignored', input: '  5s ', expected: { ok: true, valueMs: 5_000 } },
    { desc: 'sub-millisecond fractions round', input: '0.0004s', expected: { ok: true, valueMs: 0 } },
    { desc: 'empty', input: '', expected: notADuration('') },
    { desc: 'a unit without a number', input: 's', expected: notADuration('s') },
    { desc: 'a spelled-out unit', input: '5 sec', expected: notADuration('5 sec') },
    { desc: 'an unknown unit', input: '5w', expected: notADuration('5w') },
    { desc: 'upper-case unit', input: '5S', expected: notADuration('5S') },
    { desc: 'negative', input: '-5s', expected: notADuration('-5s') },
    { desc: 'units out of order', input: '30s1m', expected: notADuration('30s1m') },
    { desc: 'a unit repeated', input: '1m1m', expected: notADuration('1m1m') },
    { desc: 'a trailing bare number after a unit', input: '1m30', expected: notADuration('1m30') },
    { desc: 'a leading dot', input: '.5s', expected: notADuration('.5s') },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    expect(parseDurationMs(input)).toEqual(expected);
  });
});
