import { describe, expect, it } from 'vitest';
import { formatConfigErrors } from '../../../lib/config/config-error';
import type { Env } from '../../../lib/config/env-overrides';
import type { PipewatchConfig } from '../../../lib/config/pipewatch-config';
import { DEFAULTS, parse } from './config-fixtures';

describe('parseConfigText: valid files', () => {
  const cases: { desc: string; input: string; expected: PipewatchConfig }[] = [
    { desc: 'an empty file is every default', input: '', expected: DEFAULTS },
    { desc: 'comments only', input: '# nothing yet\n', expected: DEFAULTS },
    { desc: 'empty mapping', input: '{}\n', expected: DEFAULTS },
    { desc: 'sections left empty read as absent', input: 'kafka:\ncollection:\n  backoff:\nprometheus:\n  signals:\n', expected: DEFAULTS },
    {
      desc: 'a minimal file changes only what it says',
      input: 'kafka:\n  brokers: [kafka-1:9092, "[::1]:9093"]\n',
      expected: { ...DEFAULTS, kafka: { ...DEFAULTS.kafka, brokers: ['kafka-1:9092', '[::1]:9093'] } },
    },
    {
      desc: 'false disables Prometheus',
      input: 'prometheus:\n  url: false\n',
      expected: { ...DEFAULTS, prometheus: { ...DEFAULTS.prometheus, url: null } },
    },
    {
      desc: 'null disables Prometheus too; an empty url key is null',
      input: 'prometheus:\n  url:\n',
      expected: { ...DEFAULTS, prometheus: { ...DEFAULTS.prometheus, url: null } },
    },
    {
      desc: 'backoff starts at the interval and its cap follows a long interval',
      input: 'collection:\n  interval: 2m\n',
      expected: { ...DEFAULTS, collection: { ...DEFAULTS.collection, intervalMs: 120_000, backoff: { initialMs: 120_000, maxMs: 120_000 } } },
    },
    {
      desc: 'ssl: true is TLS with the system CAs',
      input: 'kafka:\n  ssl: true\n',
      expected: { ...DEFAULTS, kafka: { ...DEFAULTS.kafka, ssl: { caPath: null, certPath: null, keyPath: null, rejectUnauthorized: true } } },
    },
    {
      desc: 'every key',
      input: `
kafka:
  brokers: [b1:9092, b2:9092]
  clientId: pipewatch-prod
  connectionTimeout: 2s
  requestTimeout: 1500ms
  ssl: { ca: ca.pem, cert: client.pem, key: client.key, rejectUnauthorized: false }
  sasl: { mechanism: SCRAM-SHA-512, username: pw, password: secret }
prometheus:
  url: https://prometheus.example.com/prom/
  timeout: 3s
  basicAuth: { username: reader, password: hunter2 }
  groupLabel: group
  rateWindow: 1m
  signals:
    retriesPerSec: sum by (group) (rate(app_retries_total[1m]))
collection:
  interval: 10
  kafkaTimeout: 8s
  prometheusTimeout: 4s
  maxConcurrentRequests: 4
  backoff: { initial: 1s, max: 1m30s }
history:
  maxSnapshots: 100
  maxAge: 30m
discovery:
  includeGroups: ['pay*', '/^orders-/']
  excludeGroups: ['*-test']
  internalGroups: []
  dlqTopicPatterns: ['{topic}.errors']
  inactiveAfter: 3d
pipelines:
  - id: fraud-features
    name: Fraud features
    group: fraud-features
    topics: [payments]
    dlqTopics: [payments.dlq]
  - id: orders
    group: orders-sink
server:
  host: 0.0.0.0
  port: 8080
  publicUrl: https://pipewatch.example.com/
store:
  path: /var/lib/pipewatch/pipewatch.sqlite
alertmanager:
  matchLabels:
    pipeline: [pipeline, app]
    group: [consumergroup]
    topic: []
notifications:
  webhooks:
    - url: https://hooks.example.com/pipewatch?token=abc
      name: incident-bot
      events: [resolved, opened]
  slack:
    - url: https://hooks.slack.com/services/T0/B0/XYZ
      channel: '#data-oncall'
  rateLimitPerMinute: 20
  maxAttempts: 3
  attemptTimeout: 5s
  initialBackoff: 500ms
  maxBackoff: 30s
  maxQueuedPerTarget: 50
`,
      expected: {
        kafka: {
          brokers: ['b1:9092', 'b2:9092'],
          clientId: 'pipewatch-prod',
          connectionTimeoutMs: 2_000,
          requestTimeoutMs: 1_500,
          ssl: { caPath: 'ca.pem', certPath: 'client.pem', keyPath: 'client.key', rejectUnauthorized: false },
          sasl: { mechanism: 'scram-sha-512', username: 'pw', password: 'secret' },
        },
        prometheus: {
          url: 'https://prometheus.example.com/prom',
          timeoutMs: 3_000,
          auth: { kind: 'basic', username: 'reader', password: 'hunter2' },
          groupLabel: 'group',
          rateWindowMs: 60_000,
          signals: { retriesPerSec: 'sum by (group) (rate(app_retries_total[1m]))' },
        },
        collection: { intervalMs: 10_000, kafkaTimeoutMs: 8_000, prometheusTimeoutMs: 4_000, maxConcurrentRequests: 4, backoff: { initialMs: 1_000, maxMs: 90_000 } },
        history: { maxSnapshots: 100, maxAgeMs: 1_800_000 },
        discovery: { includeGroups: ['pay*', '/^orders-/'], excludeGroups: ['*-test'], internalGroups: [], dlqTopicPatterns: ['{topic}.errors'], inactiveAfterMs: 3 * 86_400_000 },
        pipelines: [
          { id: 'fraud-features', name: 'Fraud features', groupId: 'fraud-features', topics: ['payments'], dlqTopics: ['payments.dlq'] },
          { id: 'orders', name: 'orders', groupId: 'orders-sink', topics: null, dlqTopics: null },
        ],
        server: { host: '0.0.0.0', port: 8_080, publicUrl: 'https://pipewatch.example.com', allowedHosts: [], token: null, ingestToken: null, shutdownTimeoutMs: 10_000 },
        store: { kind: 'sqlite', path: '/var/lib/pipewatch/pipewatch.sqlite', retentionMs: 7_776_000_000 },
        alertmanager: { matchLabels: { pipeline: ['pipeline', 'app'], group: ['consumergroup'], topic: [] } },
        notifications: {
          webhooks: [{ name: 'incident-bot', url: 'https://hooks.example.com/pipewatch?token=abc', events: ['opened', 'resolved'] }],
          slack: [{ name: 'slack-1', url: 'https://hooks.slack.com/services/T0/B0/XYZ', channel: '#data-oncall', events: ['opened', 'escalated', 'resolved'] }],
          rateLimitPerMinute: 20,
          maxAttempts: 3,
          attemptTimeoutMs: 5_000,
          initialBackoffMs: 500,
          maxBackoffMs: 30_000,
          maxQueuedPerTarget: 50,
        },
        metrics: { maxPartitionSeries: 10_000 },
      },
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    expect(parse(input)).toEqual({ ok: true, config: expected });
  });
});

