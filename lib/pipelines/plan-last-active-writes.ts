import type { LastActiveEntry } from '../incidents/incident-store';
import type { PipelineSnapshot } from './pipeline-snapshot';

/**
 * Which "last seen active" times to store this cycle: a pipeline that became active, and one
 * still active whose stored time is older than `refreshMs`. Only whether it was active before a
 * restart matters, so a write a minute is enough, not one per pipeline per cycle.
 */
export const LAST_ACTIVE_REFRESH_MS = 60_000;

export function planLastActiveWrites(
  written: ReadonlyMap<string, number>,
  snapshots: readonly Pick<PipelineSnapshot, 'pipelineId' | 'activity'>[],
  refreshMs: number = LAST_ACTIVE_REFRESH_MS,
): LastActiveEntry[] {
  const entries: LastActiveEntry[] = [];
  for (const { pipelineId, activity } of snapshots) {
    if (activity.state !== 'active' || activity.lastActiveAtMs === null) continue;
    const stored = written.get(pipelineId);
    if (stored === undefined || activity.lastActiveAtMs - stored >= refreshMs) entries.push({ pipelineId, atMs: activity.lastActiveAtMs });
  }
  return entries;
}
