/** Order statistics for the figures the benchmarks print. */

/** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function maximum(values: readonly number[]): number {
  return values.length === 0 ? NaN : Math.max(...values);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
