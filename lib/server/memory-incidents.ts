import type { CycleResult } from '../../collectors/collection-loop';
import { toJsonSafe } from '../api/json-safe';
import type { IncidentJson } from '../live/live-views';
import type { IncidentFilter, IncidentQueries } from './api-routes';

const MAX_INCIDENTS = 1_000;

/** The incidents of this process's lifetime, newest kept when the bound is reached. */
export function createMemoryIncidents(): IncidentQueries & { record(cycle: CycleResult): void } {
  const byId = new Map<string, IncidentJson>();
  return {
    record(cycle) {
      for (const change of cycle.incidentChanges) {
        if (change.kind === 'rejected') continue;
        byId.delete(change.incident.id);
        byId.set(change.incident.id, toJsonSafe(change.incident));
      }
      while (byId.size > MAX_INCIDENTS) byId.delete(byId.keys().next().value as string);
    },
    async list(filter: IncidentFilter) {
      return [...byId.values()]
        .filter(
          (i) =>
            (filter.pipelineId === undefined || i.pipelineId === filter.pipelineId) &&
            (filter.type === undefined || i.type === filter.type) &&
            (filter.status === undefined || (filter.status === 'resolved') === (i.status === 'resolved')) &&
            (filter.fromMs === undefined || (i.resolvedAtMs ?? Infinity) >= filter.fromMs) &&
            (filter.toMs === undefined || i.openedAtMs <= filter.toMs),
        )
        .sort((a, b) => b.openedAtMs - a.openedAtMs)
        .slice(0, filter.limit);
    },
    async get(id) {
      return byId.get(id) ?? null;
    },
  };
}
