import { evaluateTimeToDrain } from '../rates/evaluate-time-to-drain';
import type { TimeLagEstimate } from '../time-lag/estimate-lag-seconds';
import type { PartitionSnapshot, PipelineTotals, Rate } from './pipeline-snapshot';

export function summarizePartitions(partitions: readonly PartitionSnapshot[]): PipelineTotals {
  let lagMessages = 0;
  let partitionsWithoutCommit = 0;
  let partitionsLostToRetention = 0;
  let lostMessages = 0;
  for (const { lag } of partitions) {
    switch (lag.kind) {
      case 'ok':
        lagMessages += Number(lag.lagMessages);
        break;
      case 'no-commit':
        partitionsWithoutCommit++;
        break;
      case 'lost-to-retention':
        partitionsLostToRetention++;
        lagMessages += Number(lag.lagMessages);
        lostMessages += Number(lag.lostMessages);
        break;
      default: {
        const unreachable: never = lag;
        throw new Error(`unknown lag ${JSON.stringify(unreachable)}`);
      }
    }
  }
  const produceRatePerSec = sumRates(partitions.map((p) => p.produceRatePerSec));
  const consumeRatePerSec = sumRates(partitions.filter((p) => p.committedOffset !== null).map((p) => p.consumeRatePerSec));
  return {
    lagMessages,
    maxLagSeconds: worstLagSeconds(partitions.map((p) => p.lagSeconds)),
    produceRatePerSec,
    consumeRatePerSec,
    timeToDrain:
      produceRatePerSec === null || consumeRatePerSec === null
        ? lagMessages === 0
          ? { kind: 'drained' }
          : { kind: 'unknown', reason: 'no-rate' }
        : evaluateTimeToDrain(lagMessages, produceRatePerSec, consumeRatePerSec),
    partitionsWithoutCommit,
    partitionsLostToRetention,
    lostMessages,
  };
}

/** A sum over partitions is only a rate when every partition has one. */
function sumRates(rates: Rate[]): Rate {
  if (rates.length === 0 || rates.some((r) => r === null)) return null;
  return rates.reduce<number>((sum, r) => sum + (r ?? 0), 0);
}

/**
 * The largest estimate wins; an unknown partition makes the whole unknown only when no partition
 * has an estimate (then the first reason is kept). An empty pipeline is caught up.
 */
function worstLagSeconds(estimates: TimeLagEstimate[]): TimeLagEstimate {
  let worst: TimeLagEstimate | undefined;
  for (const estimate of estimates) {
    if (estimate.kind === 'unknown') {
      worst ??= estimate;
      continue;
    }
    if (!worst || worst.kind === 'unknown' || estimate.seconds > worst.seconds) worst = estimate;
  }
  return worst ?? { kind: 'caught-up', seconds: 0 };
}
