import { failureEntry, type FailureType, type Severity } from '../diagnosis/failure-table';
import type { IncidentStatus } from '../incidents/incident';
import { incidentUrl } from './incident-url';
import type { Notification, NotificationEvent } from './notification';
import { notificationSummary } from './notification-summary';

/**
 * The JSON body Pipewatch POSTs to a webhook target, documented in docs/alerting.md. `version`
 * changes only when a field changes meaning or goes away; new fields may appear in version 1.
 */
export interface WebhookBody {
  version: 1;
  event: NotificationEvent;
  incident: {
    id: string;
    pipelineId: string;
    type: FailureType;
    /** The failure table's title for `type`. */
    title: string;
    severity: Severity;
    status: IncidentStatus;
    /** ISO 8601, UTC. */
    openedAt: string;
    resolvedAt: string | null;
    summary: string;
  };
  /** The failure table's recommended response for `type`. */
  recommendation: { response: string };
  /** The incident's page in Pipewatch. */
  url: string;
}

export function buildWebhookBody(notification: Notification, { publicUrl }: { publicUrl: string }): WebhookBody {
  const { incident } = notification;
  const entry = failureEntry(incident.type);
  return {
    version: 1,
    event: notification.event,
    incident: {
      id: incident.id,
      pipelineId: incident.pipelineId,
      type: incident.type,
      title: entry.title,
      severity: incident.severity,
      status: incident.status,
      openedAt: new Date(incident.openedAtMs).toISOString(),
      resolvedAt: incident.resolvedAtMs === null ? null : new Date(incident.resolvedAtMs).toISOString(),
      summary: notificationSummary(notification),
    },
    recommendation: { response: entry.response },
    url: incidentUrl(publicUrl, incident.id),
  };
}
