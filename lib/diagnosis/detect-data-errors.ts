import { formatRate, formatSeconds } from '../units/format-units';
import { consumerPresence, ownersOf, partitionKey, partitionLabel, partitionRef, recentKafka, recentSignal, type DiagnosisWindow } from './diagnosis-window';
import { formatMessages, formatOffset } from './evidence-text';
import type { Confidence, Evidence, FindingOf, StuckPartition } from './finding';
import { median } from './window-stats';

/**
 * Partitions whose commit stopped while their peers' commits move and records wait on them: the
 * consumer is not getting past one record. A whole group that stops is a stopped consumer or an
 * outage instead; partitions moving between members during a rebalance are not stuck.
 */
export function findStuckPartitions(w: DiagnosisWindow, explainedByRebalance: boolean): StuckPartition[] {
  if (explainedByRebalance || consumerPresence(w.latestKafka) !== 'present') return [];
  const { options } = w;
  const sinceAdvanceMs = (key: string) => w.endMs - (w.commits.lastAdvanceAtMs(key) ?? w.startMs);
  const withCommit = w.latestKafka.partitions.filter((p) => p.committedOffset !== null);
  const peers = withCommit.filter((p) => sinceAdvanceMs(partitionKey(p)) < options.minStuckMs);
  if (peers.length === 0) return [];
  const peerGapMs = median(peers.map((p) => w.commits.longestGapMs(partitionKey(p)) ?? 0)) ?? 0;
  const stuckAfterMs = Math.max(options.minStuckMs, options.stuckGapFactor * peerGapMs);
  return withCommit
    .filter((p) => p.lag.kind !== 'no-commit' && p.lag.lagMessages > 0n && sinceAdvanceMs(partitionKey(p)) >= stuckAfterMs)
    .map((p) => ({ ...partitionRef(p), stuckAtOffset: p.committedOffset!, stuckForSeconds: sinceAdvanceMs(partitionKey(p)) / 1000 }));
}

/**
 * Permanent data errors: records go to the DLQ (seen in Kafka as DLQ growth, in Prometheus as
 * publishes or permanent errors) while the main flow moves; or a partition is stuck on a record.
 * A stuck partition is reported here rather than as a type of its own: a record the consumer
 * cannot get past is a permanent error handled as a transient one, and the chapter's answer to a
 * poison record is the DLQ.
 */
