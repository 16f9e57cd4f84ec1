import { describe, expect, it } from 'vitest';
import { formatConfigErrors } from '../../../lib/config/config-error';
import type { Env } from '../../../lib/config/env-overrides';
import { parseConfigText } from '../../../lib/config/parse-config';
import type { PipewatchConfig } from '../../../lib/config/pipewatch-config';

const DEFAULTS: PipewatchConfig = {
  kafka: { brokers: ['127.0.0.1:19092'], clientId: 'pipewatch', connectionTimeoutMs: 3_000, requestTimeoutMs: 5_000, ssl: null, sasl: null },
  prometheus: {
    url: 'http://127.0.0.1:19090',
    timeoutMs: 5_000,
    auth: { kind: 'none' },
    groupLabel: 'consumer_group',
    rateWindowMs: 10_000,
    signals: {},
  },
  collection: { intervalMs: 5_000, kafkaTimeoutMs: 10_000, prometheusTimeoutMs: 10_000, maxConcurrentRequests: 16, backoff: { initialMs: 5_000, maxMs: 60_000 } },
  history: { maxSnapshots: 720, maxAgeMs: 3_600_000 },
  discovery: {
    includeGroups: [],
    excludeGroups: [],
    internalGroups: ['_*', 'console-consumer-*'],
    dlqTopicPatterns: [
      '{topic}.dlq',
      '{topic}-dlq',
      '{topic}_dlq',
      'dlq.{topic}',
      'dlq-{topic}',
      '{topic}.DLT',
      '{topic}-dlt',
      '{topic}.dead-letter',
      '{topic}.deadletter',
      '{topic}-dead-letter',
      'error.{topic}.{group}',
    ],
  },
  pipelines: [],
  server: { host: '127.0.0.1', port: 19_300, publicUrl: 'http://127.0.0.1:19300', allowedHosts: [], token: null, ingestToken: null },
  store: { kind: 'sqlite', path: 'data/pipewatch.sqlite' },
  alertmanager: { matchLabels: { pipeline: ['pipeline'], group: ['consumer_group', 'consumergroup', 'group'], topic: ['topic'] } },
  notifications: {
    webhooks: [],
    slack: [],
    rateLimitPerMinute: 10,
    maxAttempts: 5,
    attemptTimeoutMs: 10_000,
    initialBackoffMs: 1_000,
    maxBackoffMs: 60_000,
    maxQueuedPerTarget: 100,
  },
};

function parse(text: string, env: Env = {}) {
  return parseConfigText(text, { file: 'pipewatch.yaml', env });
}

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
        discovery: { includeGroups: ['pay*', '/^orders-/'], excludeGroups: ['*-test'], internalGroups: [], dlqTopicPatterns: ['{topic}.errors'] },
        pipelines: [
          { id: 'fraud-features', name: 'Fraud features', groupId: 'fraud-features', topics: ['payments'], dlqTopics: ['payments.dlq'] },
          { id: 'orders', name: 'orders', groupId: 'orders-sink', topics: null, dlqTopics: null },
        ],
        server: { host: '0.0.0.0', port: 8_080, publicUrl: 'https://pipewatch.example.com', allowedHosts: [], token: null, ingestToken: null },
        store: { kind: 'sqlite', path: '/var/lib/pipewatch/pipewatch.sqlite' },
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
      },
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    expect(parse(input)).toEqual({ ok: true, config: expected });
  });
});

