import type { Notification, NotificationEvent } from './notification';
import { buildSlackMessage } from './slack-message';
import { buildWebhookBody } from './webhook-body';

/** Where notifications go. `id` names it in logs: the URL never appears there (Slack's holds its secret). */
export interface NotifyTarget {
  id: string;
  kind: 'webhook' | 'slack';
  url: string;
  events: readonly NotificationEvent[];
  buildBody: (notification: Notification) => unknown;
}

/** A webhook as configured (notifications.webhooks[]): the body is docs/alerting.md's JSON. */
export interface WebhookTargetSettings {
  name: string;
  url: string;
  events: NotificationEvent[];
}

/** A Slack incoming webhook as configured (notifications.slack[]). */
export interface SlackTargetSettings {
  name: string;
  url: string;
  /** Legacy webhooks only; null: the webhook's own channel. */
  channel: string | null;
  events: NotificationEvent[];
}

/** The configured targets, each with its body builder; links point at publicUrl. */
export function buildNotifyTargets(
  { webhooks, slack }: { webhooks: readonly WebhookTargetSettings[]; slack: readonly SlackTargetSettings[] },
  publicUrl: string,
): NotifyTarget[] {
  return [
    ...webhooks.map((w): NotifyTarget => ({ id: w.name, kind: 'webhook', url: w.url, events: w.events, buildBody: (n) => buildWebhookBody(n, { publicUrl }) })),
    ...slack.map((s): NotifyTarget => ({ id: s.name, kind: 'slack', url: s.url, events: s.events, buildBody: (n) => buildSlackMessage(n, { publicUrl, channel: s.channel }) })),
  ];
}
