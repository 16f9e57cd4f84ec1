import type { GroupEvent } from '../pipelines/group-events';
import { isRebalanceEvent } from '../pipelines/group-events';
import { describeGroupEvent } from './describe-group-event';
import { formatAbsoluteAndRelative, formatUtcTime } from './format-time';

export interface GroupEventItem {
  key: string;
  at: string;
  atTitle: string;
  text: string;
  rebalance: boolean;
}

/** The recent group events list: newest first, at most `limit`. */
export function buildGroupEventItems(events: readonly GroupEvent[], nowMs: number, limit = 50): GroupEventItem[] {
  return [...events]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.atMs - a.e.atMs || b.i - a.i)
    .slice(0, limit)
    .map(({ e, i }) => ({
      key: `${e.atMs}-${e.kind}-${i}`,
      at: formatUtcTime(e.atMs),
      atTitle: formatAbsoluteAndRelative(e.atMs, nowMs),
      text: describeGroupEvent(e),
      rebalance: isRebalanceEvent(e),
    }));
}