describe('parseConfigText: errors name file:line:column, key and what is wrong', () => {
  const cases: { desc: string; input: string; expected: string }[] = [
    {
      desc: 'wrong type',
      input: 'pipelines:\n  - id: a\n    group: a\n  - id: b\n    group: 42\n',
      expected: 'pipewatch.yaml:5:12 pipelines[1].group: expected a string, got a number (42)',
    },
    {
      desc: 'a missing required key points at its entry',
      input: 'pipelines:\n  - id: a\n',
      expected: 'pipewatch.yaml:2:5 pipelines[0].group: missing; expected a string',
    },
    {
      desc: 'unknown key with a suggestion',
      input: 'collection:\n  intreval: 5s\n',
      expected: 'pipewatch.yaml:2:3 collection.intreval: unknown key, did you mean "interval"?',
    },
    {
      desc: 'unknown key without a close one lists the valid keys',
      input: 'history:\n  keep: 5\n',
      expected: 'pipewatch.yaml:2:3 history.keep: unknown key; valid keys here: maxSnapshots, maxAge',
    },
    {
      desc: 'unknown top-level section',
      input: 'promethus:\n  url: http://p:9090\n',
      expected: 'pipewatch.yaml:1:1 promethus: unknown key, did you mean "prometheus"?',
    },
    {
      desc: 'thresholds are not a pipeline key yet',
      input: 'pipelines:\n  - id: a\n    group: a\n    thresholds: {}\n',
      expected: 'pipewatch.yaml:4:5 pipelines[0].thresholds: unknown key; valid keys here: id, name, group, topics, dlqTopics',
    },
    {
      desc: 'bad duration',
      input: 'collection:\n  interval: 5 sec\n',
      expected:
        'pipewatch.yaml:2:13 collection.interval: "5 sec" is not a duration: write a number with a unit (500ms, 30s, 1.5m, 1h, 1d, 1m30s) or a bare number of seconds (15)',
    },
    {
      desc: 'a duration that is not a string or number',
      input: 'history:\n  maxAge: true\n',
      expected:
        'pipewatch.yaml:2:11 history.maxAge: expected a duration: a number with a unit (500ms, 30s, 1.5m, 1h, 1d, 1m30s) or a bare number of seconds (15), got true',
    },
    {
      desc: 'a bare number taken for milliseconds',
      input: 'kafka:\n  requestTimeout: 30000\n',
      expected: 'pipewatch.yaml:2:19 kafka.requestTimeout: must be at most 5m, got 30000 (a bare number is seconds; write 30000ms for milliseconds)',
    },
    {
      desc: 'a duration below its minimum',
      input: 'collection:\n  interval: 100ms\n',
      expected: 'pipewatch.yaml:2:13 collection.interval: must be at least 1s, got "100ms"',
    },
    {
      desc: 'backoff cap below its start',
      input: 'collection:\n  backoff:\n    initial: 10s\n    max: 5s\n',
      expected: 'pipewatch.yaml:4:10 collection.backoff.max: must be at least backoff.initial (10s)',
    },
    {
      desc: 'bad regex',
      input: 'discovery:\n  excludeGroups: ["/([a-z/"]\n',
      expected: 'pipewatch.yaml:2:19 discovery.excludeGroups[0]: invalid regular expression /([a-z/: Unterminated character class',
    },
    {
      desc: 'duplicate pipeline id names both entries',
      input: 'pipelines:\n  - id: payments\n    group: a\n  - id: payments\n    group: b\n',
      expected: 'pipewatch.yaml:4:9 pipelines[1].id: pipelines[0] and pipelines[1] have the same id "payments"',
    },
    {
      desc: 'duplicate pipeline group',
      input: 'pipelines:\n  - id: a\n    group: g\n  - id: b\n    group: g\n',
      expected: 'pipewatch.yaml:5:12 pipelines[1].group: pipelines[0] and pipelines[1] have the same group "g"',
    },
    {
      desc: 'a pipeline id that is not a slug',
      input: 'pipelines:\n  - id: Fraud Features\n    group: g\n',
      expected: 'pipewatch.yaml:2:9 pipelines[0].id: "Fraud Features" is not a slug: lower-case letters, digits and single "-" between them, at most 64 characters',
    },
    {
      desc: 'unknown signal name with a suggestion lists the valid ones',
      input: 'prometheus:\n  signals:\n    retriesPerSecond: up\n',
      expected:
        'pipewatch.yaml:3:5 prometheus.signals.retriesPerSecond: unknown signal, did you mean "retriesPerSec"?; valid signals: recordsProcessedPerSec, sinkRequestsPerSec, retriesPerSec, sinkLatencyP50Seconds, sinkLatencyP95Seconds, sinkLatencyP99Seconds, sinkTransientErrorsPerSec, sinkPermanentErrorsPerSec, dlqPublishesPerSec, consumersPaused, rebalancesPerSec',
    },
    {
      desc: 'an enum value',
      input: 'kafka:\n  sasl: { mechanism: gssapi, username: u, password: p }\n',
      expected: 'pipewatch.yaml:2:22 kafka.sasl.mechanism: expected plain, scram-sha-256 or scram-sha-512, got a string ("gssapi")',
    },
    {
      desc: 'a secret is never echoed',
      input: 'kafka:\n  sasl: { mechanism: plain, username: u, password: 123456 }\n',
      expected: 'pipewatch.yaml:2:52 kafka.sasl.password: expected a string, got a number',
    },
    {
      desc: 'credentials in the Prometheus URL',
      input: 'prometheus:\n  url: https://reader:hunter2@prom:9090\n',
      expected: 'pipewatch.yaml:2:8 prometheus.url: must not contain credentials: use prometheus.basicAuth or bearerToken',
    },
    {
      desc: 'two kinds of Prometheus auth',
      input: 'prometheus:\n  bearerToken: t\n  basicAuth: { username: u, password: p }\n',
      expected: 'pipewatch.yaml:3:3 prometheus.basicAuth: set bearerToken or basicAuth, not both',
    },
    {
      desc: 'a broker without a port',
      input: 'kafka:\n  brokers:\n    - kafka-1\n',
      expected: 'pipewatch.yaml:3:7 kafka.brokers[0]: expected host:port, e.g. kafka-1:9092, got "kafka-1"',
    },
    {
      desc: 'an empty list where one entry is needed',
      input: 'kafka:\n  brokers: []\n',
      expected: 'pipewatch.yaml:2:3 kafka.brokers: must list at least 1 entry',
    },
    {
      desc: 'a mapping value of the wrong type points at its key',
      input: 'discovery:\n  includeGroups:\n    a: b\n',
      expected: 'pipewatch.yaml:2:3 discovery.includeGroups: expected a list, got a mapping',
    },
    {
      desc: 'a number out of range',
      input: 'server:\n  port: 70000\n',
      expected: 'pipewatch.yaml:2:9 server.port: must be at most 65535, got 70000',
    },
    {
      desc: 'not a whole number',
      input: 'collection:\n  maxConcurrentRequests: 2.5\n',
      expected: 'pipewatch.yaml:2:26 collection.maxConcurrentRequests: expected a whole number, got a number (2.5)',
    },
    {
      desc: 'the top level is not a mapping',
      input: '- kafka\n',
      expected: 'pipewatch.yaml:1:1 expected a mapping, got a list',
    },
    {
      desc: 'YAML syntax error',
      input: 'kafka:\n  brokers: [a:1\nserver:\n  port: 1\n',
      expected: 'pipewatch.yaml:3:1 Flow sequence in block collection must be sufficiently indented and end with a ]',
    },
    {
      desc: 'YAML duplicate key',
      input: 'server:\n  port: 1\n  port: 2\n',
      expected: 'pipewatch.yaml:3:3 Map keys must be unique',
    },
    {
      desc: 'tab indentation',
      input: 'server:\n\tport: 1\n',
      expected: 'pipewatch.yaml:2:1 Tabs are not allowed as indentation',
    },
    {
      desc: 'two YAML documents',
      input: 'server: {}\n---\nkafka: {}\n',
      expected: 'pipewatch.yaml:2:1 the file holds more than one YAML document (a second "---"); Pipewatch reads one',
    },
    {
      desc: 'an alias to an unknown anchor',
      input: 'kafka:\n  brokers: *brokers\n',
      expected: 'pipewatch.yaml Unresolved alias (the anchor must be set before the alias): brokers',
    },
    {
      desc: 'several errors come in file order',
      input: 'server:\n  port: x\nkafka:\n  clientid: p\n',
      expected: [
        'pipewatch.yaml:2:9 server.port: expected a number, got a string ("x")',
        'pipewatch.yaml:4:3 kafka.clientid: unknown key, did you mean "clientId"?',
      ].join('\n'),
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const result = parse(input);
    expect(result.ok ? 'no error' : formatConfigErrors(result.errors)).toBe(expected);
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
      expected: { host: '0.0.0.0', port: 8_080, publicUrl: 'http://0.0.0.0:8080', allowedHosts: [], token: null, ingestToken: null },
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
