import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertNever } from '../../lib/assert-never';
import { validateEvent } from './events';
import type { FaultController } from './fault-controller';
import type { FeatureStore, FeatureStoreStats } from './feature-store';
import { BodyTooLargeError, closeServer, listen, readBody, sendJson } from './http-json';

export interface SinkServerStats extends FeatureStoreStats {
  listening: boolean;
  injectedErrors: { '503': number; '429': number };
}

export interface SinkServer {
  /** Base URL, with the real port once started. */
  url(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  stats(): SinkServerStats;
}

export interface SinkServerOptions {
  host: string;
  port: number;
  store: FeatureStore;
  faults: Pick<FaultController, 'get' | 'subscribe'>;
  log: (line: string) => void;
  random?: () => number;
}

/** The lab's "online feature store": an HTTP upsert API whose misbehaviour follows the active faults. */
export function createSinkServer(options: SinkServerOptions): SinkServer {
  const random = options.random ?? Math.random;
  const injectedErrors = { '503': 0, '429': 0 };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendJson(response, 500, { error: 'internal', detail: String(error) }));
  });
  let port = options.port;
  let stopped = false;
  let transition = Promise.resolve();
  let unsubscribe = (): void => {};

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://sink');
    if (request.method === 'GET' && pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (request.method === 'GET' && pathname === '/stats') return sendJson(response, 200, stats());
    const entityMatch = /^\/features\/([^/]+)$/.exec(pathname);
    const entityId = entityMatch?.[1] === undefined ? undefined : decodeURIComponent(entityMatch[1]);
    if (entityId === undefined) return sendJson(response, 404, { error: 'not-found', detail: 'routes: PUT|GET /features/:entity_id, GET /healthz, GET /stats' });
    if (request.method === 'GET') {
      const row = options.store.get(entityId);
      return row ? sendJson(response, 200, row) : sendJson(response, 404, { error: 'not-found', detail: `no features for ${entityId}` });
    }
    if (request.method !== 'PUT') return sendJson(response, 405, { error: 'method-not-allowed', detail: 'use PUT' });
    await handlePut(entityId, request, response);
  }

  async function handlePut(entityId: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: string;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(response, 413, { error: 'too-large', detail: error.message });
      throw error;
    }
    const validation = validateEvent(body);
    if (!validation.ok) return sendJson(response, 400, { error: 'schema', detail: validation.detail });
    if (validation.event.entity_id !== entityId) {
      return sendJson(response, 400, { error: 'schema', detail: `entity_id ${validation.event.entity_id} does not match path ${entityId}` });
    }
    const slow = options.faults.get('slow-sink');
    if (slow) await sleep(slow.spec.latencyMs);
    const transient = options.faults.get('transient-errors');
    if (transient && random() < transient.spec.rate) {
      if (random() < 0.5) {
        injectedErrors['503'] += 1;
        return sendJson(response, 503, { error: 'unavailable', detail: 'injected transient error' });
      }
      injectedErrors['429'] += 1;
      return sendJson(response, 429, { error: 'throttled', detail: 'injected throttling' }, { 'retry-after': '1' });
    }
    const outcome = options.store.upsert(validation.event);
    switch (outcome.kind) {
      case 'written':
        return sendJson(response, 200, { applied: true });
      case 'duplicate':
      case 'stale':
        return sendJson(response, 200, { applied: false, reason: outcome.kind });
      case 'rejected':
        return sendJson(response, 422, { error: outcome.reason, detail: outcome.detail });
      default:
        return assertNever(outcome);
    }
  }

  /** Serialised, so a quick sink-down start/end pair cannot interleave close and listen. */
  function setListening(wanted: boolean): Promise<void> {
    transition = transition
      .then(async () => {
        if (wanted && !stopped && !server.listening) {
          port = await listen(server, port, options.host);
          options.log(`sink listening on ${url()}`);
        } else if (!wanted && server.listening) {
          await closeServer(server);
          options.log(`sink stopped listening on ${url()}`);
        }
      })
      .catch((error: unknown) => options.log(`sink could not ${wanted ? 'listen' : 'close'}: ${String(error)}`));
    return transition;
  }

  function url(): string {
    return `http://${options.host}:${port}`;
  }

  function stats(): SinkServerStats {
    return { ...options.store.stats(), listening: server.listening, injectedErrors: { ...injectedErrors } };
  }

  return {
    url,
    async start() {
      port = await listen(server, port, options.host);
      unsubscribe = options.faults.subscribe((transitions) => {
        if (transitions.some((t) => t.fault.spec.name === 'sink-down')) void setListening(!options.faults.get('sink-down'));
      });
      if (options.faults.get('sink-down')) await setListening(false);
    },
    async stop() {
      stopped = true;
      unsubscribe();
      await setListening(false);
    },
    stats,
  };
}
