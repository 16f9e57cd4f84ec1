import { formatSeconds } from '../units/format-units';
import type { GroupActivity } from './group-activity';
import { assertNever } from '../assert-never';

/** The activity of a group in words, the same in the terminal, the API's consumers and the screens. */

export function describeActivityState(state: GroupActivity['state']): string {
  switch (state) {
    case 'active':
      return 'active';
    case 'stopped':
      return 'stopped';
    case 'inactive':
      return 'inactive';
    case 'abandoned':
      return 'abandoned';
    default:
      return assertNever(state, 'activity state');
  }
}

/** "position ≥ 3 d 04 h old", "position 2 h 05 m old", or null while the group consumes. */
export function formatPositionAge(activity: Pick<GroupActivity, 'positionAtMs' | 'positionBound'>, atMs: number): string | null {
  if (activity.positionAtMs === null) return null;
  const seconds = Math.max(0, atMs - activity.positionAtMs) / 1000;
  return `position ${activity.positionBound === 'at-least' ? '≥ ' : ''}${formatSeconds(seconds)} old`;
}

/** Why a group is inactive or abandoned, in one line. */
export function explainActivity(activity: Omit<GroupActivity, 'lastActiveAtMs'>, atMs: number): string {
  const age = formatPositionAge(activity, atMs);
  switch (activity.state) {
    case 'active':
      return 'consuming';
    case 'stopped':
      return activity.declared ? 'declared in pipelines: but not consuming' : 'seen consuming, then stopped';
    case 'inactive':
      return `not consuming since before monitoring began${age ? `; ${age}` : ''}`;
    case 'abandoned':
      return activity.belowLogStart
        ? 'not consuming since before monitoring began; its committed offsets are below the log start (retention deleted what it would read next)'
        : `not consuming since before monitoring began; ${age ?? 'position'} (older than discovery.inactiveAfter)`;
    default:
      return assertNever(activity.state, 'activity state');
  }
}

/**
 * What to do about an inactive or abandoned group: it is no incident, but it is clutter with lag
 * that never drains. Gone for good: delete its offsets. Meant to run: declare it, and Pipewatch
 * opens a consumer-stopped incident whenever it does not consume.
 */
export function adviseDormantGroup(groupId: string): string[] {
  const group = shellQuote(groupId);
  return [
    `If the group is truly gone, delete its offsets: kafka-consumer-groups --bootstrap-server <broker> --delete --group ${group} (or only some topics: --delete-offsets --group ${group} --topic <topic>)`,
    `If it should be running, declare it under pipelines: in pipewatch.yaml (id, group: ${group}): a declared pipeline that does not consume is a consumer-stopped incident at once`,
  ];
}

/** Group ids come from the cluster; quoted so a pasted command cannot run anything else. */
function shellQuote(text: string): string {
  return /^[A-Za-z0-9._:@%+=,/-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
