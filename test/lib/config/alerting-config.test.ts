import { describe, expect, it } from 'vitest';
import { formatConfigErrors } from '../../../lib/config/config-error';
import type { Env } from '../../../lib/config/env-overrides';
import { parseConfigText } from '../../../lib/config/parse-config';
import type { PipewatchConfig } from '../../../lib/config/pipewatch-config';
import { redactConfig } from '../../../lib/config/redact-config';

/** server.publicUrl and token, store, alertmanager and notifications: the sections for alerting in and out. */

function parse(text: string, env: Env = {}) {
  return parseConfigText(text, { file: 'pipewatch.yaml', env });
}

function configOf(text: string, env: Env = {}): PipewatchConfig {
  const result = parse(text, env);
  if (!result.ok) throw new Error(formatConfigErrors(result.errors));
  return result.config;
}

describe('alerting sections: values', () => {
  const cases: { desc: string; input: { text: string; env?: Env; pick: (c: PipewatchConfig) => unknown }; expected: unknown }[] = [
    { desc: 'publicUrl defaults to the listen address', input: { text: 'server:\n  port: 8080\n', pick: (c) => c.server.publicUrl }, expected: 'http://127.0.0.1:8080' },
    { desc: 'an IPv6 host is bracketed in the default publicUrl', input: { text: 'server:\n  host: "::1"\n', pick: (c) => c.server.publicUrl }, expected: 'http://[::1]:19300' },
    { desc: 'publicUrl under a path, trailing slash dropped', input: { text: 'server:\n  publicUrl: https://tools.example.com/pipewatch/\n', pick: (c) => c.server.publicUrl }, expected: 'https://tools.example.com/pipewatch' },
    { desc: 'PIPEWATCH_PUBLIC_URL', input: { text: '', env: { PIPEWATCH_PUBLIC_URL: 'https://pw.example.com' }, pick: (c) => c.server.publicUrl }, expected: 'https://pw.example.com' },
    { desc: 'PIPEWATCH_TOKEN sets server.token', input: { text: '', env: { PIPEWATCH_TOKEN: ' s3cret-0123456789ab ' }, pick: (c) => c.server.token }, expected: 's3cret-0123456789ab' },
    { desc: 'no token by default', input: { text: '', pick: (c) => c.server.token }, expected: null },
    { desc: 'SQLite by default', input: { text: '', pick: (c) => c.store }, expected: { kind: 'sqlite', path: 'data/pipewatch.sqlite', retentionMs: 7_776_000_000 } },
    {
      desc: 'DATABASE_URL switches to PostgreSQL over the file\'s path',
      input: { text: 'store:\n  path: other.sqlite\n', env: { DATABASE_URL: 'postgres://pw:pass@db:5432/pipewatch' }, pick: (c) => c.store },
      expected: { kind: 'postgres', url: 'postgres://pw:pass@db:5432/pipewatch', retentionMs: 7_776_000_000 },
    },
    { desc: 'postgresql:// too', input: { text: '', env: { DATABASE_URL: 'postgresql://db/pipewatch' }, pick: (c) => c.store.kind }, expected: 'postgres' },
    { desc: 'an empty section keeps the match label defaults', input: { text: 'alertmanager:\n  matchLabels:\n', pick: (c) => c.alertmanager.matchLabels.group }, expected: ['consumer_group', 'consumergroup', 'group'] },
    {
      desc: 'one match list replaced, the others kept',
      input: { text: 'alertmanager:\n  matchLabels:\n    topic: [kafka_topic]\n', pick: (c) => c.alertmanager.matchLabels },
      expected: { pipeline: ['pipeline'], group: ['consumer_group', 'consumergroup', 'group'], topic: ['kafka_topic'] },
    },
    {
      desc: 'targets get names in file order',
      input: { text: 'notifications:\n  webhooks:\n    - url: http://a/1\n    - url: http://a/2\n  slack:\n    - url: https://hooks.slack.com/x\n', pick: (c) => [...c.notifications.webhooks, ...c.notifications.slack].map((t) => t.name) },
      expected: ['webhook-1', 'webhook-2', 'slack-1'],
    },
    {
      desc: 'PIPEWATCH_SLACK_WEBHOOK_URL fills the url of the file\'s first Slack entry',
      input: { text: "notifications:\n  slack:\n    - channel: '#oncall'\n", env: { PIPEWATCH_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/env' }, pick: (c) => c.notifications.slack },
      expected: [{ name: 'slack-1', url: 'https://hooks.slack.com/services/T/B/env', channel: '#oncall', events: ['opened', 'escalated', 'resolved'] }],
    },
    {
      desc: 'PIPEWATCH_WEBHOOK_URL makes a webhook target when the file has none',
      input: { text: '', env: { PIPEWATCH_WEBHOOK_URL: 'https://bot.example.com/hook' }, pick: (c) => c.notifications.webhooks },
      expected: [{ name: 'webhook-1', url: 'https://bot.example.com/hook', events: ['opened', 'escalated', 'resolved'] }],
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    expect(input.pick(configOf(input.text, input.env))).toEqual(expected);
  });
});

describe('alerting sections: errors', () => {
  const cases: { desc: string; input: { text: string; env?: Env }; expected: string }[] = [
    {
      desc: 'a token in the file is refused, pointing at the key',
      input: { text: 'server:\n  port: 1\n  token: abc\n' },
      expected: 'pipewatch.yaml:3:3 server.token: not read from the file: set PIPEWATCH_TOKEN instead (a token in a file ends up in backups and version control)',
    },
    {
      desc: '…even when the environment sets one too, and whatever its type',
      input: { text: 'server:\n  token: 42\n', env: { PIPEWATCH_TOKEN: 'a-token-long-enough-1' } },
      expected: 'pipewatch.yaml:2:3 server.token: not read from the file: set PIPEWATCH_TOKEN instead (a token in a file ends up in backups and version control)',
    },
    {
      desc: 'a database URL in the file is refused',
      input: { text: 'store:\n  url: postgres://u:p@db/x\n' },
      expected: 'pipewatch.yaml:2:3 store.url: not read from the file: set DATABASE_URL instead (the URL usually holds a password; the file sets store.path for SQLite)',
    },
    {
      desc: 'env-only keys are not offered as suggestions',
      input: { text: 'server:\n  tokn: x\n' },
      expected: 'pipewatch.yaml:2:3 server.tokn: unknown key; valid keys here: host, port, publicUrl, allowedHosts, shutdownTimeout',
    },
    {
      desc: 'a DATABASE_URL that is not PostgreSQL is named by its variable and not repeated',
      input: { text: '', env: { DATABASE_URL: 'mysql://root:hunter2@db/x' } },
      expected: '$DATABASE_URL store.url: expected a postgres:// or postgresql:// URL (the value is not shown: it may hold a password)',
    },
    {
      desc: 'a publicUrl with a query',
      input: { text: 'server:\n  publicUrl: https://pw.example.com/?a=1\n' },
      expected: 'pipewatch.yaml:2:14 server.publicUrl: must not have a query or fragment: incident paths are appended to it',
    },
    {
      desc: 'a publicUrl that is not http(s)',
      input: { text: 'server:\n  publicUrl: pipewatch.example.com\n' },
      expected: 'pipewatch.yaml:2:14 server.publicUrl: expected an http(s) URL, got "pipewatch.example.com"',
    },
    {
      desc: 'a match label that is not a label name',
      input: { text: 'alertmanager:\n  matchLabels:\n    group: [consumer-group]\n' },
      expected: 'pipewatch.yaml:3:13 alertmanager.matchLabels.group[0]: "consumer-group" is not a Prometheus label name: letters, digits and "_", not starting with a digit',
    },
    {
      desc: 'an unknown match list',
      input: { text: 'alertmanager:\n  matchLabels:\n    topics: [topic]\n' },
      expected: 'pipewatch.yaml:3:5 alertmanager.matchLabels.topics: unknown key, did you mean "topic"?',
    },
    {
      desc: 'a webhook URL that is not a URL is not repeated: it may be a secret',
      input: { text: 'notifications:\n  slack:\n    - url: hooks.slack.com/services/T/B/s3cret\n' },
      expected: 'pipewatch.yaml:3:12 notifications.slack[0].url: expected an http(s) URL',
    },
    {
      desc: 'a webhook URL of the wrong type shows only the type',
      input: { text: 'notifications:\n  webhooks:\n    - url: 12345\n' },
      expected: 'pipewatch.yaml:3:12 notifications.webhooks[0].url: expected an http(s) URL, got a number',
    },
    {
      desc: 'credentials in a webhook URL',
      input: { text: 'notifications:\n  webhooks:\n    - url: https://u:p@bot.example.com/\n' },
      expected: 'pipewatch.yaml:3:12 notifications.webhooks[0].url: must not contain credentials: put a token in the path or query, as Slack does',
    },
    {
      desc: 'an unknown event',
      input: { text: 'notifications:\n  webhooks:\n    - url: https://bot.example.com/\n      events: [opened, acknowledged]\n' },
      expected: 'pipewatch.yaml:4:24 notifications.webhooks[0].events[1]: expected opened, escalated or resolved, got a string ("acknowledged")',
    },
    {
      desc: 'no events at all',
      input: { text: 'notifications:\n  slack:\n    - url: https://hooks.slack.com/x\n      events: []\n' },
      expected: 'pipewatch.yaml:4:7 notifications.slack[0].events: must list at least 1 entry',
    },
    {
      desc: 'two targets with the same name',
      input: { text: 'notifications:\n  webhooks:\n    - url: https://a.example.com/\n      name: ops\n  slack:\n    - url: https://hooks.slack.com/x\n      name: ops\n' },
      expected: 'pipewatch.yaml:7:13 notifications.slack[0].name: webhooks[0] and slack[0] have the same name "ops"',
    },
    {
      desc: 'a default name taken by an explicit one',
      input: { text: 'notifications:\n  webhooks:\n    - url: https://a.example.com/\n    - url: https://b.example.com/\n      name: webhook-1\n' },
      expected: 'pipewatch.yaml:5:13 notifications.webhooks[1].name: webhooks[0] and webhooks[1] have the same name "webhook-1"',
    },
    {
      desc: 'backoff cap below its start',
      input: { text: 'notifications:\n  initialBackoff: 10s\n  maxBackoff: 1s\n' },
      expected: 'pipewatch.yaml:3:15 notifications.maxBackoff: must be at least initialBackoff',
    },
    {
      desc: 'a rate limit of zero',
      input: { text: 'notifications:\n  rateLimitPerMinute: 0\n' },
      expected: 'pipewatch.yaml:2:23 notifications.rateLimitPerMinute: must be at least 1, got 0',
    },
    {
      desc: 'a bad PIPEWATCH_SLACK_WEBHOOK_URL is named by its variable',
      input: { text: '', env: { PIPEWATCH_SLACK_WEBHOOK_URL: 'not a url' } },
      expected: '$PIPEWATCH_SLACK_WEBHOOK_URL notifications.slack[0].url: expected an http(s) URL',
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const result = parse(input.text, input.env);
    expect(result.ok ? 'no error' : formatConfigErrors(result.errors)).toBe(expected);
  });
});

describe('redactConfig: the new secrets', () => {
  const text = `
notifications:
  webhooks:
    - url: https://bot.example.com/hooks/abc?token=t0ken
  slack:
    - url: https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX
      channel: '#oncall'
`;
  const env: Env = { PIPEWATCH_TOKEN: 'api-t0ken-0123456789', DATABASE_URL: 'postgres://pipewatch:pgpass@db.internal:5432/pipewatch?sslmode=require&sslpassword=x' };

  it('replaces the token, the database password and the webhook URLs', () => {
    const redacted = redactConfig(configOf(text, env));
    expect({ server: redacted.server, store: redacted.store, webhooks: redacted.notifications.webhooks.map((w) => w.url), slack: redacted.notifications.slack }).toEqual({
      server: { host: '127.0.0.1', port: 19_300, publicUrl: 'http://127.0.0.1:19300', allowedHosts: [], token: '***', ingestToken: null, shutdownTimeoutMs: 10_000 },
      store: { kind: 'postgres', url: 'postgres://pipewatch:***@db.internal:5432/pipewatch?***', retentionMs: 7_776_000_000 },
      webhooks: ['https://bot.example.com/***'],
      slack: [{ name: 'slack-1', url: 'https://hooks.slack.com/***', channel: '#oncall', events: ['opened', 'escalated', 'resolved'] }],
    });
  });

  it('leaves no secret in the JSON', () => {
    const json = JSON.stringify(redactConfig(configOf(text, env)));
    expect(['api-t0ken', 'pgpass', 'sslpassword', 't0ken', 'XXXXsecretXXXX', '/hooks/abc'].filter((secret) => json.includes(secret))).toEqual([]);
  });

  it('SQLite and no token stay as they are', () => {
    const config = configOf('');
    expect({ server: redactConfig(config).server, store: redactConfig(config).store }).toEqual({ server: config.server, store: config.store });
  });
});
