import { describe, expect, it } from 'vitest';
import { MAX_POINTS_PER_SERIES, rangeQueryStep } from '../../../lib/signals/range-query-step';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

describe('rangeQueryStep', () => {
  const cases = [
    { desc: 'an hour at a 15 s minimum step: the minimum wins', input: { startMs: 0, endMs: HOUR_MS, minStepMs: 15_000 }, expected: { kind: 'step', stepMs: 15_000, points: 241 } },
    { desc: 'an empty range is one point', input: { startMs: 5_000, endMs: 5_000, minStepMs: 1_000 }, expected: { kind: 'step', stepMs: 1_000, points: 1 } },
    { desc: '10,999 ms at 1 ms: exactly 11,000 points', input: { startMs: 0, endMs: 10_999, minStepMs: 1 }, expected: { kind: 'step', stepMs: 1, points: 11_000 } },
    { desc: '11,000 ms at 1 ms would be 11,001 points: step doubles', input: { startMs: 0, endMs: 11_000, minStepMs: 1 }, expected: { kind: 'step', stepMs: 2, points: 5_501 } },
    { desc: 'a week at a 1 s minimum step', input: { startMs: 0, endMs: WEEK_MS, minStepMs: 1_000 }, expected: { kind: 'step', stepMs: 54_982, points: 11_000 } },
    { desc: 'a fractional minimum step rounds up to whole ms', input: { startMs: 0, endMs: 60_000, minStepMs: 1_500.5 }, expected: { kind: 'step', stepMs: 1_501, points: 40 } },
    { desc: 'end before start', input: { startMs: 10, endMs: 5, minStepMs: 1 }, expected: { kind: 'invalid', reason: 'end-before-start' } },
    { desc: 'a zero step', input: { startMs: 0, endMs: 5, minStepMs: 0 }, expected: { kind: 'invalid', reason: 'non-positive-step' } },
    { desc: 'a negative step', input: { startMs: 0, endMs: 5, minStepMs: -1 }, expected: { kind: 'invalid', reason: 'non-positive-step' } },
    { desc: 'a NaN time', input: { startMs: NaN, endMs: 5, minStepMs: 1 }, expected: { kind: 'invalid', reason: 'non-finite-time' } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(rangeQueryStep(input.startMs, input.endMs, input.minStepMs)).toEqual(expected));

  it.each([1, 999, 11_000, 12_345_678, HOUR_MS, WEEK_MS, 365 * 24 * HOUR_MS, 1_234_567.5])(
    'range %d ms: within the limit, accepted by Prometheus, and the smallest such step',
    (rangeMs) => {
      const step = rangeQueryStep(1_700_000_000_000, 1_700_000_000_000 + rangeMs, 1);
      if (step.kind !== 'step') throw new Error(`expected a step, got ${step.reason}`);
      expect(step.points).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
      // Prometheus's own check: reject when (end - start) / step > 11,000.
      expect(Math.floor(rangeMs / step.stepMs)).toBeLessThanOrEqual(11_000);
      if (step.stepMs > 1) expect(Math.floor(rangeMs / (step.stepMs - 1)) + 1).toBeGreaterThan(MAX_POINTS_PER_SERIES);
    },
  );
});
