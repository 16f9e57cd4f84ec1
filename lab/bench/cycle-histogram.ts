import { PIPEWATCH_METRIC } from '../../lib/alerting/pipewatch-metric-names';

/**
 * The collection cycle histogram as Pipewatch's /metrics exposes it, read by bench:steady: the
 * difference of two readings is the cycles of that minute, and its quantiles are interpolated
 * within a bucket as Prometheus's histogram_quantile does.
 */
export interface CycleHistogram {
  /** Upper bounds in seconds, ascending, +Inf last; counts cumulative. */
  buckets: { le: number; count: number }[];
  count: number;
  sumSeconds: number;
  skippedCycles: number;
}

export function parseCycleHistogram(metricsText: string): CycleHistogram {
  const name = PIPEWATCH_METRIC.cycleDurationSeconds;
  const buckets: CycleHistogram['buckets'] = [];
  let count = 0;
  let sumSeconds = 0;
  let skippedCycles = 0;
  for (const line of metricsText.split('\n')) {
    if (line.startsWith(`${name}_bucket{`)) {
      const le = /le="([^"]+)"/.exec(line)?.[1];
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      if (le !== undefined) buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: value });
    } else if (line.startsWith(`${name}_count`)) count = Number(line.slice(line.lastIndexOf(' ') + 1));
    else if (line.startsWith(`${name}_sum`)) sumSeconds = Number(line.slice(line.lastIndexOf(' ') + 1));
    else if (line.startsWith(`${PIPEWATCH_METRIC.skippedCycles} `)) skippedCycles = Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  if (buckets.length === 0) throw new Error(`/metrics has no ${name} histogram: is this Pipewatch's /metrics?`);
  buckets.sort((a, b) => a.le - b.le);
  return { buckets, count, sumSeconds, skippedCycles };
}

/** What happened between two readings. */
export function histogramSince(later: CycleHistogram, earlier: CycleHistogram): CycleHistogram {
  return {
    buckets: later.buckets.map((b, i) => ({ le: b.le, count: b.count - (earlier.buckets[i]?.count ?? 0) })),
    count: later.count - earlier.count,
    sumSeconds: later.sumSeconds - earlier.sumSeconds,
    skippedCycles: later.skippedCycles - earlier.skippedCycles,
  };
}

/** The q-quantile in seconds, linear within its bucket; null without observations. */
export function histogramQuantile(histogram: CycleHistogram, q: number): number | null {
  if (histogram.count === 0) return null;
  const rank = q * histogram.count;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of histogram.buckets) {
    if (bucket.count >= rank) {
      // Past the last finite bound there is nothing to interpolate towards: the bound is the answer.
      if (!Number.isFinite(bucket.le)) return lowerBound;
      const inBucket = bucket.count - lowerCount;
      return inBucket === 0 ? bucket.le : lowerBound + ((bucket.le - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return lowerBound;
}
