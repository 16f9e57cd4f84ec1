import { isRebalanceEvent, type GroupEvent } from '../pipelines/group-events';
import type { KafkaView } from '../pipelines/pipeline-snapshot';
import type { EarlierView } from './pipeline-window';
import { formatSeconds } from '../units/format-units';
import { lagMessagesOf, partitionKey, partitionRef, recentSignal, type DiagnosisWindow } from './diagnosis-window';
import { formatMessages } from './evidence-text';
import type { Evidence, FindingOf, MemberRef } from './finding';
import { median } from './window-stats';

export interface RebalanceActivity {
  events: GroupEvent[];
  /** Rebalances, counting events closer than EPISODE_GAP_MS to the previous one as the same rebalance. */
  episodes: number;
  firstAtMs: number | null;
  lastAtMs: number | null;
  inProgress: boolean;
  /** Members reported joins (Prometheus), whether or not Kafka caught a state change between samples. */
  joinsPerSec: number | null;
}

/** A rebalance passes PreparingRebalance, CompletingRebalance and a membership change within seconds. */
const EPISODE_GAP_MS = 10_000;
const REBALANCING_STATES = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);
/**
 * A group starting passes the rebalancing states too, and the members' joins signal is a rate
 * over a window (10 s by default) that stays above zero that long after the start: for this
 * long after a group starts or stops, neither is read as a rebalance.
 */
const START_SETTLE_MS = 20_000;

function isGroupStoppingOrStarting(e: GroupEvent): boolean {
  if (e.kind === 'members-changed') return e.members === 0 || (e.left.length === 0 && e.joined.length === e.members);
  return e.kind === 'state-changed' && e.from === 'Empty';
}

export function evaluateRebalanceActivity(w: DiagnosisWindow): RebalanceActivity {
  // The last members leaving is the consumer stopping (detect-consumer-stopped has it), and the
  // first ones joining an empty group is it starting again: neither is a rebalance of a running group.
  const events = w.latestKafka.recentEvents.filter(
    (e) => isRebalanceEvent(e) && e.atMs > w.startMs && e.atMs <= w.endMs && !isGroupStoppingOrStarting(e),
  );
  let episodes = 0;
  let previousMs = -Infinity;
  for (const e of events) {
    if (e.atMs - previousMs > EPISODE_GAP_MS) episodes++;
    previousMs = e.atMs;
  }
  const settling = w.latestKafka.recentEvents.some((e) => isGroupStoppingOrStarting(e) && w.endMs - e.atMs <= START_SETTLE_MS);
  const joinsPerSec = settling ? null : recentSignal(w, 'rebalancesPerSec');
  return {
    events,
    episodes,
    firstAtMs: events[0]?.atMs ?? null,
    lastAtMs: events.at(-1)?.atMs ?? null,
    inProgress: !settling && REBALANCING_STATES.has(w.latestKafka.group.state),
    joinsPerSec: joinsPerSec !== null && joinsPerSec > 0 ? joinsPerSec : null,
  };
}

/**
 * Lag growth and stalled commits are the rebalance's while one is in progress or ended within the
 * grace window. Growth that began before the event (a member died, the group noticed a session
 * timeout later) is covered too: it is attributed as long as the event is recent.
 */
export function rebalanceExplainsLag(w: DiagnosisWindow, activity: RebalanceActivity): boolean {
  if (activity.inProgress || activity.joinsPerSec !== null) return true;
  return activity.lastAtMs !== null && w.endMs - activity.lastAtMs <= w.options.rebalanceGraceMs;
}

