import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import next from 'next';
import { createCollectionFromConfig, createPrometheusFromConfig } from './create-collection';
import type { CycleResult } from '../lib/collection/collection-loop';
import { toSnapshotJson } from '../lib/api/pipeline-json';
import type { PipewatchConfig } from '../lib/config/pipewatch-config';
import { createPipewatchMetrics } from '../collectors/metrics/pipewatch-metrics';
import { createLiveHub, DEFAULT_LIVE_HUB_OPTIONS } from '../lib/live/live-hub';
import { LIVE_PATH } from '../lib/live/live-protocol';
import { openStore } from '../collectors/store/open-store';
import { createHttpSecurity } from './security/http-security';
import { readApiBody } from './security/bounded-body';
import type { ApiRequest } from './api-request';
import { routeApi, type FaultControl } from './api-routes';
import { createLiveSocket } from './live-socket';
import { createIncidentService } from './incident-service';
import { readPipelineHistory } from './pipeline-history';
import { ensureNextBuild } from './next-build';

export interface PipewatchServerOptions {
  config: PipewatchConfig;
  /** The project folder Next serves the dashboard from. */
  dir: string;
  /** Next's dev server (hot reload) instead of the production build. */
  dev?: boolean;
  /** Demo mode: the lab pipeline's control endpoint, for the dashboard's fault panel. */
  demo?: { faultControlUrl: string } | null;
  log: (line: string) => void;
}

export interface PipewatchServer {
  url: string;
  close(): Promise<void>;
}

/**
 * One process: the collectors, the live hub and its websocket, the JSON API, /metrics, health
 * endpoints and the Next.js dashboard, on one port.
 */
