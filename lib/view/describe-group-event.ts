import type { GroupEvent } from '../pipelines/group-events';
import { isRebalanceEvent } from '../pipelines/group-events';
import { assertNever } from '../assert-never';

/** A group event in words, for the events list and the charts' markers. */
export function describeGroupEvent(event: GroupEvent): string {
  switch (event.kind) {
    case 'appeared':
      return 'group appeared';
    case 'disappeared':
      return 'group disappeared';
    case 'state-changed':
      return `state ${event.from} → ${event.to}`;
    case 'members-changed': {
      const parts = [...(event.joined.length > 0 ? [`joined: ${event.joined.join(', ')}`] : []), ...(event.left.length > 0 ? [`left: ${event.left.join(', ')}`] : [])];
      return `members ${parts.join('; ')} (now ${event.members})`;
    }
    case 'assignment-changed':
      return `${event.movedPartitions} partition${event.movedPartitions === 1 ? '' : 's'} moved`;
    case 'resumed':
      return `consuming again: active after being ${event.was} since ${new Date(event.dormantSinceMs).toISOString()}`;
    default:
      return assertNever(event, 'group event');
  }
}

/** A short name for a marker on a chart. */
export function shortGroupEventLabel(event: GroupEvent): string {
  if (isRebalanceEvent(event)) return 'rebalance';
  switch (event.kind) {
    case 'appeared':
      return 'group appeared';
    case 'disappeared':
      return 'group gone';
    case 'state-changed':
      return event.to;
    case 'members-changed':
    case 'assignment-changed':
      return 'rebalance';
    case 'resumed':
      return 'consuming again';
    default:
      return assertNever(event, 'group event');
  }
}
