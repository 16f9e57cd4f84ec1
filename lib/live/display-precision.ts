import type { TimeToDrain } from '../pipelines/evaluate-time-to-drain';
import type { TimeLagEstimate } from '../time-lag/estimate-lag-seconds';

/**
 * The overview's figures to the precision a row can show: whole numbers from 10 up (every row
 * formatter shows those as integers), three significant digits below (rates to a tenth, latencies
 * to the millisecond, seconds to a tenth). A row is then not resent to every browser because a
 * rate moved in its ninth digit. The pipeline stream and the API's full state keep exact values.
 */
export function toDisplayPrecision<T extends number | null>(value: T): T {
  if (value === null || !Number.isFinite(value) || value === 0) return value;
  return (Math.abs(value) >= 10 ? Math.round(value) : Number(value.toPrecision(3))) as T;
}

export function lagSecondsToDisplayPrecision(estimate: TimeLagEstimate | null): TimeLagEstimate | null {
  return estimate?.kind === 'estimated' ? { ...estimate, seconds: toDisplayPrecision(estimate.seconds) } : estimate;
}

export function timeToDrainToDisplayPrecision<T extends TimeToDrain | { kind: 'unknown'; reason: 'no-rate' } | null>(drain: T): T {
  if (drain?.kind === 'draining') return { ...drain, seconds: toDisplayPrecision(drain.seconds) };
  if (drain?.kind === 'not-draining') return { ...drain, netGrowthPerSec: toDisplayPrecision(drain.netGrowthPerSec) };
  return drain;
}
