import { lagMessagesOf, ownersOf, partitionKey, partitionLabel, partitionRef, recentKafkaCycles, type DiagnosisWindow } from './diagnosis-window';
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
    const last = w.commits.lastAdvanceAtMs(key);
    return last !== null && w.endMs - last < options.minStoppedMs;
  };
  if (!hot.every((p) => committing(partitionKey(p)))) return null;
  const recentShare = median(recentShares(w, hotKeys));
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

/** Per recent Kafka cycle, the share of the lag on these partitions, read from their tracks. */
function recentShares(w: DiagnosisWindow, keys: Set<string>): number[] {
  const recent = recentKafkaCycles(w);
  const held = new Map(recent.map((k) => [k.atMs, 0]));
  for (const key of keys) {
    w.partitions.tracks.get(key)?.forEachRecent(recent[0]!.atMs, (atMs, lag) => {
      const sum = held.get(atMs);
      if (sum !== undefined) held.set(atMs, sum + lag);
    });
  }
  return recent.flatMap((k) => (k.view.totals.lagMessages <= 0 ? [] : [held.get(k.atMs)! / k.view.totals.lagMessages]));
}
