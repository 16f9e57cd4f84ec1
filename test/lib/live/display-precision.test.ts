import { describe, expect, it } from 'vitest';
import { lagSecondsToDisplayPrecision, timeToDrainToDisplayPrecision, toDisplayPrecision } from '../../../lib/live/display-precision';
import { formatLatency, formatRate, formatSeconds } from '../../../lib/units/format-units';

describe('toDisplayPrecision', () => {
  it.each([
    { desc: 'a rate in its ninth digit', input: 0.333333333, expected: 0.333 },
    { desc: 'from 10 up, whole numbers', input: 123_456.7, expected: 123_457 },
    { desc: 'below 10, three digits', input: 4.5678, expected: 4.57 },
    { desc: 'zero', input: 0, expected: 0 },
    { desc: 'null', input: null, expected: null },
    { desc: 'infinity', input: Infinity, expected: Infinity },
  ])('$desc', ({ input, expected }) => {
    expect(toDisplayPrecision(input)).toBe(expected);
  });

  it.each([0.0123, 0.0987, 0.5, 7.26, 48.2, 999.6, 1234.5, 0.000_41])('a rate of %d/s reads the same on the row', (perSec) => {
    expect(formatRate(toDisplayPrecision(perSec))).toBe(formatRate(perSec));
  });

  it.each([0.0234, 4.93, 59.4, 185.3, 3_725.2, 90_061])('%d s read the same on the row, as lag and as latency', (seconds) => {
    expect(formatSeconds(toDisplayPrecision(seconds))).toBe(formatSeconds(seconds));
    expect(formatLatency(toDisplayPrecision(seconds))).toBe(formatLatency(seconds));
  });

  it('rounds the numbers inside the lag estimate and the time to drain, and keeps their kind', () => {
    expect(lagSecondsToDisplayPrecision({ kind: 'estimated', seconds: 4.5678, confidence: 'interpolated' })).toEqual({ kind: 'estimated', seconds: 4.57, confidence: 'interpolated' });
    expect(lagSecondsToDisplayPrecision({ kind: 'caught-up', seconds: 0 })).toEqual({ kind: 'caught-up', seconds: 0 });
    expect(timeToDrainToDisplayPrecision({ kind: 'not-draining', netGrowthPerSec: 1.23456 })).toEqual({ kind: 'not-draining', netGrowthPerSec: 1.23 });
    expect(timeToDrainToDisplayPrecision({ kind: 'draining', seconds: 3_601.7 })).toEqual({ kind: 'draining', seconds: 3_602 });
  });
});
