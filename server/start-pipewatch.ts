import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createCollection, type Collection } from '../lib/collection/collection-loop';
import { dlqTopicNames } from '../lib/config/dlq-topics';
import { compileGroupFilter, isGroupIncluded } from '../lib/config/match-group';
import { DEFAULT_STORE_RETENTION_MS, type PipewatchConfig } from '../lib/config/pipewatch-config';
import type { Incident } from '../lib/incidents/incident';
import type { IncidentStore } from '../lib/incidents/incident-store';
import type { Logger } from '../lib/log/logger';
import { createLiveHub, DEFAULT_LIVE_HUB_OPTIONS, type LiveHubOptions } from '../lib/live/live-hub';
import type { DlqNamer } from '../lib/pipelines/resolve-pipelines';
import type { PrometheusClient } from '../lib/signals/prometheus-client';
import { PlatformaticClusterSource, type PlatformaticClusterSourceOptions } from '../collectors/kafka/platformatic-cluster-source';
import { createPipewatchMetrics } from '../collectors/metrics/pipewatch-metrics';
import { registerLeadershipMetrics } from '../collectors/metrics/leadership-metrics';
import { HttpPrometheusClient } from '../collectors/prometheus/http-prometheus-client';
import { PrometheusSignalsSource, type PrometheusSignalsSourceOptions } from '../collectors/prometheus/prometheus-signals-source';
import { openStore } from '../collectors/store/open-store';
import { timeStoreWrites } from '../collectors/store/time-store-writes';
import { readBuildInfo } from './build-info';
import { createApiContext } from './api/create-api-context';
import type { FaultControl } from './api/api-routes';
import { closePipewatch } from './close-pipewatch';
import { buildLiveness } from './http/build-liveness';
import { buildReadiness } from './http/build-readiness';
import { createStoreCheck } from './http/store-check';
import { createRequestHandler } from './http/create-request-handler';
import { createUpgradeHandler } from './http/create-upgrade-handler';
import { listenHttp } from './http/listen-http';
import { createIncidentService } from './incident-service';
import { createLeadershipFromConfig, replicaName } from './leadership/create-leadership';
import type { Leadership } from './leadership/leadership';
import { createHttpSecurity } from './security/http-security';
import { createLiveSocket } from './http/live-socket';
import { startNext } from './next/start-next';

export interface StartPipewatchOptions {
  config: PipewatchConfig;
  /** The process's logger (server/log/create-pino-logger.ts); each part gets its component's child. */
  log: Logger;
  /** The dashboard and what only it needs: incident store, live hub, JSON API, Next. null: `pipewatch collect`. */
  dashboard: DashboardOptions | null;
}

export interface DashboardOptions {
  /** The project folder Next serves the dashboard from. */
  dir: string;
  /** Next's dev server (hot reload) instead of the production build. */
  dev?: boolean;
  /** The lab's fault panel (npm run demo); without it /api/demo/faults does not exist. */
  faults?: FaultControl | null;
}

export interface RunningPipewatch {
  url: string;
  collection: Collection;
  /** null: `pipewatch collect`, which keeps no incidents. */
  leadership: Leadership | null;
  close(): Promise<void>;
}

/**
 * The composition root: config → incident store → Prometheus → cluster source → collection →
 * /metrics → live hub → incident service, handed to one HTTP server. Without a dashboard it is
 * `pipewatch collect`: no store either, so a collector beside a dashboard never records or
 * notifies an incident twice.
 */
