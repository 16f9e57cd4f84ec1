import { formatSeconds } from '../units/format-units';
import { consumerPresence, memberCount, partitionRef, recentKafka, recentSignal, type DiagnosisWindow } from './diagnosis-window';
import { lagEvidence } from './detect-sink-errors';
import type { Confidence, Evidence, FindingOf, MemberRef } from './finding';

/**
 * Nobody consumes while records wait: the group has no members, or it has members but no
 * partition committed for a while as lag grows. Unlike Burrow, this needs no commits to judge: a
 * consumer gone for 20 minutes has lag growth and no commit progress, and that is the finding.
 * Members that do nothing look, from Kafka alone, like a consumer paused for a sink outage; with
 * Prometheus signals the outage has errors and is classified as sink-unavailable first.
 */
export function detectConsumerStopped(w: DiagnosisWindow, explainedByRebalance: boolean): FindingOf<'consumer-stopped'> | null {
  const { options, latestKafka } = w;
  const lag = latestKafka.totals.lagMessages;
  if (lag <= 0) return null;
  const last = w.commits.lastAnyAdvanceAtMs;
  // Measured to the last time Kafka was read: commits cannot be seen moving while it is unreadable.
  const stoppedForSeconds = (w.kafka.at(-1)!.atMs - (last ?? w.startMs)) / 1000;
  const growing = w.lagTrend.kind === 'growing';
  const lagGrowthPerSec = w.lagTrend.kind === 'insufficient' ? 0 : w.lagTrend.slopePerSec;
  const group = latestKafka.group;
  const facts = { members: memberCount(latestKafka), groupState: group.state, groupExists: group.exists, stoppedForSeconds, lastCommitAtMs: last, lagGrowthPerSec, baselineConsumeRatePerSec: w.baseline.consumeRatePerSec };
  const since = `${last === null ? 'at least ' : ''}${formatSeconds(stoppedForSeconds)}`;
  const partitions = latestKafka.partitions.filter((p) => p.lag.kind !== 'no-commit' && p.lag.lagMessages > 0n).map(partitionRef);

  if (recentKafka(w).every((k) => consumerPresence(k) === 'none')) {
    const who = group.exists ? `group ${w.latest.groupId} is ${group.state} with no members` : `group ${w.latest.groupId} does not exist`;
    const evidence: Evidence[] = [
      { signal: 'groupMembers', value: 0, comparison: { kind: 'observed' }, text: who },
      { signal: 'commitProgress', value: stoppedForSeconds, comparison: { kind: 'observed' }, text: `no commit for ${since}` },
      lagEvidence(w),
    ];
    return finding(growing ? 'high' : 'medium', evidence, partitions, [], false, facts);
  }

  if (explainedByRebalance || !growing) return null;
  const typicalGapMs = w.commits.typicalGapMs() ?? 0;
  const stopAfterMs = Math.max(options.minStoppedMs, 3 * typicalGapMs);
  if (stoppedForSeconds * 1000 < stopAfterMs) return null;

  const requests = recentSignal(w, 'sinkRequestsPerSec');
  const idle = requests !== null && requests === 0;
  const evidence: Evidence[] = [
    {
      signal: 'commitProgress',
      value: stoppedForSeconds,
      comparison: { kind: 'at-least', minimum: stopAfterMs / 1000 },
      text:
        `${facts.members ?? 'some'} member${facts.members === 1 ? '' : 's'} in the group but no partition committed for ${since}` +
        (w.signals.kind === 'available' ? '' : '; without Prometheus signals a consumer paused for a sink outage looks the same'),
    },
    lagEvidence(w),
  ];
  if (requests !== null) {
    evidence.push({ signal: 'sinkRequestsPerSec', value: requests, comparison: { kind: 'observed' }, text: idle ? 'no sink requests and no errors: the members do nothing' : 'sink requests continue but nothing commits' });
  }
  const confidence: Confidence = w.signals.kind !== 'available' ? 'low' : idle ? 'medium' : 'low';
  const membership = group.membership;
  const members: MemberRef[] = membership.kind === 'visible' ? membership.members.map(({ memberId, clientId, host }) => ({ memberId, clientId, host })) : [];
  return finding(confidence, evidence, partitions, members, w.signals.kind !== 'available', facts);
}

function finding(
  confidence: Confidence,
  evidence: Evidence[],
  partitions: FindingOf<'consumer-stopped'>['partitions'],
  members: MemberRef[],
  kafkaOnly: boolean,
  facts: FindingOf<'consumer-stopped'>['facts'],
): FindingOf<'consumer-stopped'> {
  return { type: 'consumer-stopped', confidence, severity: 'critical', evidence, partitions, members, kafkaOnly, facts };
}
