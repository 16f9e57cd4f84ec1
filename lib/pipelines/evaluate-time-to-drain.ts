/** How long until a backlog is gone, if produce and consume rates hold. */

export type TimeToDrain =
  | { kind: 'drained' }
  | { kind: 'draining'; seconds: number }
  /** Consumption does not outpace production; `netGrowthPerSec` is how fast the backlog grows (≥ 0). */
  | { kind: 'not-draining'; netGrowthPerSec: number }
  | { kind: 'unknown'; reason: 'invalid-lag' | 'invalid-rate' };

export function evaluateTimeToDrain(
  lagMessages: bigint | number,
  produceRatePerSec: number,
  consumeRatePerSec: number,
): TimeToDrain {
  const lag = Number(lagMessages);
  if (!Number.isFinite(lag)) return { kind: 'unknown', reason: 'invalid-lag' };
  if (lag <= 0) return { kind: 'drained' };
  if (!isRate(produceRatePerSec) || !isRate(consumeRatePerSec)) return { kind: 'unknown', reason: 'invalid-rate' };
  const netGrowthPerSec = produceRatePerSec - consumeRatePerSec;
  if (netGrowthPerSec >= 0) return { kind: 'not-draining', netGrowthPerSec };
  const seconds = lag / -netGrowthPerSec;
  // A net drain so slow the answer overflows is, for anyone reading it, no drain.
  if (!Number.isFinite(seconds)) return { kind: 'not-draining', netGrowthPerSec: 0 };
  return { kind: 'draining', seconds };
}

function isRate(perSec: number): boolean {
  return Number.isFinite(perSec) && perSec >= 0;
}
