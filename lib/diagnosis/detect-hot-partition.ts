import type { KafkaView } from '../pipelines/pipeline-snapshot';
import { lagMessagesOf, ownersOf, partitionKey, partitionLabel, partitionRef, recentKafka, type DiagnosisWindow } from './diagnosis-window';
import { formatMessages, formatPercent } from './evidence-text';
import type { Evidence, FindingOf, StuckPartition } from './finding';
import { median } from './window-stats';

/**
 * Most of the lag on few partitions whose commits still move. Partitions stuck on a record also
 * hold the lag, but they are a data error (see detect-data-errors), and partitions not committing
 * at all are stalled, not hot: a hot set must commit within `minStoppedMs`. The concentration must hold over the recent part
 * (median share), not in one sample: commits land in steps and shift the shares between them.
 */
export function detectHotPartition(w: DiagnosisWindow, stuck: StuckPartition[]): FindingOf<'hot-partition'> | null {
  const { options, latestKafka } = w;
  const all = latestKafka.partitions;
  const total = latestKafka.totals.lagMessages;
  if (all.length < 2 || total < options.minHotLagMessages) return null;

  const byLag = [...all].sort((a, b) => lagMessagesOf(b) - lagMessagesOf(a));
  const hot: typeof all = [];
  let held = 0;
  for (const p of byLag) {
    if (held >= options.hotLagShare * total) break;
    hot.push(p);
    held += lagMessagesOf(p);
  }
  if (hot.length > Math.max(1, Math.floor(all.length * options.hotPartitionShare))) return null;
  const hotKeys = new Set(hot.map(partitionKey));
  if (stuck.some((s) => hotKeys.has(partitionKey(s)))) return null;
  const committing = (key: string) => {
    const last = w.commits.lastAdvanceAtMs.get(key);
    return last !== null && last !== undefined && w.endMs - last < options.minStoppedMs;
  };
  if (!hot.every((p) => committing(partitionKey(p)))) return null;
  const recentShare = median(recentKafka(w).flatMap((k) => shareOf(k, hotKeys)));
  if (recentShare === null || recentShare < options.hotLagShare) return null;

  const producing = all.map((p) => p.produceRatePerSec);
  const totalProduce = producing.every((r) => r !== null) ? producing.reduce<number>((s, r) => s + (r ?? 0), 0) : null;
  const produceShare = totalProduce === null || totalProduce <= 0 ? null : hot.reduce((s, p) => s + (p.produceRatePerSec ?? 0), 0) / totalProduce;
  const refs = hot.map(partitionRef);
  const evidence: Evidence[] = [
    {
      signal: 'lagShare',
      value: held / total,
      comparison: { kind: 'at-least', minimum: options.hotLagShare },
      text: `${hot.map(partitionLabel).join(', ')} hold${hot.length === 1 ? 's' : ''} ${formatPercent(held / total)} of the lag (${formatMessages(held)} of ${formatMessages(total)}) on ${hot.length} of ${all.length} partitions`,
    },
  ];
  if (produceShare !== null) {
    evidence.push({
      signal: 'produceRatePerSec',
      value: produceShare,
      comparison: { kind: 'observed' },
      text: `${hot.length === 1 ? 'it receives' : 'they receive'} ${formatPercent(produceShare)} of production (an even share is ${formatPercent(hot.length / all.length)})`,
    });
  }
  return {
    type: 'hot-partition',
    confidence: 'high',
    severity: 'warning',
    evidence,
    partitions: refs,
    members: ownersOf(refs),
    kafkaOnly: false,
    facts: { lagShare: held / total, hotPartitions: hot.length, totalPartitions: all.length, produceShare },
  };
}

function shareOf(view: KafkaView, keys: Set<string>): number[] {
  const total = view.totals.lagMessages;
  if (total <= 0) return [];
  return [view.partitions.filter((p) => keys.has(partitionKey(p))).reduce((s, p) => s + lagMessagesOf(p), 0) / total];
}
