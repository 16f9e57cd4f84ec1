/**
 * React Query keys, one factory per resource (TanStack's "query key factory"): every key of a
 * resource starts with its `all`, so invalidating `all` reaches its lists, figures and details.
 */

export const incidentKeys = {
  all: ['incidents'] as const,
  lists: () => [...incidentKeys.all, 'list'] as const,
  /** `filtersKey`: lib/view/incidents-query.ts buildIncidentsQueryKey, the filters without the clock. */
  list: (filtersKey: string) => [...incidentKeys.lists(), filtersKey] as const,
  figures: (filtersKey: string) => [...incidentKeys.all, 'figures', filtersKey] as const,
  details: () => [...incidentKeys.all, 'detail'] as const,
  detail: (incidentId: string) => [...incidentKeys.details(), incidentId] as const,
};

export const muteKeys = {
  all: ['mutes'] as const,
};

export const demoKeys = {
  all: ['demo'] as const,
  faults: () => [...demoKeys.all, 'faults'] as const,
};