export function detectRebalance(w: DiagnosisWindow, activity: RebalanceActivity): FindingOf<'kafka-rebalance'> | null {
  const seenByKafka = activity.events.length > 0 || activity.inProgress;
  if (!seenByKafka && activity.joinsPerSec === null) return null;
  // A rebalance that ended longer ago than the grace window is history, not a current finding:
  // otherwise its incident would stay open for as long as the event stays in the window.
  const recent = activity.lastAtMs !== null && w.endMs - activity.lastAtMs <= w.options.rebalanceGraceMs;
  if (!activity.inProgress && !recent && activity.joinsPerSec === null) return null;

  const onsetMs = (activity.firstAtMs ?? w.endMs) - w.options.rebalanceGraceMs;
  const before = w.partitions.viewBefore(activity.firstAtMs, w.endMs);
  const baselineLagMessages = median(w.kafka.filter((k) => k.atMs < onsetMs).map((k) => k.view.totals.lagMessages)) ?? w.baseline.lagMessages;
  const peakLagMessages = Math.max(...w.kafka.filter((k) => k.atMs >= onsetMs).map((k) => k.view.totals.lagMessages), 0);
  const moved = movedPartitions(before, w.latestKafka);
  const joined = activity.events.flatMap((e) => (e.kind === 'members-changed' ? e.joined : []));
  const left = activity.events.flatMap((e) => (e.kind === 'members-changed' ? e.left : []));
  const members = [...joined, ...left].flatMap((clientId) => findMember(w, clientId));
  const duplicateEstimateMessages = activity.firstAtMs === null || !before ? null : estimateDuplicates(before, activity.firstAtMs, moved);
  const latestLag = w.latestKafka.totals.lagMessages;
  const recovered = baselineLagMessages !== null && latestLag <= baselineLagMessages + Math.max(w.options.minLagGrowthMessages, baselineLagMessages * 0.1);

  const evidence: Evidence[] = [];
  if (seenByKafka) {
    const what = [
      ...(left.length > 0 ? [`${left.join(', ')} left`] : []),
      ...(joined.length > 0 ? [`${joined.join(', ')} joined`] : []),
      ...(moved.size > 0 ? [`${moved.size} partition${moved.size === 1 ? '' : 's'} moved`] : []),
      ...(activity.inProgress ? [`group is ${w.latestKafka.group.state} now`] : []),
    ];
    const ago = activity.lastAtMs === null ? '' : `, last ${formatSeconds((w.endMs - activity.lastAtMs) / 1000)} ago`;
    evidence.push({
      signal: 'groupEvents',
      value: activity.episodes,
      comparison: { kind: 'observed' },
      text: `${activity.episodes} rebalance${activity.episodes === 1 ? '' : 's'} in the window${what.length > 0 ? `: ${what.join('; ')}` : ''}${ago}`,
    });
  }
  if (activity.joinsPerSec !== null) {
    evidence.push({ signal: 'rebalancesPerSec', value: activity.joinsPerSec, comparison: { kind: 'observed' }, text: `members report ${activity.joinsPerSec.toFixed(2)} group joins/s` });
  }
  evidence.push({
    signal: 'lagMessages',
    value: peakLagMessages,
    comparison: { kind: 'vs-baseline', baseline: baselineLagMessages },
    text: `lag peaked at ${formatMessages(peakLagMessages)} vs ${formatMessages(baselineLagMessages)} before; ${formatMessages(latestLag)} now`,
  });

  const partitions = w.latestKafka.partitions.filter((p) => moved.has(partitionKey(p))).map(partitionRef);
  return {
    type: 'kafka-rebalance',
    confidence: seenByKafka ? 'high' : 'medium',
    severity: activity.episodes <= 1 && !activity.inProgress && recovered ? 'info' : 'warning',
    evidence,
    partitions,
    members,
    kafkaOnly: false,
    facts: {
      rebalances: Math.max(activity.episodes, activity.inProgress ? 1 : 0),
      firstAtMs: activity.firstAtMs,
      lastAtMs: activity.lastAtMs,
      inProgress: activity.inProgress,
      joined,
      left,
      movedPartitions: activity.events.reduce((sum, e) => sum + (e.kind === 'assignment-changed' ? e.movedPartitions : 0), 0),
      baselineLagMessages,
      peakLagMessages,
      duplicateEstimateMessages,
    },
  };
}

/** Partitions whose owner changed between `before` and now; every partition when owners are not visible. */
function movedPartitions(before: EarlierView | undefined, now: KafkaView): Set<string> {
  if (!before) return new Set();
  const ownerBefore = new Map(before.partitions.map((p) => [p.key, p.ownerId]));
  const visible = before.membershipVisible && now.group.membership.kind === 'visible';
  return new Set(now.partitions.filter((p) => !visible || ownerBefore.get(partitionKey(p)) !== (p.owner?.memberId ?? null)).map(partitionKey));
}

/**
 * Records consumed after the last commit before the rebalance are redelivered to the new owner:
 * per moved partition, its consume rate when it last committed times the time since, at most its
 * lag. An upper bound: a member that died at once consumed nothing more.
 */
function estimateDuplicates(before: EarlierView, rebalanceAtMs: number, moved: Set<string>): number {
  let total = 0;
  for (const p of before.partitions) {
    if ((moved.size > 0 && !moved.has(p.key)) || p.committedOffset === null) continue;
    // Since the committed offset last changed, or since the window's start when it held all along.
    const clipped = p.runStartAtMs < p.track.headAtMs();
    const sinceMs = clipped ? p.track.headAtMs() : p.runStartAtMs;
    const rate = clipped ? p.track.headRate() : p.runStartRate;
    const consumed = ((Number.isNaN(rate) ? 0 : rate) * (rebalanceAtMs - sinceMs)) / 1000;
    total += Math.min(p.lagMessages, consumed);
  }
  return Math.round(total);
}

function findMember(w: DiagnosisWindow, clientId: string): MemberRef[] {
  for (const { view } of [...w.kafka].reverse()) {
    if (view.group.membership.kind !== 'visible') continue;
    const m = view.group.membership.members.find((x) => x.clientId === clientId);
    if (m) return [{ memberId: m.memberId, clientId: m.clientId, host: m.host }];
  }
  return [];
}
