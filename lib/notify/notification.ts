import type { Incident, IncidentChange } from '../incidents/incident';
import { assertNever } from '../assert-never';

/** What Pipewatch tells the outside world about an incident. */
export const NOTIFICATION_EVENTS = ['opened', 'escalated', 'resolved'] as const;

export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export interface Notification {
  event: NotificationEvent;
  /**
   * Deduplication key: `${incidentId}/opened`, `${incidentId}/resolved`, and
   * `${incidentId}/escalated/${type}` — an escalation is announced once per type it reaches.
   */
  key: string;
  atMs: number;
  /** The incident as of this change. */
  incident: Incident;
}

/**
 * The notification an incident change calls for, or null: an 'updated' change notifies only when
 * it reclassifies the incident along its escalation chain; relapses, recoveries in progress and
 * acknowledgements are visible in Pipewatch but not pushed.
 */
export function notificationOf(change: IncidentChange): Notification | null {
  switch (change.kind) {
    case 'opened':
      return { event: 'opened', key: `${change.incident.id}/opened`, atMs: change.atMs, incident: change.incident };
    case 'updated':
      if (change.entry?.kind !== 'reclassified') return null;
      return { event: 'escalated', key: `${change.incident.id}/escalated/${change.entry.to}`, atMs: change.atMs, incident: change.incident };
    case 'resolved':
      return { event: 'resolved', key: `${change.incident.id}/resolved`, atMs: change.atMs, incident: change.incident };
    case 'rejected':
      return null;
    default:
      return assertNever(change, 'incident change');
  }
}
