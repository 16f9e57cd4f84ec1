import * as z from 'zod';
import type { PipelineDefinition } from '../pipelines/pipeline-definition';
import { SIGNAL_NAMES, type SignalName } from '../signals/signals';
import { formatDurationMs } from '../units/format-duration';
import { checkDlqTopicPattern, DEFAULT_DLQ_TOPIC_PATTERNS } from './dlq-topics';
import { DEFAULT_INACTIVE_AFTER_MS } from '../pipelines/group-activity';
import { durationSchema } from './duration-schema';
import { compileGroupPattern } from './match-group';
import { alertmanagerSchema, notificationsSchema } from './notify-schema';
import { DEFAULT_STORE_RETENTION_MS, type PipewatchConfig, type PrometheusAuth } from './pipewatch-config';
import { checked, httpUrl, prometheusLabelName, section, text } from './schema-helpers';

/**
 * pipewatch.yaml as zod reads it: strict (an unknown key is an error), every key optional, output
 * already shaped as PipewatchConfig. Messages that start with "expected" get ", got <value>"
 * appended by explain-issues.ts.
 */

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Groups that are never pipelines unless named in `pipelines`; docs/configuration.md says why. */
export const DEFAULT_INTERNAL_GROUPS: readonly string[] = ['_*', 'console-consumer-*'];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KAFKA_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const BROKER_ADDRESS = /^(?:\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+):(\d{1,5})$/;

const topicName = checked(z.string(), (topic) =>
  KAFKA_TOPIC.test(topic) ? null : `${JSON.stringify(topic)} is not a Kafka topic name: 1 to 249 letters, digits, ".", "_" or "-"`,
);

const brokerAddress = checked(z.string().trim(), (address) => {
  const port = Number(BROKER_ADDRESS.exec(address)?.[1]);
  return port >= 1 && port <= 65_535 ? null : `expected host:port, e.g. kafka-1:9092, got ${JSON.stringify(address)}`;
});

const groupPattern = checked(z.string().min(1), (pattern) => {
  const compiled = compileGroupPattern(pattern);
  return compiled.ok ? null : compiled.error;
});

const dlqTopicPattern = checked(z.string(), checkDlqTopicPattern);

const prometheusUrl = checked(
  z.string({ error: 'expected an http(s) URL, or false to disable Prometheus' }).trim(),
  (url) => {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') return `expected an http(s) URL, got ${JSON.stringify(url)}`;
    // fetch refuses URLs with credentials; the message must not repeat them.
    if (parsed.username !== '' || parsed.password !== '') return 'must not contain credentials: use prometheus.basicAuth or bearerToken';
    return null;
  },
).transform((url) => url.replace(/\/+$/, ''));

const sslSchema = z.preprocess(
  (value) => (value === true ? {} : value === false ? null : value),
  z
    .strictObject(
      {
        ca: text.optional(),
        cert: text.optional(),
        key: text.optional(),
        rejectUnauthorized: z.boolean().default(true),
      },
      { error: 'expected true, false or a mapping of ca, cert, key, rejectUnauthorized' },
    )
    .nullable(),
);

const saslSchema = z.strictObject({
  // Java clients write sasl.mechanism=SCRAM-SHA-512; kafkajs wants lower case.
  mechanism: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(['plain', 'scram-sha-256', 'scram-sha-512'], { error: 'expected plain, scram-sha-256 or scram-sha-512' }),
  ),
  username: text,
  password: z.string().min(1),
});

const kafkaSchema = z
  .strictObject({
    brokers: z.array(brokerAddress).min(1).default(['127.0.0.1:19092']),
    clientId: text.default('pipewatch'),
    connectionTimeout: durationSchema({ minMs: 100, maxMs: 5 * MINUTE_MS }).default(3 * SECOND_MS),
    requestTimeout: durationSchema({ minMs: 100, maxMs: 5 * MINUTE_MS }).default(5 * SECOND_MS),
    ssl: sslSchema.optional(),
    sasl: saslSchema.optional(),
  })
  .transform((kafka): PipewatchConfig['kafka'] => ({
    brokers: kafka.brokers,
    clientId: kafka.clientId,
    connectionTimeoutMs: kafka.connectionTimeout,
    requestTimeoutMs: kafka.requestTimeout,
    ssl: kafka.ssl
      ? { caPath: kafka.ssl.ca ?? null, certPath: kafka.ssl.cert ?? null, keyPath: kafka.ssl.key ?? null, rejectUnauthorized: kafka.ssl.rejectUnauthorized }
      : null,
    sasl: kafka.sasl ?? null,
  }));

const signalsSchema = z
  .strictObject(Object.fromEntries(SIGNAL_NAMES.map((name) => [name, text.optional()])) as Record<SignalName, z.ZodOptional<typeof text>>)
  .transform((signals) => Object.fromEntries(Object.entries(signals).filter(([, promql]) => promql !== undefined)) as Partial<Record<SignalName, string>>);

