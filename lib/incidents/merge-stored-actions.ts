import type { Incident } from './incident';

/** What the store says of the leader's open incidents after people acted on any replica. */
export interface StoredActions {
  /** The store's open and recovering incidents, by id. */
  open: ReadonlyMap<string, Incident>;
  /** Incidents the reducer holds open that the store has resolved (by hand, on any replica). */
  resolved: ReadonlySet<string>;
}

/**
 * The leader's reducer keeps its own view of each incident (it is the newest), taking from the
 * store only what people did: an acknowledgement it has not seen, and a resolution. An incident
 * the store does not know yet (opened this cycle, not yet written) stays.
 */
export function mergeStoredActions(open: readonly Incident[], stored: StoredActions): Incident[] {
  return open
    .filter((incident) => !stored.resolved.has(incident.id))
    .map((incident) => {
      const acknowledged = stored.open.get(incident.id)?.acknowledged ?? null;
      return incident.acknowledged === null && acknowledged !== null ? { ...incident, acknowledged } : incident;
    });
}