export function detectDataErrors(w: DiagnosisWindow, stuck: StuckPartition[]): FindingOf<'permanent-data-error'> | null {
  const recent = recentKafka(w);
  const growth = median(recent.flatMap((k) => (k.dlq.growthPerSec === null ? [] : [k.dlq.growthPerSec])));
  const depthAdded = w.latestKafka.dlq.depthMessages - (recent[0]?.dlq.depthMessages ?? w.latestKafka.dlq.depthMessages);
  const publishes = recentSignal(w, 'dlqPublishesPerSec');
  const permanent = recentSignal(w, 'sinkPermanentErrorsPerSec');
  const kafkaSees = w.latest.dlqTopics.length > 0 && ((growth ?? 0) > 0 || depthAdded > 0);
  const signalsSee = (publishes ?? 0) > 0 || (permanent ?? 0) > 0;
  if (!kafkaSees && !signalsSee && stuck.length === 0) return null;

  const evidence: Evidence[] = [];
  const dlqGrowthPerSec = growth ?? publishes;
  if (kafkaSees || signalsSee) {
    const depth = w.latestKafka.dlq.depthMessages;
    evidence.push({
      signal: kafkaSees ? 'dlqGrowthPerSec' : 'dlqPublishesPerSec',
      value: dlqGrowthPerSec,
      comparison: { kind: 'observed' },
      text: `DLQ ${w.latest.dlqTopics.join(', ') || '(no DLQ topic known)'} grows ${formatRate(dlqGrowthPerSec)}${w.latest.dlqTopics.length > 0 ? ` (${formatMessages(depth)} retained)` : ''}`,
    });
  }
  if (permanent !== null && permanent > 0) {
    evidence.push({ signal: 'sinkPermanentErrorsPerSec', value: permanent, comparison: { kind: 'observed' }, text: `sink rejects records as bad: ${formatRate(permanent)} permanent errors` });
  }
  const moving = w.commits.lastAnyAdvanceAtMs !== null && w.endMs - w.commits.lastAnyAdvanceAtMs < w.options.minStoppedMs;
  if (kafkaSees || signalsSee) {
    evidence.push({ signal: 'commitProgress', value: w.latestKafka.totals.consumeRatePerSec, comparison: { kind: 'observed' }, text: moving ? `main flow keeps moving at ${formatRate(w.latestKafka.totals.consumeRatePerSec)}` : 'main flow is not committing' });
  }
  const stuckOwnersIdle = stuck.length > 0 && ownersWithoutProgress(w, stuck);
  const retries = recentSignal(w, 'retriesPerSec');
  const retrying = retries !== null && retries > 0;
  for (const s of stuck) {
    const owner = s.owner ? ` (owner ${s.owner.clientId} on ${s.owner.host})` : '';
    evidence.push({
      signal: 'committedOffset',
      value: Number(s.stuckAtOffset),
      comparison: { kind: 'at-least', minimum: w.options.minStuckMs / 1000 },
      text: `${partitionLabel(s)} stuck at committed offset ${formatOffset(s.stuckAtOffset)} for ${formatSeconds(s.stuckForSeconds)} with ${formatMessages(s.lagMessages)} waiting while other partitions commit${owner}`,
    });
  }
  if (stuck.length > 0 && retrying) {
    evidence.push({ signal: 'retriesPerSec', value: retries, comparison: { kind: 'observed' }, text: `retries ${formatRate(retries)} while only ${stuck.length === 1 ? 'this partition is' : 'these partitions are'} stuck: a record retried without end` });
  }
  if (stuckOwnersIdle) {
    evidence.push({ signal: 'commitProgress', value: null, comparison: { kind: 'observed' }, text: 'every partition of the stuck partitions’ owners stopped: the member may be hung rather than on a bad record' });
  }
  return {
    type: 'permanent-data-error',
    confidence: confidenceOf(kafkaSees, signalsSee, stuck.length > 0 && retrying, stuckOwnersIdle),
    severity: 'warning',
    evidence,
    partitions: stuck.map(({ topic, partition, lagMessages, committedOffset, owner }) => ({ topic, partition, lagMessages, committedOffset, owner })),
    members: ownersOf(stuck),
    kafkaOnly: w.signals.kind !== 'available',
    facts: {
      dlqGrowthPerSec,
      dlqDepthMessages: w.latest.dlqTopics.length > 0 ? w.latestKafka.dlq.depthMessages : null,
      dlqTopics: [...w.latest.dlqTopics],
      permanentErrorsPerSec: permanent,
      stuckPartitions: stuck,
    },
  };
}

function confidenceOf(kafkaSees: boolean, signalsSee: boolean, stuckWhileRetrying: boolean, ownersIdle: boolean): Confidence {
  if (kafkaSees && signalsSee) return 'high';
  if (kafkaSees || signalsSee || stuckWhileRetrying) return ownersIdle ? 'low' : 'medium';
  return 'low';
}

function ownersWithoutProgress(w: DiagnosisWindow, stuck: StuckPartition[]): boolean {
  const stuckKeys = new Set(stuck.map(partitionKey));
  const owners = new Set(stuck.flatMap((s) => (s.owner ? [s.owner.memberId] : [])));
  if (owners.size === 0) return false;
  return !w.latestKafka.partitions.some((p) => p.owner && owners.has(p.owner.memberId) && !stuckKeys.has(partitionKey(p)));
}
