import type { StoredIncident } from './incident-store';

/** An incident as the store keeps it: the StoredIncident plus the time of the newest reducer change applied. */
export interface IncidentRecord extends StoredIncident {
  lastChangeAtMs: number;
}

export function toStoredIncident({ incident, resolution }: IncidentRecord): StoredIncident {
  return { incident, resolution };
}
