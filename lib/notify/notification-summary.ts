import { failureEntry } from '../diagnosis/failure-table';
import type { TimelineEntry } from '../incidents/incident';
import { formatDurationMs } from '../units/format-duration';
import type { Notification } from './notification';
import { assertNever } from '../assert-never';

/** One line on what happened, from the incident's own timeline entry for the event. */
export function notificationSummary({ event, incident }: Notification): string {
  const title = failureEntry(incident.type).title;
  const latest = <K extends TimelineEntry['kind']>(kind: K) =>
    incident.timeline.findLast((entry): entry is Extract<TimelineEntry, { kind: K }> => entry.kind === kind) ?? null;
  switch (event) {
    case 'opened':
      return latest('opened')?.summary ?? `${title}: ${incident.finding.evidence[0]?.text ?? 'no evidence text'}`;
    case 'escalated': {
      const entry = latest('reclassified');
      return entry === null ? `escalated to ${title}` : `escalated from ${failureEntry(entry.from).title}. ${entry.summary}`;
    }
    case 'resolved': {
      const entry = latest('resolved');
      const durationMs = entry?.durationMs ?? (incident.resolvedAtMs ?? incident.lastSeenAtMs) - incident.firstSeenAtMs;
      return `${title}: resolved after ${formatDurationMs(Math.round(Math.max(0, durationMs) / 1000) * 1000)}${entry === null ? '' : `; ${entry.summary}`}`;
    }
    default:
      return assertNever(event, 'notification event');
  }
}