const prometheusSchema = z
  .strictObject({
    url: z.preprocess((value) => (value === false ? null : value), prometheusUrl.nullable()).default('http://127.0.0.1:19090'),
    timeout: durationSchema({ minMs: 100, maxMs: 5 * MINUTE_MS }).default(5 * SECOND_MS),
    bearerToken: z.string().min(1).optional(),
    basicAuth: z.strictObject({ username: text, password: z.string().min(1) }).optional(),
    groupLabel: prometheusLabelName.default('consumer_group'),
    rateWindow: durationSchema({ minMs: SECOND_MS, maxMs: DAY_MS }).default(10 * SECOND_MS),
    signals: section(signalsSchema, {}),
  })
  .transform((prometheus, ctx): PipewatchConfig['prometheus'] => {
    if (prometheus.bearerToken !== undefined && prometheus.basicAuth !== undefined) {
      ctx.issues.push({ code: 'custom', path: ['basicAuth'], message: 'set bearerToken or basicAuth, not both', input: prometheus.basicAuth });
    }
    const auth: PrometheusAuth =
      prometheus.bearerToken !== undefined
        ? { kind: 'bearer', token: prometheus.bearerToken }
        : prometheus.basicAuth !== undefined
          ? { kind: 'basic', ...prometheus.basicAuth }
          : { kind: 'none' };
    return {
      url: prometheus.url,
      timeoutMs: prometheus.timeout,
      auth,
      groupLabel: prometheus.groupLabel,
      rateWindowMs: prometheus.rateWindow,
      signals: prometheus.signals,
    };
  });

const collectionSchema = z
  .strictObject({
    interval: durationSchema({ minMs: SECOND_MS, maxMs: HOUR_MS }).default(5 * SECOND_MS),
    kafkaTimeout: durationSchema({ minMs: 100, maxMs: 10 * MINUTE_MS }).default(10 * SECOND_MS),
    prometheusTimeout: durationSchema({ minMs: 100, maxMs: 10 * MINUTE_MS }).default(10 * SECOND_MS),
    maxConcurrentRequests: z.number().int().min(1).max(256).default(16),
    backoff: section(
      z.strictObject({
        initial: durationSchema({ minMs: 100, maxMs: HOUR_MS }).optional(),
        max: durationSchema({ minMs: 100, maxMs: DAY_MS }).optional(),
      }),
      {},
    ),
  })
  .transform((collection, ctx): PipewatchConfig['collection'] => {
    const initialMs = collection.backoff.initial ?? collection.interval;
    const maxMs = collection.backoff.max ?? Math.max(MINUTE_MS, initialMs);
    if (maxMs < initialMs) {
      ctx.issues.push({ code: 'custom', path: ['backoff', 'max'], message: `must be at least backoff.initial (${formatDurationMs(initialMs)})`, input: maxMs });
    }
    return {
      intervalMs: collection.interval,
      kafkaTimeoutMs: collection.kafkaTimeout,
      prometheusTimeoutMs: collection.prometheusTimeout,
      maxConcurrentRequests: collection.maxConcurrentRequests,
      backoff: { initialMs, maxMs },
    };
  });

const historySchema = z
  .strictObject({
    maxSnapshots: z.number().int().min(1).max(1_000_000).default(720),
    maxAge: durationSchema({ minMs: MINUTE_MS, maxMs: 90 * DAY_MS }).default(HOUR_MS),
  })
  .transform((history): PipewatchConfig['history'] => ({ maxSnapshots: history.maxSnapshots, maxAgeMs: history.maxAge }));

const discoverySchema = z
  .strictObject({
    includeGroups: z.array(groupPattern).default([]),
    excludeGroups: z.array(groupPattern).default([]),
    internalGroups: z.array(groupPattern).default([...DEFAULT_INTERNAL_GROUPS]),
    dlqTopicPatterns: z.array(dlqTopicPattern).default([...DEFAULT_DLQ_TOPIC_PATTERNS]),
    inactiveAfter: durationSchema({ minMs: SECOND_MS, maxMs: 365 * DAY_MS }).default(DEFAULT_INACTIVE_AFTER_MS),
  })
  .transform(({ inactiveAfter, ...patterns }): PipewatchConfig['discovery'] => ({ ...patterns, inactiveAfterMs: inactiveAfter }));

const pipelineSchema = z.strictObject({
  id: checked(z.string(), (id) =>
    SLUG.test(id) && id.length <= 64 ? null : `${JSON.stringify(id)} is not a slug: lower-case letters, digits and single "-" between them, at most 64 characters`,
  ),
  name: text.optional(),
  group: z.string().min(1),
  topics: z.array(topicName).min(1).optional(),
  dlqTopics: z.array(topicName).optional(),
});

