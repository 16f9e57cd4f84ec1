import { describe, expect, it } from 'vitest';
import { histogramQuantile, histogramSince, parseCycleHistogram } from '../../../lab/bench/cycle-histogram';

const metrics = (counts: [string, number][], sum: number, skipped: number) =>
  [
    '# HELP pipewatch_collection_cycle_duration_seconds Time one collection cycle took.',
    ...counts.map(([le, n]) => `pipewatch_collection_cycle_duration_seconds_bucket{le="${le}"} ${n}`),
    `pipewatch_collection_cycle_duration_seconds_sum ${sum}`,
    `pipewatch_collection_cycle_duration_seconds_count ${counts.at(-1)![1]}`,
    `pipewatch_collection_skipped_cycles ${skipped}`,
  ].join('\n');

describe('the cycle histogram bench:steady reads', () => {
  it('takes one minute out of two cumulative readings and interpolates its quantiles within a bucket', () => {
    const before = parseCycleHistogram(metrics([['0.1', 2], ['0.2', 4], ['0.4', 4], ['+Inf', 4]], 0.5, 0));
    const after = parseCycleHistogram(metrics([['0.1', 2], ['0.2', 10], ['0.4', 14], ['+Inf', 14]], 2.5, 1));
    const minute = histogramSince(after, before);
    expect(minute.count).toBe(10);
    expect(minute.skippedCycles).toBe(1);
    // Six of ten in (0.1, 0.2], four in (0.2, 0.4]: the median is 5/6 into the first of them.
    expect(histogramQuantile(minute, 0.5)).toBeCloseTo(0.1 + 0.1 * (5 / 6));
    expect(histogramQuantile(minute, 0.95)).toBeCloseTo(0.2 + 0.2 * (3.5 / 4));
  });

  it('has no quantile without cycles, and stops at the last finite bound', () => {
    const none = parseCycleHistogram(metrics([['1', 0], ['+Inf', 0]], 0, 0));
    expect(histogramQuantile(none, 0.5)).toBeNull();
    const slow = parseCycleHistogram(metrics([['1', 0], ['+Inf', 3]], 90, 0));
    expect(histogramQuantile(slow, 0.5)).toBe(1);
  });

  it('says when the page is not Pipewatch\'s', () => {
    expect(() => parseCycleHistogram('up 1\n')).toThrow(/no pipewatch_collection_cycle_duration_seconds histogram/);
  });
});
