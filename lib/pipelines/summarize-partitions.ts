import { evaluateTimeToDrain } from './evaluate-time-to-drain';
import type { TimeLagEstimate } from '../time-lag/estimate-lag-seconds';
import type { PartitionSnapshot, PipelineTotals, Rate } from './pipeline-snapshot';
import { assertNever } from '../assert-never';

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
      default:
        return assertNever(lag, 'lag');
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
    retentionHeadroomSeconds: minRetentionHeadroom(partitions),
  };
}

function minRetentionHeadroom(partitions: readonly PartitionSnapshot[]): number | null {
  let min: number | null = null;
  for (const p of partitions) {
    if (p.retentionMs === null || p.lagSeconds.kind === 'unknown') continue;
    const headroom = p.retentionMs / 1000 - p.lagSeconds.seconds;
    if (min === null || headroom < min) min = headroom;
  }
  return min;
}

/** A sum over partitions is only a rate when every partition has one. */
function sumRates(rates: Rate[]): Rate {
  if (rates.length === 0 || rates.some((r) => r === null)) return null;
  return rates.reduce<number>((sum, r) => sum + (r ?? 0), 0);
}

/**
 * The largest estimate wins. Without any estimate, one unknown partition makes the pipeline
 * unknown: a partition with lag and no estimate must not let the others read "caught up".
 */
function worstLagSeconds(estimates: TimeLagEstimate[]): TimeLagEstimate {
  let worst: TimeLagEstimate = { kind: 'caught-up', seconds: 0 };
  for (const estimate of estimates) {
    if (estimate.kind === 'estimated') {
      if (worst.kind !== 'estimated' || estimate.seconds > worst.seconds) worst = estimate;
    } else if (estimate.kind === 'unknown' && worst.kind === 'caught-up') {
      worst = estimate;
    }
  }
  return worst;
}
