import { describe, expect, it } from 'vitest';
import { EVIDENCE_METRICS, type EvidenceMetric, type EvidencePoint } from '../../../lib/incidents/evidence-point';
import { downsampleEvidence, MAX_EVIDENCE_POINTS } from '../../../lib/incidents/downsample-evidence';

const T0 = 1_800_000_000_000;
const STEP_MS = 5_000;

/** `count` points 5 s apart; each metric a different smooth curve, with spikes where `spikes` says. */
function series(count: number, spikes: { at: number; metric: EvidenceMetric; value: number }[] = [], gap: { from: number; to: number } | null = null): EvidencePoint[] {
  const points: EvidencePoint[] = [];
  for (let i = 0; i < count; i++) {
    if (gap !== null && i >= gap.from && i < gap.to) continue;
    const point = { atMs: T0 + i * STEP_MS } as EvidencePoint;
    EVIDENCE_METRICS.forEach((metric, m) => {
      point[metric] = 100 + 50 * Math.sin(i / (40 + m * 7));
    });
    points.push(point);
  }
  for (const spike of spikes) {
    const point = points.find((p) => p.atMs === T0 + spike.at * STEP_MS);
    if (point !== undefined) point[spike.metric] = spike.value;
  }
  return points;
}

const extremes = (points: readonly EvidencePoint[]) =>
  Object.fromEntries(
    EVIDENCE_METRICS.map((metric) => {
      const values = points.map((p) => p[metric]).filter((v): v is number => v !== null);
      return [metric, values.length === 0 ? null : [Math.max(...values), Math.min(...values)]];
    }),
  );

describe('downsampleEvidence', () => {
  const spikes = [
    { at: 4_321, metric: 'lagSeconds' as const, value: 9_999 },
    { at: 777, metric: 'consumeRatePerSec' as const, value: -1 },
    { at: 16_000, metric: 'sinkPermanentErrorsPerSec' as const, value: 42_000 },
    { at: 10, metric: 'dlqDepthMessages' as const, value: 0 },
  ];
  const cases = [
    { desc: 'fewer points than the bound: all of them', input: { points: series(50), maxPoints: 100 }, expected: { count: 50 } },
    { desc: 'exactly the bound: all of them', input: { points: series(100), maxPoints: 100 }, expected: { count: 100 } },
    { desc: 'a day at 5 s down to 2,000', input: { points: series(17_280, spikes), maxPoints: MAX_EVIDENCE_POINTS }, expected: { count: MAX_EVIDENCE_POINTS } },
    { desc: 'to the smallest bound that keeps every extreme', input: { points: series(5_000, spikes), maxPoints: 20 }, expected: { count: 20 } },
    { desc: 'with a gap in the middle', input: { points: series(6_000, spikes, { from: 2_000, to: 4_000 }), maxPoints: 500 }, expected: { count: 500 } },
    { desc: 'irregular spacing', input: { points: series(3_000).filter((_, i) => i % 7 !== 0 && i % 11 !== 3), maxPoints: 300 }, expected: { count: 300 } },
  ];
  it.each(cases)('$desc: bound, first and last, every extreme', ({ input, expected }) => {
    const out = downsampleEvidence(input.points, input.maxPoints);
    expect(out).toHaveLength(expected.count);
    expect(out[0]).toBe(input.points[0]);
    expect(out.at(-1)).toBe(input.points.at(-1));
    expect(out.every((p, i) => i === 0 || p.atMs > out[i - 1]!.atMs)).toBe(true);
    expect(extremes(out)).toEqual(extremes(input.points));
  });

  it('spreads the points evenly over the span: no slice of a tenth holds much more than a tenth', () => {
    const points = series(17_280);
    const out = downsampleEvidence(points, MAX_EVIDENCE_POINTS);
    const spanMs = points.at(-1)!.atMs - T0;
    const perTenth = Array.from({ length: 10 }, (_, k) => out.filter((p) => p.atMs >= T0 + (k * spanMs) / 10 && p.atMs < T0 + ((k + 1) * spanMs) / 10).length);
    expect(Math.max(...perTenth)).toBeLessThanOrEqual(MAX_EVIDENCE_POINTS / 10 + 20);
    expect(Math.min(...perTenth)).toBeGreaterThanOrEqual(MAX_EVIDENCE_POINTS / 10 - 20);
  });

  it('shares the points by time, not by count: a dense stretch gets no more than its span', () => {
    // 10,000 points a second apart, then 1,000 points ten seconds apart: the same span each.
    const dense = series(10_000).map((p, i) => ({ ...p, atMs: T0 + i * 1_000 }));
    const sparse = series(1_000).map((p, i) => ({ ...p, atMs: T0 + 10_000_000 + (i + 1) * 10_000 }));
    const out = downsampleEvidence([...dense, ...sparse], 200);
    const inDense = out.filter((p) => p.atMs < T0 + 10_000_000).length;
    expect(inDense).toBeGreaterThanOrEqual(90);
    expect(inDense).toBeLessThanOrEqual(125);
  });

  const small = [
    { desc: 'a bound of 0', input: { count: 10, maxPoints: 0 }, expected: [] },
    { desc: 'a bound of 1 keeps the first', input: { count: 10, maxPoints: 1 }, expected: [T0] },
    { desc: 'a bound of 2 keeps first and last', input: { count: 10, maxPoints: 2 }, expected: [T0, T0 + 9 * STEP_MS] },
    { desc: 'an empty list', input: { count: 0, maxPoints: 5 }, expected: [] },
  ];
  it.each(small)('$desc', ({ input, expected }) => {
    expect(downsampleEvidence(series(input.count), input.maxPoints).map((p) => p.atMs)).toEqual(expected);
  });

  it('a metric with only gaps stays a gap, and does not use up the bound', () => {
    const points = series(1_000).map((p) => ({ ...p, retriesPerSec: null }));
    expect(downsampleEvidence(points, 100)).toHaveLength(100);
  });
});
