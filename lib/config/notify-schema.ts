import * as z from 'zod';
import { DEFAULT_ALERT_MATCH_LABELS } from '../alerting/match-alert-to-pipeline';
import { NOTIFICATION_EVENTS } from '../notify/notification';
import type { SlackTargetSettings, WebhookTargetSettings } from '../notify/notify-targets';
import { durationSchema } from './duration-schema';
import type { PipewatchConfig } from './pipewatch-config';
import { httpUrl, prometheusLabelName, section, text } from './schema-helpers';

/** The alertmanager and notifications sections of pipewatch.yaml (docs/configuration.md, docs/alerting.md). */

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

const labelList = (defaults: readonly string[]) => z.array(prometheusLabelName).default([...defaults]);

export const alertmanagerSchema = z
  .strictObject({
    matchLabels: section(
      z.strictObject({
        pipeline: labelList(DEFAULT_ALERT_MATCH_LABELS.pipeline),
        group: labelList(DEFAULT_ALERT_MATCH_LABELS.group),
        topic: labelList(DEFAULT_ALERT_MATCH_LABELS.topic),
      }),
      {},
    ),
  })
  .transform((alertmanager): PipewatchConfig['alertmanager'] => alertmanager);

const events = z
  .array(z.enum(NOTIFICATION_EVENTS, { error: `expected ${NOTIFICATION_EVENTS.join(', ').replace(/, (\w+)$/, ' or $1')}` }))
  .min(1)
  .default([...NOTIFICATION_EVENTS])
  .transform((list) => NOTIFICATION_EVENTS.filter((event) => list.includes(event)));

// Slack's webhook URLs are their secret; generic webhooks often carry a token too.
const targetUrl = httpUrl({ secret: true, credentialsHint: 'put a token in the path or query, as Slack does' });
const targetName = text.max(64);

const webhookSchema = z.strictObject({ url: targetUrl, name: targetName.optional(), events });
const slackSchema = z.strictObject({ url: targetUrl, name: targetName.optional(), channel: text.optional(), events });

export const notificationsSchema = z
  .strictObject({
    webhooks: z.array(webhookSchema).default([]),
    slack: z.array(slackSchema).default([]),
    rateLimitPerMinute: z.number().int().min(1).max(600).default(10),
    maxAttempts: z.number().int().min(1).max(20).default(5),
    attemptTimeout: durationSchema({ minMs: 100, maxMs: 5 * MINUTE_MS }).default(10 * SECOND_MS),
    initialBackoff: durationSchema({ minMs: 10, maxMs: HOUR_MS }).default(SECOND_MS),
    maxBackoff: durationSchema({ minMs: 10, maxMs: HOUR_MS }).default(MINUTE_MS),
    maxQueuedPerTarget: z.number().int().min(1).max(10_000).default(100),
  })
  .transform((n, ctx): PipewatchConfig['notifications'] => {
    if (n.maxBackoff < n.initialBackoff) ctx.issues.push({ code: 'custom', path: ['maxBackoff'], message: 'must be at least initialBackoff', input: n.maxBackoff });
    const webhooks = n.webhooks.map((w, i): WebhookTargetSettings => ({ name: w.name ?? `webhook-${i + 1}`, url: w.url, events: w.events }));
    const slack = n.slack.map((s, i): SlackTargetSettings => ({ name: s.name ?? `slack-${i + 1}`, url: s.url, channel: s.channel ?? null, events: s.events }));
    // Names are how logs and /metrics tell targets apart.
    const seen = new Map<string, string>();
    for (const [list, targets] of [
      ['webhooks', webhooks],
      ['slack', slack],
    ] as const) {
      targets.forEach((target, index) => {
        const where = `${list}[${index}]`;
        const earlier = seen.get(target.name);
        if (earlier === undefined) seen.set(target.name, where);
        else ctx.issues.push({ code: 'custom', path: [list, index, 'name'], message: `${earlier} and ${where} have the same name ${JSON.stringify(target.name)}`, input: target.name });
      });
    }
    return {
      webhooks,
      slack,
      rateLimitPerMinute: n.rateLimitPerMinute,
      maxAttempts: n.maxAttempts,
      attemptTimeoutMs: n.attemptTimeout,
      initialBackoffMs: n.initialBackoff,
      maxBackoffMs: n.maxBackoff,
      maxQueuedPerTarget: n.maxQueuedPerTarget,
    };
  });
