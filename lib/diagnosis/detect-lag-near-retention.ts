import { formatSeconds } from '../units/format-units';
import type { PartitionSnapshot } from '../pipelines/pipeline-snapshot';
import { partitionLabel, partitionRef, lagMessagesOf, ownersOf, type DiagnosisWindow } from './diagnosis-window';
import { formatMessages } from './evidence-text';
import type { Evidence, FindingOf, RetentionRisk } from './finding';

/**
 * The oldest unconsumed record gets close to deletion: past `minRetentionShare` of retention and
 * not draining before the headroom runs out, or past `alwaysRetentionShare` whatever the rates.
 * Kafka deletes whole segments, so a record may outlive retention.ms; the headroom is the earliest
 * it can go. Records already deleted unconsumed are reported whether or not retention was read
 * (retentionMs null: kept forever, or not read).
 */
export function detectLagNearRetention(w: DiagnosisWindow): FindingOf<'lag-near-retention'> | null {
  const { options } = w;
  const atRisk: RetentionRisk[] = [];
  let extrapolated = false;
  for (const p of w.latestKafka.partitions) {
    const lostMessages = p.lag.kind === 'lost-to-retention' ? Number(p.lag.lostMessages) : 0;
    const retentionSeconds = p.retentionMs !== null && p.retentionMs > 0 ? p.retentionMs / 1000 : null;
    const lag = p.lagSeconds.kind === 'estimated' ? p.lagSeconds : null;
    const drainSeconds = drainSecondsOf(p);
    const headroomSeconds = retentionSeconds === null || lag === null ? null : retentionSeconds - lag.seconds;
    if (lostMessages === 0) {
      if (retentionSeconds === null || lag === null || headroomSeconds === null) continue;
      const share = lag.seconds / retentionSeconds;
      const tooSlow = drainSeconds === null || drainSeconds > headroomSeconds;
      if (share < options.alwaysRetentionShare && !(share >= options.minRetentionShare && tooSlow)) continue;
    }
    // Built only for partitions at risk: this runs over every partition each cycle.
    atRisk.push({
      ...partitionRef(p),
      lagSeconds: lag?.seconds ?? 0,
      lagSecondsAtLeast: lag?.confidence === 'extrapolated' && lag.capped,
      retentionSeconds,
      headroomSeconds,
      drainSeconds,
      lostMessages,
    });
    extrapolated ||= lag?.confidence === 'extrapolated';
  }
  if (atRisk.length === 0) return null;

  const evidence: Evidence[] = atRisk.map((r) => {
    if (r.lostMessages > 0) {
      return { signal: 'lostMessages', value: r.lostMessages, comparison: { kind: 'observed' }, text: `${partitionLabel(r)}: ${formatMessages(r.lostMessages)} already deleted by retention before being consumed` };
    }
    const age = `${r.lagSecondsAtLeast ? 'at least ' : ''}${formatSeconds(r.lagSeconds)}`;
    const drain = r.drainSeconds === null ? 'not draining' : `drains in ${formatSeconds(r.drainSeconds)} at current rates`;
    return {
      signal: 'retentionHeadroomSeconds',
      value: r.headroomSeconds,
      comparison: { kind: 'observed' },
      text: `${partitionLabel(r)}: oldest unconsumed record ${age} old of ${formatSeconds(r.retentionSeconds)} retention (${formatSeconds(Math.max(0, r.headroomSeconds ?? 0))} headroom); ${drain}`,
    };
  });
  const refs = atRisk.map(({ topic, partition, lagMessages, committedOffset, owner }) => ({ topic, partition, lagMessages, committedOffset, owner }));
  return {
    type: 'lag-near-retention',
    confidence: extrapolated ? 'medium' : 'high',
    severity: 'critical',
    evidence,
    partitions: refs,
    members: ownersOf(refs),
    kafkaOnly: false,
    facts: { atRisk },
  };
}

function drainSecondsOf(p: PartitionSnapshot): number | null {
  if (p.consumeRatePerSec === null || p.produceRatePerSec === null) return null;
  const net = p.consumeRatePerSec - p.produceRatePerSec;
  return net > 0 ? lagMessagesOf(p) / net : null;
}