export async function startPipewatchServer(options: PipewatchServerOptions): Promise<PipewatchServer> {
  const { config, log } = options;
  const dev = options.dev ?? false;
  if (!dev) await ensureNextBuild(options.dir, log);

  const opened = await openStore(config.store, { onBackgroundError: (error) => log(`incident store: ${error.message}`) });
  if (!opened.ok) throw new Error(`the incident store cannot be opened: ${opened.error.message}${config.store.kind === 'postgres' ? ' (check DATABASE_URL)' : ' (check store.path)'}`);
  const store = opened.store;
  log(`incidents are kept in ${opened.location}`);
  // Incidents open when Pipewatch last stopped continue instead of opening again.
  const openIncidents = await store.openIncidents();
  if (openIncidents.length > 0) log(`resuming ${openIncidents.length} open incident${openIncidents.length === 1 ? '' : 's'}`);
  // One Prometheus client for the collector's signals and the long ranges the API reads.
  const prometheus = createPrometheusFromConfig(config);
  const collection = createCollectionFromConfig(config, log, { openIncidents, prometheus });
  const metrics = createPipewatchMetrics();
  const hub = createLiveHub({
    ...DEFAULT_LIVE_HUB_OPTIONS,
    epoch: `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
    intervalMs: config.collection.intervalMs,
    demo: Boolean(options.demo),
    history: { maxEntries: config.history.maxSnapshots, maxAgeMs: config.history.maxAgeMs },
  });
  // Hosts, tokens, session cookies, roles and where writes come from: docs/security.md.
  const security = createHttpSecurity({ config, dev });
  const live = createLiveSocket({ hub, token: config.server.token, allowedOrigins: [new URL(config.server.publicUrl).origin], authorize: security.checkLive, heartbeatMs: DEFAULT_LIVE_HUB_OPTIONS.heartbeatMs, log });
  const faults = options.demo ? labFaultControl(options.demo.faultControlUrl) : null;
  const incidents = createIncidentService({ store, collection, hub, notifications: config.notifications, publicUrl: config.server.publicUrl, log });

  const nextApp = next({ dev, dir: options.dir, hostname: config.server.host, port: config.server.port });
  await nextApp.prepare();
  const handleNext = nextApp.getRequestHandler();
  const handleNextUpgrade = nextApp.getUpgradeHandler();

  let latest: CycleResult | null = null;
  // One cycle's recording finishes before the next starts: the store sees changes in order.
  let recording = Promise.resolve();
  collection.subscribe((cycle) => {
    latest = cycle;
    metrics.record(cycle);
    hub.publish(cycle);
    recording = recording.then(() => incidents.record(cycle));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://pipewatch.local');
    const path = url.pathname;
    security.applyHeaders(request, response);
    if (path === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (path === '/readyz') return ready(response);
    if (path === '/metrics') {
      response.writeHead(200, { 'content-type': metrics.registry.contentType });
      response.end(await metrics.registry.metrics());
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) return api(request, response, url);
    if (security.handlePage(request, response, url)) return;
    await handleNext(request, response);
  }

  function ready(response: ServerResponse): void {
    const sources = latest?.sources;
    const waiting = !sources
      ? ['no collection cycle yet']
      : [
          ...(sources.kafka.lastSuccessAtMs === null ? [`Kafka has not answered: ${sources.kafka.lastError?.message ?? 'no attempt yet'}`] : []),
          ...(sources.prometheus.activity !== 'disabled' && sources.prometheus.lastSuccessAtMs === null
            ? [`Prometheus has not answered: ${sources.prometheus.lastError?.message ?? 'no attempt yet'}`]
            : []),
        ];
    sendJson(response, waiting.length === 0 ? 200 : 503, waiting.length === 0 ? { status: 'ready' } : { status: 'waiting', waiting });
  }

  async function api(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const access = security.checkApi(request, url);
    if (!access.ok) return security.sendRefusal(response, access, 'json');
    let segments: string[];
    try {
      segments = url.pathname.split('/').slice(2).filter((s) => s !== '').map(decodeURIComponent);
    } catch {
      return sendJson(response, 400, { error: 'the path is not valid percent-encoding' });
    }
    const body = await readApiBody(request, segments);
    if (!body.ok) return sendJson(response, body.status, { error: body.error });
    const apiRequest: ApiRequest = { method: request.method ?? 'GET', segments, query: url.searchParams, body: body.value, auth: access.auth };
    const answer = await routeApi(apiRequest, {
      snapshot: () => (latest ? toSnapshotJson(latest) : null),
      pipeline: (id, windowMs) => hub.readPipeline(id, windowMs),
      history: prometheus
        ? async (id, startMs, endMs) => {
            const snapshot = latest?.snapshots.find((s) => s.pipelineId === id);
            if (!snapshot) return { kind: 'unknown-pipeline' };
            const history = await readPipelineHistory({
              client: prometheus.client,
              signalQueries: prometheus.signals.queries,
              groupLabel: config.prometheus.groupLabel,
              pipelineId: id,
              groupId: snapshot.groupId,
              startMs,
              endMs,
              // About 600 points a chart, never finer than a collection cycle.
              minStepMs: Math.max(config.collection.intervalMs, Math.round((endMs - startMs) / 600)),
            });
            return { kind: 'read', history };
          }
        : null,
      incidents: {
        store,
        service: incidents,
        pipelines: () => (latest?.snapshots ?? []).map((s) => ({ pipelineId: s.pipelineId, groupId: s.groupId, topics: s.topics })),
        matchLabels: config.alertmanager.matchLabels,
        log,
      },
      faults,
    });
    if (typeof answer.body === 'string') {
      response.writeHead(answer.status, { 'cache-control': 'no-store', ...answer.headers });
      response.end(answer.body);
      return;
    }
    sendJson(response, answer.status, answer.body);
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      log(`request ${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
      if (!response.headersSent) sendJson(response, 500, { error: `internal error: ${error.message}` });
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://pipewatch.local').pathname;
    if (path === LIVE_PATH) return live.handleUpgrade(request, socket, head);
    // Next's dev server keeps its hot-reload socket; in production nothing else upgrades.
    if (dev && path.startsWith('/_next/')) return void handleNextUpgrade(request, socket, head);
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${config.server.port} on ${config.server.host} is taken: stop what uses it, or set server.port in pipewatch.yaml`) : error),
    );
    server.listen(config.server.port, config.server.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  collection.start();

  return {
    url,
    async close() {
      await collection.stop();
      await recording;
      await incidents.close();
      await live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await nextApp.close();
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function labFaultControl(controlUrl: string): FaultControl {
  async function call(init: RequestInit): Promise<{ status: number; body: unknown }> {
    try {
      const response = await fetch(`${controlUrl}/faults`, { ...init, signal: AbortSignal.timeout(5_000) });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = { error: text };
      }
      return { status: response.status, body };
    } catch (error) {
      return { status: 502, body: { error: `the demo pipeline's control endpoint ${controlUrl} does not answer (${(error as Error).message}); is the lab up? npm run lab:up` } };
    }
  }
  return {
    list: () => call({ method: 'GET' }),
    start: (body) => call({ method: 'POST', body: JSON.stringify(body ?? {}), headers: { 'content-type': 'application/json' } }),
  };
}
