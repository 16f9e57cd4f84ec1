import type { PipelineSummary } from '../live/live-wire';
import { isDormant } from '../pipelines/group-activity';

/**
 * Inactive or abandoned, and no incident open: one resumed from the store for a pipeline that
 * now reads as inactive stays among the pipelines until it resolves.
 */
export function isListedApart(p: Pick<PipelineSummary, 'activity' | 'incident'>): boolean {
  return isDormant(p.activity) && (p.incident === null || p.incident.status === 'resolved');
}
