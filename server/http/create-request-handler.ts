import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../lib/log/logger';
import type { Registry } from 'prom-client';
import { routeApi, type ApiContext } from '../api/api-routes';
import type { ApiRequest } from '../api/api-request';
import { readApiBody } from '../security/bounded-body';
import type { HttpSecurity } from '../security/http-security';
import type { Liveness } from './build-liveness';
import type { Readiness } from './build-readiness';
import { routeOfUrl } from './route-pattern';
import { sendJson } from './send-json';

export interface RequestHandlerOptions {
  /** Hosts, tokens, sessions, roles and where writes come from (docs/security.md). */
  security: HttpSecurity;
  metrics: Pick<Registry, 'contentType' | 'metrics'>;
  /** `/healthz`: is the collection loop still completing cycles (build-liveness.ts). */
  liveness: () => Liveness;
  /** `/readyz`: the store, Kafka now, Prometheus as a degradation (build-readiness.ts). */
  readiness: () => Promise<Readiness>;
  /** The JSON API and the Next pages; null for `pipewatch collect`, which serves /metrics only. */
  dashboard: { api: ApiContext; handleNext(request: IncomingMessage, response: ServerResponse): Promise<void> } | null;
  log: Logger;
  /** Called once per answered request, for /metrics. */
  observeRequest?: (request: HandledRequest) => void;
}

/** What is logged and counted of a request: never its URL (ids, `?token=`) or headers (cookies, bearer tokens). */
export interface HandledRequest {
  method: string;
  route: string;
  status: number;
  durationMs: number;
}

/** Polled every few seconds (kubelets, Prometheus) or many per page (Next's assets): logged at debug unless they fail. */
const QUIET_ROUTES = new Set(['/metrics', '/healthz', '/readyz', '/_next/*']);

/** Routes one request: security headers first, then /metrics, /healthz, /readyz, /api, and the page gate in front of Next. */
export function createRequestHandler(options: RequestHandlerOptions): RequestListener {
  const { security, dashboard } = options;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://pipewatch.local');
    const path = url.pathname;
    security.applyHeaders(request, response);
    if (path === '/metrics') {
      const text = await options.metrics.metrics();
      response.writeHead(200, { 'content-type': options.metrics.contentType });
      response.end(text);
      return;
    }
    if (!dashboard) {
      response.statusCode = 404;
      response.end('Pipewatch collect serves /metrics only\n');
      return;
    }
    if (path === '/healthz') {
      const liveness = options.liveness();
      return sendJson(response, liveness.status, liveness.body);
    }
    if (path === '/readyz') {
      const readiness = await options.readiness();
      return sendJson(response, readiness.status, readiness.body);
    }
    if (path === '/api' || path.startsWith('/api/')) return api(request, response, url, dashboard.api);
    if (security.handlePage(request, response, url)) return;
    await dashboard.handleNext(request, response);
  }

  async function api(request: IncomingMessage, response: ServerResponse, url: URL, context: ApiContext): Promise<void> {
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
    const answer = await routeApi(apiRequest, context);
    if (typeof answer.body === 'string') {
      response.writeHead(answer.status, { 'cache-control': 'no-store', ...answer.headers });
      response.end(answer.body);
      return;
    }
    sendJson(response, answer.status, answer.body);
  }

  function logWhenAnswered(request: IncomingMessage, response: ServerResponse): void {
    const startedMs = performance.now();
    response.once('close', () => {
      const route = routeOfUrl(request.url);
      const handled: HandledRequest = { method: request.method ?? 'GET', route, status: response.statusCode, durationMs: Math.round((performance.now() - startedMs) * 10) / 10 };
      options.observeRequest?.(handled);
      const fields = { ...handled, ...(response.writableFinished ? {} : { aborted: true }) };
      if (handled.status >= 500) options.log.warn('request', fields);
      else if (QUIET_ROUTES.has(route) && handled.status < 400) options.log.debug('request', fields);
      else options.log.info('request', fields);
    });
  }

  return (request, response) => {
    logWhenAnswered(request, response);
    handle(request, response).catch((error: Error) => {
      const route = routeOfUrl(request.url);
      options.log.error(`request ${request.method} ${route} failed: ${error.stack ?? error.message}`, { method: request.method, route });
      if (!response.headersSent) sendJson(response, 500, { error: `internal error: ${error.message}` });
      else response.destroy();
    });
  };
}
