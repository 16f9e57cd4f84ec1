import { failureEntry, type Severity } from '../diagnosis/failure-table';
import { incidentUrl } from './incident-url';
import type { Notification, NotificationEvent } from './notification';
import { notificationSummary } from './notification-summary';

/**
 * A Slack incoming-webhook message (https://api.slack.com/messaging/webhooks): `text` is the
 * notification and fallback, `blocks` the layout. Every piece of text that is not Pipewatch's own
 * is escaped, so a group named "<!channel>" cannot ping a channel or fake a link.
 */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  /** Honoured only by legacy webhooks; an app's webhook posts where it was installed. */
  channel?: string;
}

export type SlackBlock =
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] };

/** Slack's section text limit is 3000 characters; text is cut before escaping, which may make it up to 5 times longer. */
const MAX_NAME_CHARS = 200;
const MAX_SUMMARY_CHARS = 500;
/** A link longer than this (an id of thousands of odd characters, encoded) is left out rather than cut into a wrong one. */
const MAX_URL_CHARS = 1_000;

const EVENT_WORDS: Record<NotificationEvent, string> = { opened: 'Opened', escalated: 'Escalated', resolved: 'Resolved' };
const SEVERITY_EMOJI: Record<Severity, string> = { critical: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' };

/** The three characters Slack's mrkdwn reserves (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function escapeSlackText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function buildSlackMessage(notification: Notification, { publicUrl, channel }: { publicUrl: string; channel?: string | null }): SlackMessage {
  const { event, incident } = notification;
  const entry = failureEntry(incident.type);
  const pipeline = escapeSlackText(cut(incident.pipelineId, MAX_NAME_CHARS));
  const emoji = event === 'resolved' ? ':white_check_mark:' : SEVERITY_EMOJI[incident.severity];
  // "|" would end the link's URL early; encodeURIComponent already covers the incident id.
  const fullUrl = incidentUrl(publicUrl, incident.id).replaceAll('|', '%7C');
  const url = fullUrl.length <= MAX_URL_CHARS ? escapeSlackText(fullUrl) : null;
  const title = escapeSlackText(entry.title);
  const headline = `${EVENT_WORDS[event]}: ${title} on ${pipeline}`;
  const blocks: SlackBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${emoji} *${EVENT_WORDS[event]}* · ${incident.severity} · *${url === null ? title : `<${url}|${title}>`}* on pipeline *${pipeline}*` } },
    { type: 'section', text: { type: 'mrkdwn', text: escapeSlackText(cut(notificationSummary(notification), MAX_SUMMARY_CHARS)) } },
  ];
  if (event !== 'resolved') blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Response:* ${escapeSlackText(entry.response)}` } });
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Incident ${escapeSlackText(cut(incident.id, MAX_NAME_CHARS))} · opened ${new Date(incident.openedAtMs).toISOString()}${url === null ? '' : ` · <${url}|open in Pipewatch>`}`,
      },
    ],
  });
  return { text: `[${incident.severity}] ${headline}`, blocks, ...(channel ? { channel } : {}) };
}

/** At most `max` characters; the last whole code point is dropped so no surrogate pair is split. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${Array.from(text.slice(0, max)).slice(0, -1).join('')}…`;
}
