import { describe, expect, it } from 'vitest';
import { extendSparklines, trimSparkline } from '../../../lib/live/extend-sparklines';
import type { OverviewDelta, PipelineSummary, SparkPoint } from '../../../lib/live/live-wire';

const delta = (atMs: number, parts: Partial<OverviewDelta>): OverviewDelta => ({ atMs, intervalMs: 1_000, sources: null, added: [], changed: [], removed: [], openIncidents: null, ...parts });

describe('extendSparklines', () => {
  it.each([
    { desc: 'an added row starts with its lag', before: {}, delta: delta(5_000, { added: [{ pipelineId: 'a', lagMessages: 3 } as PipelineSummary] }), expected: { a: [[5_000, 3]] } },
    { desc: 'a changed lag is the next point', before: { a: [[4_000, 3]] }, delta: delta(5_000, { changed: [{ pipelineId: 'a', lagMessages: 9 }] }), expected: { a: [[4_000, 3], [5_000, 9]] } },
    { desc: 'a lag gone missing is a gap point', before: { a: [[4_000, 3]] }, delta: delta(5_000, { changed: [{ pipelineId: 'a', lagMessages: null }] }), expected: { a: [[4_000, 3], [5_000, null]] } },
    { desc: 'a change of another field adds no point', before: { a: [[4_000, 3]] }, delta: delta(5_000, { changed: [{ pipelineId: 'a', rank: 4 }] }), expected: { a: [[4_000, 3]] } },
    { desc: 'a removed row loses its sparkline', before: { a: [[4_000, 3]], b: [[4_000, 1]] }, delta: delta(5_000, { removed: ['b'] }), expected: { a: [[4_000, 3]] } },
  ] as { desc: string; before: Record<string, SparkPoint[]>; delta: OverviewDelta; expected: Record<string, SparkPoint[]> }[])('$desc', ({ before, delta, expected }) => {
    expect(extendSparklines(before, delta)).toEqual(expected);
  });

  it('leaves the arrays of untouched rows as they were', () => {
    const before: Record<string, SparkPoint[]> = { a: [[4_000, 3]], b: [[4_000, 1]] };
    const after = extendSparklines(before, delta(5_000, { changed: [{ pipelineId: 'a', lagMessages: 4 }] }));
    expect(after.b).toBe(before.b);
  });
});

describe('trimSparkline', () => {
  it.each([
    { desc: 'all within the span', points: [[10, 1], [20, 2]], fromMs: 5, expected: [[10, 1], [20, 2]] },
    { desc: 'older points go, the last one before the span stays as the start', points: [[1, 1], [2, 2], [3, 3], [10, 4]], fromMs: 5, expected: [[3, 3], [10, 4]] },
    { desc: 'a single old point stays: it is the current value', points: [[1, 1]], fromMs: 5, expected: [[1, 1]] },
  ] as { desc: string; points: SparkPoint[]; fromMs: number; expected: SparkPoint[] }[])('$desc', ({ points, fromMs, expected }) => {
    expect(trimSparkline(points, fromMs)).toEqual(expected);
  });
});