export async function startPipewatch({ config, log, dashboard }: StartPipewatchOptions): Promise<RunningPipewatch> {
  const { server } = config;
  // Reset when collection starts: building and preparing Next must not count against the first cycle.
  let collectingSinceMs = Date.now();
  const next = dashboard ? await startNext({ dir: dashboard.dir, dev: dashboard.dev ?? false, hostname: server.host, port: server.port, log }) : null;
  const metrics = createPipewatchMetrics({ build: readBuildInfo(), maxPartitionSeries: config.metrics.maxPartitionSeries });
  const replica = replicaName();
  const store = dashboard ? timeStoreWrites(await openIncidentStore(config, replica, log.child('store')), metrics.observeStoreWrite) : null;
  // Who records incidents and notifies: docs/store.md. Without a store there is nothing to lead.
  const leadership = store ? createLeadershipFromConfig(config.store, replica, log.child('leader')) : null;
  const openIncidents = store ? await resumeOpenIncidents(store, log.child('store')) : [];
  const lastActive = store ? await store.lastActive() : new Map<string, number>();
  // One Prometheus client for the collector's signals and the long ranges the API reads.
  const prometheus = createPrometheusFromConfig(config, metrics.observePrometheusQuery);
  const collection = createCollectionFromConfig(config, log, { openIncidents, lastActive, prometheus, observeKafkaRequest: metrics.observeKafkaRequest });
  const faults = dashboard?.faults ?? null;
  const hub = dashboard ? createLiveHub(liveHubOptions(config, { demo: faults !== null })) : null;
  // Hosts, tokens, session cookies, roles and where writes come from: docs/security.md.
  const security = createHttpSecurity({ config, dev: dashboard?.dev ?? false });
  const live = hub
    ? createLiveSocket({ hub, token: server.token, allowedOrigins: [new URL(server.publicUrl).origin], authorize: security.checkLive, heartbeatMs: DEFAULT_LIVE_HUB_OPTIONS.heartbeatMs, log: log.child('live') })
    : null;
  const retention = { retentionMs: config.store.retentionMs ?? DEFAULT_STORE_RETENTION_MS };
  const incidents = store && hub && leadership ? createIncidentService({ store, collection, hub, leadership, notifications: config.notifications, publicUrl: server.publicUrl, log, retention, lastActive }) : null;
  if (leadership) registerLeadershipMetrics(metrics.registry, { isLeader: () => leadership.acting().kind === 'leader', changedAtMs: leadership.changedAtMs });
  const history = prometheus && { client: prometheus.client, signalQueries: prometheus.signals.queries };
  if (live && hub) metrics.watchLive(() => ({ clients: live.clients(), messagesSent: live.messagesSent(), messagesDropped: hub.stats().droppedDeltas }));
  if (incidents) metrics.watchNotifications(() => incidents.notifierStats());
  const api = store && hub && incidents ? createApiContext({ config, collection, hub, prometheus: history, store, incidents, faults, log: log.child('http') }) : null;

  const probeSettings = { intervalMs: config.collection.intervalMs, kafkaTimeoutMs: config.collection.kafkaTimeoutMs };
  const storeCheck = store && createStoreCheck({ ping: () => store.ping() });
  const http = await listenHttp(
    server,
    createRequestHandler({
      security,
      metrics: metrics.registry,
      liveness: () => buildLiveness({ nowMs: Date.now(), startedAtMs: collectingSinceMs, latest: collection.latest(), settings: probeSettings }),
      readiness: async () => buildReadiness({ nowMs: Date.now(), latest: collection.latest(), store: storeCheck ? await storeCheck.current() : null, settings: probeSettings }),
      dashboard: api && next && { api, handleNext: next.handleRequest },
      log: log.child('http'),
      observeRequest: metrics.observeHttpRequest,
    }),
    createUpgradeHandler({ live, next }),
  );
  // One cycle's recording finishes before the next starts: the store sees changes in order.
  let recording = Promise.resolve();
  collection.subscribe((cycle) => {
    metrics.record(cycle);
    // A follower shows the store's incidents, once read; the leader's own are the newest at once.
    const published = !incidents || leadership?.acting().kind === 'leader';
    if (published) hub?.publish(cycle);
    if (incidents) recording = recording.then(() => incidents.record(cycle, { published }));
  });
  collectingSinceMs = Date.now();
  leadership?.start();
  collection.start();
  const close = () =>
    closePipewatch({ collection, recording: () => recording, incidents, leadership, live, http, next, log: log.child('server'), deadlineMs: config.server.shutdownTimeoutMs });
  return { url: http.url, collection, leadership, close };
}

/** Prometheus as a config describes it: the client, and the signal source that runs its queries. null: not configured. */
export function createPrometheusFromConfig(
  config: PipewatchConfig,
  observeQuery?: PrometheusSignalsSourceOptions['observeQuery'],
): { client: PrometheusClient; signals: PrometheusSignalsSource } | null {
  const { prometheus } = config;
  if (prometheus.url === null) return null;
  const client = new HttpPrometheusClient({
    baseUrl: prometheus.url,
    timeoutMs: prometheus.timeoutMs,
    auth: prometheus.auth.kind === 'none' ? undefined : prometheus.auth,
  });
  const signals = new PrometheusSignalsSource({
    client,
    queries: prometheus.signals,
    rateWindowSeconds: prometheus.rateWindowMs / 1000,
    groupLabel: prometheus.groupLabel,
    maxConcurrentQueries: config.collection.maxConcurrentRequests,
    observeQuery,
  });
  return { client, signals };
}

export interface CollectionExtras {
  /** Incidents still open when Pipewatch last stopped (from the store). */
  openIncidents?: readonly Incident[];
  /** Per pipeline, when it was last seen active (from the store): a restart hides nothing. */
  lastActive?: ReadonlyMap<string, number>;
  /** Prometheus built once by a caller that also queries it (the server's long ranges); built here when absent. */
  prometheus?: ReturnType<typeof createPrometheusFromConfig>;
  /** Every Kafka request as it finished, for /metrics. */
  observeKafkaRequest?: PlatformaticClusterSourceOptions['observeRequest'];
}

