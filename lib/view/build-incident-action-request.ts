import { assertNever } from '../assert-never';
/**
 * What people do to an incident from its page, and the request each sends (docs/api.md, "The HTTP
 * API"). Nothing is checked here beyond what keeps a request well-formed: the server's own 400
 * ("reason: must not be empty") is what the form shows, word for word.
 */

export type IncidentActionKind = 'acknowledge' | 'note' | 'resolve';

export const INCIDENT_ACTION_KINDS: readonly IncidentActionKind[] = ['acknowledge', 'note', 'resolve'];

/** Where "your name" is remembered between actions and visits. */
export const NAME_STORAGE_KEY = 'pipewatch.name';

export interface IncidentActionText {
  /** The button that opens the form. */
  open: string;
  /** The form's submit button, and its text while the request is out. */
  submit: string;
  pending: string;
  textLabel: string;
  textPlaceholder: string;
  /** The text is required by the server (a note's text, a resolve's reason). */
  textRequired: boolean;
  help: string;
}

export function describeIncidentAction(kind: IncidentActionKind): IncidentActionText {
  switch (kind) {
    case 'acknowledge':
      return {
        open: 'Acknowledge',
        submit: 'Acknowledge',
        pending: 'Acknowledging…',
        textLabel: 'Note (optional)',
        textPlaceholder: 'looking into it',
        textRequired: false,
        help: 'Tells the team someone is on it. The incident stays open until it recovers or is resolved.',
      };
    case 'note':
      return {
        open: 'Add note',
        submit: 'Add note',
        pending: 'Adding…',
        textLabel: 'Note',
        textPlaceholder: 'what you saw or did, for the timeline and the postmortem',
        textRequired: true,
        help: 'Goes on the timeline and into the postmortem.',
      };
    case 'resolve':
      return {
        open: 'Resolve…',
        submit: 'Resolve incident',
        pending: 'Resolving…',
        textLabel: 'Reason',
        textPlaceholder: 'sink scaled up; lag drained',
        textRequired: true,
        help: 'Closes it without waiting for verified recovery. If the fault is still there, a new incident opens.',
      };
    default:
      return assertNever(kind, 'incident action');
  }
}

export interface ActionRequest {
  path: string;
  body: Record<string, string>;
}

/** An acknowledgement's empty note is left out (the server refuses an empty one); the others go as typed. */
export function buildIncidentActionRequest(kind: IncidentActionKind, incidentId: string, by: string, text: string): ActionRequest {
  const base = `/api/incidents/${encodeURIComponent(incidentId)}`;
  switch (kind) {
    case 'acknowledge':
      return { path: `${base}/acknowledge`, body: text.trim() === '' ? { by } : { by, note: text } };
    case 'note':
      return { path: `${base}/notes`, body: { by, text } };
    case 'resolve':
      return { path: `${base}/resolve`, body: { by, reason: text } };
    default:
      return assertNever(kind, 'incident action');
  }
}

export function buildPostmortemPath(incidentId: string): string {
  return `/api/incidents/${encodeURIComponent(incidentId)}/postmortem`;
}

/** The file name the download suggests: the server's own rule (server/incident-routes.ts safeFileName). */
export function postmortemFileName(incidentId: string): string {
  return `postmortem-${incidentId.replace(/[^a-zA-Z0-9._-]+/g, '_').slice(0, 120)}.md`;
}
