import type { GroupSample, GroupState } from '../cluster/cluster-sample';
import { assertNever } from '../assert-never';

/**
 * What changed in a consumer group between two cycles. A rebalance shows as one or more of these:
 * the state passing through PreparingRebalance/CompletingRebalance (often between two samples),
 * members joining or leaving, partitions moving between members.
 */
export type GroupEvent =
  | { kind: 'appeared'; atMs: number }
  | { kind: 'disappeared'; atMs: number }
  | { kind: 'state-changed'; atMs: number; from: GroupState; to: GroupState }
  | { kind: 'members-changed'; atMs: number; joined: string[]; left: string[]; members: number }
  | { kind: 'assignment-changed'; atMs: number; movedPartitions: number }
  /** An inactive or abandoned group started consuming: it is active again, with no incident. */
  | { kind: 'resumed'; atMs: number; dormantSinceMs: number; was: 'inactive' | 'abandoned' };

export function evaluateGroupEvents(previous: GroupSample | undefined, current: GroupSample | undefined, atMs: number): GroupEvent[] {
  if (!previous && !current) return [];
  if (!previous) return [{ kind: 'appeared', atMs }];
  if (!current) return [{ kind: 'disappeared', atMs }];
  const events: GroupEvent[] = [];
  if (previous.state !== current.state) events.push({ kind: 'state-changed', atMs, from: previous.state, to: current.state });
  if (previous.membership.kind !== 'visible' || current.membership.kind !== 'visible') return events;

  const before = new Map(previous.membership.members.map((m) => [m.memberId, m]));
  const after = new Map(current.membership.members.map((m) => [m.memberId, m]));
  const joined = [...after.values()].filter((m) => !before.has(m.memberId)).map((m) => m.clientId);
  const left = [...before.values()].filter((m) => !after.has(m.memberId)).map((m) => m.clientId);
  if (joined.length > 0 || left.length > 0) {
    events.push({ kind: 'members-changed', atMs, joined: joined.sort(), left: left.sort(), members: after.size });
  }
  const ownersBefore = owners(previous);
  let movedPartitions = 0;
  for (const [partition, owner] of owners(current)) {
    const earlier = ownersBefore.get(partition);
    if (earlier !== undefined && earlier !== owner) movedPartitions++;
  }
  if (movedPartitions > 0) events.push({ kind: 'assignment-changed', atMs, movedPartitions });
  return events;
}

export function isRebalanceEvent(event: GroupEvent): boolean {
  switch (event.kind) {
    case 'members-changed':
    case 'assignment-changed':
      return true;
    case 'state-changed':
      return event.to === 'PreparingRebalance' || event.to === 'CompletingRebalance';
    case 'appeared':
    case 'disappeared':
    case 'resumed':
      return false;
    default:
      return assertNever(event, 'group event');
  }
}

function owners(group: GroupSample): Map<string, string> {
  const result = new Map<string, string>();
  if (group.membership.kind !== 'visible') return result;
  for (const member of group.membership.members) {
    for (const { topic, partitions } of member.assignment) for (const p of partitions) result.set(`${topic}\u0000${p}`, member.memberId);
  }
  return result;
}