/** The collection loop over the sources a config describes: @platformatic/kafka for Kafka, HTTP for Prometheus. */
export function createCollectionFromConfig(config: PipewatchConfig, log: Logger, shared: CollectionExtras = {}): Collection {
  const filter = compileGroupFilter(config.discovery);
  // The config loader has already rejected bad patterns; this guards programmatic configs.
  if (!filter.ok) throw new Error(`discovery patterns: ${filter.errors.join('; ')}`);
  const configuredGroups = new Set(config.pipelines.map((p) => p.groupId));
  const dlqNames: DlqNamer = (topic, groupId) => dlqTopicNames(topic, config.discovery.dlqTopicPatterns, groupId);
  const configuredDlqs = config.pipelines.flatMap((p) => p.dlqTopics ?? []);
  const configuredTopics = config.pipelines.flatMap((p) => p.topics ?? []);

  const cluster = new PlatformaticClusterSource({
    kafka: kafkaClientConfig(config),
    // A configured pipeline is watched whatever the discovery patterns say.
    includeGroup: (groupId) => configuredGroups.has(groupId) || isGroupIncluded(groupId, filter.filter),
    extraTopics: (consumedByGroup) => [
      ...configuredTopics,
      ...configuredDlqs,
      ...[...consumedByGroup].flatMap(([groupId, topics]) => [...topics].flatMap((topic) => dlqNames(topic, groupId))),
    ],
    maxConcurrentRequests: config.collection.maxConcurrentRequests,
    log: log.child('kafka'),
    observeRequest: shared.observeKafkaRequest,
  });
  const prometheus = shared.prometheus === undefined ? createPrometheusFromConfig(config) : shared.prometheus;
  return createCollection({
    cluster,
    signals: prometheus?.signals ?? null,
    intervalMs: config.collection.intervalMs,
    kafkaTimeoutMs: config.collection.kafkaTimeoutMs,
    prometheusTimeoutMs: config.collection.prometheusTimeoutMs,
    backoff: config.collection.backoff,
    pipelines: config.pipelines,
    dlqNames,
    openIncidents: shared.openIncidents,
    lastSeenActive: shared.lastActive,
    inactiveAfterMs: config.discovery.inactiveAfterMs,
    log: log.child('collection'),
  });
}

const SASL_MECHANISMS = { plain: 'PLAIN', 'scram-sha-256': 'SCRAM-SHA-256', 'scram-sha-512': 'SCRAM-SHA-512' } as const;

function kafkaClientConfig(config: PipewatchConfig): PlatformaticClusterSourceOptions['kafka'] {
  const { kafka } = config;
  const read = (file: string | null) => (file === null ? undefined : fs.readFileSync(file, 'utf8'));
  return {
    brokers: kafka.brokers,
    clientId: kafka.clientId,
    connectionTimeoutMs: kafka.connectionTimeoutMs,
    requestTimeoutMs: kafka.requestTimeoutMs,
    ...(kafka.ssl === null ? {} : { tls: { ca: read(kafka.ssl.caPath), cert: read(kafka.ssl.certPath), key: read(kafka.ssl.keyPath), rejectUnauthorized: kafka.ssl.rejectUnauthorized } }),
    ...(kafka.sasl === null ? {} : { sasl: { mechanism: SASL_MECHANISMS[kafka.sasl.mechanism], username: kafka.sasl.username, password: kafka.sasl.password } }),
  };
}

async function openIncidentStore(config: PipewatchConfig, replica: string, log: Logger): Promise<IncidentStore> {
  const opened = await openStore(config.store, { onBackgroundError: (error) => log.warn(`incident store: ${error.message}`), exclusive: true, applicationName: `pipewatch ${replica} store` });
  if (!opened.ok && opened.error.kind === 'in-use') throw new Error(`the incident store cannot be opened: ${opened.error.message}`);
  if (!opened.ok) throw new Error(`the incident store cannot be opened: ${opened.error.message}${config.store.kind === 'postgres' ? ' (check DATABASE_URL)' : ' (check store.path)'}`);
  log.info(`incidents are kept in ${opened.location}`);
  return opened.store;
}

/** Incidents open when Pipewatch last stopped continue instead of opening again. */
async function resumeOpenIncidents(store: IncidentStore, log: Logger): Promise<Incident[]> {
  const open = await store.openIncidents();
  if (open.length > 0) log.info(`resuming ${open.length} open incident${open.length === 1 ? '' : 's'}`);
  return open;
}

function liveHubOptions(config: PipewatchConfig, { demo }: { demo: boolean }): LiveHubOptions {
  return {
    ...DEFAULT_LIVE_HUB_OPTIONS,
    // Tells a reconnecting browser whether it talks to the same process, so it can resume.
    epoch: `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
    intervalMs: config.collection.intervalMs,
    demo,
    history: { maxEntries: config.history.maxSnapshots, maxAgeMs: config.history.maxAgeMs },
  };
}
