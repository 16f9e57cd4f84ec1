import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { routeApi, type ApiContext } from '../api/api-routes';
import type { ApiRequest } from '../api/api-request';
import { checkToken, sameSecret, TOKEN_COOKIE } from './access';
import type { Readiness } from './build-readiness';
import { readJsonBody } from './read-json-body';
import { sendJson } from './send-json';

export interface RequestHandlerOptions {
  /** PIPEWATCH_TOKEN: the API and the dashboard want it; null: open to whoever reaches the port. */
  token: string | null;
  metrics: Pick<Registry, 'contentType' | 'metrics'>;
  readiness: () => Readiness;
  /** The JSON API and the Next pages; null for `pipewatch collect`, which serves /metrics only. */
  dashboard: { api: ApiContext; handleNext(request: IncomingMessage, response: ServerResponse): Promise<void> } | null;
  log: (line: string) => void;
}

/** Routes one request: /metrics, /healthz, /readyz, /api, then the token gate in front of Next. */
export function createRequestHandler(options: RequestHandlerOptions): RequestListener {
  const { token, dashboard } = options;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://pipewatch.local');
    const path = url.pathname;
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
    if (path === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (path === '/readyz') {
      const readiness = options.readiness();
      return sendJson(response, readiness.status, readiness.body);
    }
    if (path === '/api' || path.startsWith('/api/')) return api(request, response, url, dashboard.api);
    if (token !== null && !path.startsWith('/_next/static/') && !passTokenGate(request, response, url, token)) return;
    await dashboard.handleNext(request, response);
  }

  async function api(request: IncomingMessage, response: ServerResponse, url: URL, context: ApiContext): Promise<void> {
    const access = checkToken(request, token);
    if (!access.ok) return sendJson(response, access.status, { error: access.message });
    let segments: string[];
    try {
      segments = url.pathname.split('/').slice(2).filter((s) => s !== '').map(decodeURIComponent);
    } catch {
      return sendJson(response, 400, { error: 'the path is not valid percent-encoding' });
    }
    const body = await readJsonBody(request);
    if (!body.ok) return sendJson(response, body.status, { error: body.error });
    const apiRequest: ApiRequest = { method: request.method ?? 'GET', segments, query: url.searchParams, body: body.value };
    const answer = await routeApi(apiRequest, context);
    if (typeof answer.body === 'string') {
      response.writeHead(answer.status, { 'cache-control': 'no-store', ...answer.headers });
      response.end(answer.body);
      return;
    }
    sendJson(response, answer.status, answer.body);
  }

  return (request, response) => {
    handle(request, response).catch((error: Error) => {
      options.log(`request ${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
      if (!response.headersSent) sendJson(response, 500, { error: `internal error: ${error.message}` });
      else response.destroy();
    });
  };
}

/**
 * The dashboard's pages behind PIPEWATCH_TOKEN. `/?token=…` once sets the cookie and redirects to
 * the same page without it, so the secret leaves the address bar and the history. false: answered.
 */
function passTokenGate(request: IncomingMessage, response: ServerResponse, url: URL, token: string): boolean {
  const presented = url.searchParams.get('token');
  if (presented !== null && sameSecret(presented, token)) {
    url.searchParams.delete('token');
    response.writeHead(303, {
      location: `${url.pathname}${url.search}`,
      'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(presented)}; HttpOnly; SameSite=Strict; Path=/`,
    });
    response.end();
    return false;
  }
  const access = checkToken(request, token);
  if (access.ok) return true;
  response.writeHead(access.status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(`${access.message}\n`);
  return false;
}