describe('parseConfigText: environment overrides win over the file', () => {
  const file = `
kafka:
  brokers: [file-broker:9092]
  sasl: { mechanism: plain, username: file-user, password: file-password }
prometheus:
  url: http://file-prometheus:9090
  basicAuth: { username: file-user, password: file-password }
server:
  host: 127.0.0.1
  port: 19300
`;
  const cases: { desc: string; input: { text: string; env: Env; pick: (config: PipewatchConfig) => unknown }; expected: unknown }[] = [
    {
      desc: 'KAFKA_BROKERS, a comma list with spaces',
      input: { text: file, env: { KAFKA_BROKERS: ' b1:9092 , b2:9092,' }, pick: (c) => c.kafka.brokers },
      expected: ['b1:9092', 'b2:9092'],
    },
    {
      desc: 'an empty variable counts as unset',
      input: { text: file, env: { KAFKA_BROKERS: '', PROMETHEUS_URL: ' ' }, pick: (c) => [c.kafka.brokers, c.prometheus.url] },
      expected: [['file-broker:9092'], 'http://file-prometheus:9090'],
    },
    {
      desc: "SASL parts replace the file's one by one",
      input: { text: file, env: { KAFKA_SASL_PASSWORD: 'env-password', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256' }, pick: (c) => c.kafka.sasl },
      expected: { mechanism: 'scram-sha-256', username: 'file-user', password: 'env-password' },
    },
    {
      desc: 'SASL entirely from the environment',
      input: { text: '', env: { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, pick: (c) => c.kafka.sasl },
      expected: { mechanism: 'plain', username: 'u', password: 'p' },
    },
    {
      desc: 'PROMETHEUS_URL enables Prometheus the file turned off',
      input: { text: 'prometheus:\n  url: false\n', env: { PROMETHEUS_URL: 'http://env-prometheus:9090/' }, pick: (c) => c.prometheus.url },
      expected: 'http://env-prometheus:9090',
    },
    {
      desc: "PROMETHEUS_BEARER_TOKEN replaces the file's basicAuth",
      input: { text: file, env: { PROMETHEUS_BEARER_TOKEN: 'env-token' }, pick: (c) => c.prometheus.auth },
      expected: { kind: 'bearer', token: 'env-token' },
    },
    {
      desc: 'PIPEWATCH_HOST and PIPEWATCH_PORT',
      input: { text: file, env: { PIPEWATCH_HOST: '0.0.0.0', PIPEWATCH_PORT: '8080' }, pick: (c) => c.server },
      expected: { host: '0.0.0.0', port: 8_080, publicUrl: 'http://0.0.0.0:8080', allowedHosts: [], token: null, ingestToken: null, shutdownTimeoutMs: 10_000 },
    },
    {
      desc: 'other variables are ignored',
      input: { text: '', env: { PIPEWATCH_INTERVAL: '1s', KAFKA_CLIENT_ID: 'x' }, pick: (c) => [c.collection.intervalMs, c.kafka.clientId] },
      expected: [5_000, 'pipewatch'],
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const result = parse(input.text, input.env);
    if (!result.ok) throw new Error(formatConfigErrors(result.errors));
    expect(input.pick(result.config)).toEqual(expected);
  });

  const errorCases: { desc: string; input: { text: string; env: Env }; expected: string }[] = [
    {
      desc: 'a bad value names its variable',
      input: { text: file, env: { PIPEWATCH_PORT: 'eighty' } },
      expected: '$PIPEWATCH_PORT server.port: expected a number, got a string ("eighty")',
    },
    {
      desc: 'a bad broker in the list',
      input: { text: '', env: { KAFKA_BROKERS: 'b1:9092,b2' } },
      expected: '$KAFKA_BROKERS kafka.brokers[1]: expected host:port, e.g. kafka-1:9092, got "b2"',
    },
    {
      desc: 'SASL half-set from the environment',
      input: { text: '', env: { KAFKA_SASL_PASSWORD: 'p' } },
      expected: [
        '$KAFKA_SASL_PASSWORD kafka.sasl.mechanism: missing; expected plain, scram-sha-256 or scram-sha-512',
        '$KAFKA_SASL_PASSWORD kafka.sasl.username: missing; expected a string',
      ].join('\n'),
    },
    {
      desc: 'file errors first, then the environment',
      input: { text: 'server:\n  host: ""\n', env: { PROMETHEUS_URL: 'prometheus:9090' } },
      expected: [
        'pipewatch.yaml:2:9 server.host: must not be empty',
        '$PROMETHEUS_URL prometheus.url: expected an http(s) URL, got "prometheus:9090"',
      ].join('\n'),
    },
  ];

  it.each(errorCases)('$desc', ({ input, expected }) => {
    const result = parse(input.text, input.env);
    expect(result.ok ? 'no error' : formatConfigErrors(result.errors)).toBe(expected);
  });
});
