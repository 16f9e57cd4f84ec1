import { describe, expect, it } from 'vitest';
import { buildSparklinePath } from '../../../lib/view/build-sparkline-path';
import type { SparkPoint } from '../../../lib/live/live-wire';

const box = { width: 100, height: 20, fromMs: 0, toMs: 1_000 };

describe('buildSparklinePath', () => {
  it.each([
    { desc: 'no points: nothing to draw', points: [], expected: null },
    { desc: 'one point at the frame time: nothing to draw yet', points: [[1_000, 5]], expected: null },
    { desc: 'one point carried to the frame time (the lag did not change)', points: [[500, 0]], expected: 'M50 20H100' },
    { desc: 'steps: each value holds until the next point', points: [[0, 0], [500, 200]], expected: 'M0 20H50V0H100' },
    { desc: 'the scale has a floor: small lags stay low', points: [[0, 50]], expected: 'M0 10H100' },
    { desc: 'a null lag is a gap, and the line starts again after it', points: [[0, 100], [400, null], [600, 100]], expected: 'M0 0H40M60 0H100' },
    { desc: 'a point before the span starts at its left edge', points: [[-500, 100], [500, 100]], expected: 'M0 0H50V0H100' },
  ] as { desc: string; points: SparkPoint[]; expected: string | null }[])('$desc', ({ points, expected }) => {
    expect(buildSparklinePath(points, box)).toBe(expected);
  });
});