const pipelinesSchema = z
  .array(pipelineSchema)
  .superRefine(
    (pipelines, ctx) => {
      for (const field of ['id', 'group'] as const) {
        const firstIndex = new Map<string, number>();
        pipelines.forEach((pipeline, index) => {
          // Runs even when some entries are invalid, so read defensively.
          const value: unknown = (pipeline as Partial<Record<typeof field, unknown>> | null)?.[field];
          if (typeof value !== 'string') return;
          const earlier = firstIndex.get(value);
          if (earlier === undefined) {
            firstIndex.set(value, index);
            return;
          }
          ctx.addIssue({
            code: 'custom',
            path: [index, field],
            message: `pipelines[${earlier}] and pipelines[${index}] have the same ${field} ${JSON.stringify(value)}`,
          });
        });
      }
    },
    { when: (payload) => Array.isArray(payload.value) },
  )
  .transform((pipelines) =>
    pipelines.map(
      (pipeline): PipelineDefinition => ({
        id: pipeline.id,
        name: pipeline.name ?? pipeline.id,
        groupId: pipeline.group,
        topics: pipeline.topics ?? null,
        dlqTopics: pipeline.dlqTopics ?? null,
      }),
    ),
  );

const publicUrl = checked(httpUrl({ secret: false, credentialsHint: 'links in notifications would show them' }), (url) =>
  URL.canParse(url) && (new URL(url).search !== '' || new URL(url).hash !== '') ? 'must not have a query or fragment: incident paths are appended to it' : null,
).transform((url) => url.replace(/\/+$/, ''));

// Long enough not to be guessed through the auth rate limit; `openssl rand -hex 24` makes one.
const serverToken = z.string().min(16);
const allowedHost = z
  .string()
  .regex(/^([a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*\.?|\[[0-9a-fA-F:.]+\])(:\d{1,5})?$/, 'must be a host name or host:port, without a scheme or path (pipewatch.example.com, tools.internal:8080)');

const serverSchema = z
  .strictObject({
    host: text.default('127.0.0.1'),
    port: z.number().int().min(1).max(65_535).default(19_300),
    publicUrl: publicUrl.optional(),
    /** Names a proxy or DNS reaches Pipewatch by, besides publicUrl's; `name` or `name:port`. */
    allowedHosts: z.array(allowedHost).default([]),
    /** Set from PIPEWATCH_TOKEN only: env-only-keys.ts refuses it in the file. */
    token: serverToken.optional(),
    /** Set from PIPEWATCH_INGEST_TOKEN only, like token. */
    ingestToken: serverToken.optional(),
    shutdownTimeout: durationSchema({ minMs: SECOND_MS, maxMs: 10 * MINUTE_MS }).default(10 * SECOND_MS),
  })
  .superRefine((server, ctx) => {
    if (server.ingestToken === undefined) return;
    if (server.token === undefined) ctx.addIssue({ code: 'custom', path: ['ingestToken'], message: 'needs PIPEWATCH_TOKEN too: without it everyone may write, and the ingest token would restrict nothing' });
    else if (server.ingestToken === server.token) ctx.addIssue({ code: 'custom', path: ['ingestToken'], message: 'must differ from PIPEWATCH_TOKEN: it is the token with fewer rights' });
  })
  .transform(
    (server): PipewatchConfig['server'] => ({
      host: server.host,
      port: server.port,
      publicUrl: server.publicUrl ?? `http://${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`,
      allowedHosts: server.allowedHosts.map((host) => host.toLowerCase()),
      token: server.token ?? null,
      ingestToken: server.ingestToken ?? null,
      shutdownTimeoutMs: server.shutdownTimeout,
    }),
  );

const storeSchema = z
  .strictObject({
    path: text.default('data/pipewatch.sqlite'),
    /** Set from DATABASE_URL only; the value is never repeated in a message: it may hold a password. */
    url: checked(z.string(), (url) => {
      const protocol = URL.canParse(url) ? new URL(url).protocol : null;
      return protocol === 'postgres:' || protocol === 'postgresql:' ? null : 'expected a postgres:// or postgresql:// URL (the value is not shown: it may hold a password)';
    }).optional(),
    // At least a day: a shorter one would delete an incident before anyone wrote it up.
    retention: durationSchema({ minMs: DAY_MS, maxMs: 3_650 * DAY_MS }).default(DEFAULT_STORE_RETENTION_MS),
  })
  .transform(
    (store): PipewatchConfig['store'] =>
      store.url !== undefined ? { kind: 'postgres', url: store.url, retentionMs: store.retention } : { kind: 'sqlite', path: store.path, retentionMs: store.retention },
  );

const metricsSchema = z
  .strictObject({
    maxPartitionSeries: z.number().int().min(0).max(10_000_000).default(10_000),
  })
  .transform((metrics): PipewatchConfig['metrics'] => ({ maxPartitionSeries: metrics.maxPartitionSeries }));

export const configSchema = z.strictObject({
  kafka: section(kafkaSchema, {}),
  prometheus: section(prometheusSchema, {}),
  collection: section(collectionSchema, {}),
  history: section(historySchema, {}),
  discovery: section(discoverySchema, {}),
  pipelines: section(pipelinesSchema, []),
  server: section(serverSchema, {}),
  store: section(storeSchema, {}),
  alertmanager: section(alertmanagerSchema, {}),
  notifications: section(notificationsSchema, {}),
  metrics: section(metricsSchema, {}),
}) satisfies z.ZodType<PipewatchConfig, unknown>;
