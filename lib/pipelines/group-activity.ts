import type { GroupSample } from '../cluster/cluster-sample';
import type { PartitionLag } from '../cluster/partition-lag';
import type { TimeLagEstimate } from '../time-lag/estimate-lag-seconds';
import { assertNever } from '../assert-never';

/**
 * Whether a group consumes at all, apart from what the failure table says is wrong with it. A
 * production cluster holds many groups that stopped long before Pipewatch first saw them (old
 * deployments, renamed services, one-off replays): Kafka keeps their offsets for
 * `offsets.retention.minutes`, Empty and with lag. They are *inactive*, never an incident; what
 * Pipewatch saw consuming and then stop is *stopped*, the consumer-stopped incident.
 */
export type ActivityState =
  /** Members present, or commits moved this cycle. */
  | 'active'
  /** Seen active (now, or by an earlier Pipewatch through the store), or declared in `pipelines:`, and not consuming now. */
  | 'stopped'
  /** Not consuming, and no commit progress since Pipewatch first saw it: stopped before monitoring began. */
  | 'inactive'
  /** Inactive, and its position older than `discovery.inactiveAfter` or already below the log start. */
  | 'abandoned';

export interface GroupActivity {
  state: ActivityState;
  /** When it entered this state, as far as Pipewatch knows (inactive: when Pipewatch first saw it). */
  sinceMs: number;
  /** The last time a Pipewatch saw it consuming; null: never. */
  lastActiveAtMs: number | null;
  /**
   * When the record at the group's position was written, for a group not consuming: read off the
   * offset/time table (`estimated`), or the latest time it can have been (`at-least` that old):
   * when Pipewatch first saw the group, or last saw it active. null while active.
   */
  positionAtMs: number | null;
  positionBound: 'estimated' | 'at-least' | null;
  /** Some committed offset is below its partition's log start: retention deleted what it would read next. */
  belowLogStart: boolean;
  /** Named in `pipelines:`: it should run, so it is never inactive. */
  declared: boolean;
}

/** What the classification carries from one cycle to the next, per pipeline. */
export interface ActivityMemory {
  firstSeenAtMs: number;
  lastActiveAtMs: number | null;
  state: ActivityState;
  sinceMs: number;
}

export interface ActivityInput {
  atMs: number;
  declared: boolean;
  group: GroupSample | undefined;
  /** Some committed offset of the group advanced since the previous cycle. */
  commitsAdvanced: boolean;
  partitions: readonly { lag: PartitionLag; lagSeconds: TimeLagEstimate }[];
  /** From the store: when an earlier Pipewatch last saw the pipeline active. */
  storedLastActiveAtMs: number | null;
  inactiveAfterMs: number;
}

export const DEFAULT_INACTIVE_AFTER_MS = 24 * 3_600_000;

/** One cycle's activity of one pipeline, pure: the previous memory (undefined when first seen) and this cycle's facts in. */
export function classifyActivity(previous: ActivityMemory | undefined, input: ActivityInput): { activity: GroupActivity; memory: ActivityMemory } {
  const { atMs } = input;
  const firstSeenAtMs = previous?.firstSeenAtMs ?? atMs;
  const consuming = hasMembers(input.group) || input.commitsAdvanced;
  const lastActiveAtMs = consuming ? atMs : latest(previous?.lastActiveAtMs ?? null, input.storedLastActiveAtMs);
  const belowLogStart = input.partitions.some((p) => p.lag.kind === 'lost-to-retention');

  let state: ActivityState;
  let position: { atMs: number; bound: 'estimated' | 'at-least' } | null = null;
  if (consuming) state = 'active';
  else {
    // The position has not moved since this time, so its record is at least this old.
    const notMovedSinceMs = lastActiveAtMs ?? firstSeenAtMs;
    position = positionOf(input.partitions, atMs, notMovedSinceMs);
    if (input.declared || lastActiveAtMs !== null) state = 'stopped';
    else state = belowLogStart || atMs - position.atMs > input.inactiveAfterMs ? 'abandoned' : 'inactive';
  }
  const sinceMs = previous?.state === state ? previous.sinceMs : sinceOf(state, { atMs, firstSeenAtMs, lastActiveAtMs, previous });
  return {
    activity: {
      state,
      sinceMs,
      lastActiveAtMs,
      positionAtMs: position?.atMs ?? null,
      positionBound: position?.bound ?? null,
      belowLogStart,
      declared: input.declared,
    },
    memory: { firstSeenAtMs, lastActiveAtMs, state, sinceMs },
  };
}

/** An inactive or abandoned group: no incident, no notification, listed apart. */
export function isDormant(activity: Pick<GroupActivity, 'state'>): boolean {
  return activity.state === 'inactive' || activity.state === 'abandoned';
}

function hasMembers(group: GroupSample | undefined): boolean {
  if (!group || group.state === 'Empty' || group.state === 'Dead') return false;
  if (group.membership.kind === 'visible') return group.membership.members.length > 0;
  // Members of the Kafka 4 consumer protocol are not visible; a live state says they are there.
  return group.state !== 'Unknown';
}

function sinceOf(state: ActivityState, facts: { atMs: number; firstSeenAtMs: number; lastActiveAtMs: number | null; previous: ActivityMemory | undefined }): number {
  switch (state) {
    case 'active':
      return facts.atMs;
    case 'stopped':
      return facts.previous === undefined || facts.previous.state !== 'active' ? (facts.lastActiveAtMs ?? facts.firstSeenAtMs) : facts.atMs;
    case 'inactive':
      // Abandoned → inactive cannot happen while the position stands still; inactive always dates from first sight.
      return facts.firstSeenAtMs;
    case 'abandoned':
      return facts.previous === undefined ? facts.firstSeenAtMs : facts.atMs;
    default:
      return assertNever(state, 'activity state');
  }
}

/**
 * The oldest unconsumed record over the partitions that have one, from the offset/time table; an
 * estimate that is itself a bound (capped extrapolation) or younger than the time the position
 * stood still gives way to that time.
 */
function positionOf(partitions: ActivityInput['partitions'], atMs: number, notMovedSinceMs: number): { atMs: number; bound: 'estimated' | 'at-least' } {
  let oldest: { atMs: number; bound: 'estimated' | 'at-least' } = { atMs: notMovedSinceMs, bound: 'at-least' };
  for (const p of partitions) {
    if (p.lag.kind === 'no-commit' || p.lag.lagMessages <= 0n || p.lagSeconds.kind !== 'estimated') continue;
    const writtenAtMs = atMs - p.lagSeconds.seconds * 1000;
    if (writtenAtMs >= oldest.atMs) continue;
    const capped = p.lagSeconds.confidence === 'extrapolated' && p.lagSeconds.capped;
    oldest = { atMs: writtenAtMs, bound: capped ? 'at-least' : 'estimated' };
  }
  return oldest;
}

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
