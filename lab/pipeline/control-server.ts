import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { assertNever } from '../../lib/assert-never';
import type { FaultController } from './fault-controller';
import { isFaultName, parseFaultRequest, type FaultDefaults } from './fault-request';
import { faultParams, FAULT_NAMES, type ActiveFault } from './faults';
import { BodyTooLargeError, closeServer, listen, readBody, sendJson, sendText } from './http-json';

export interface ControlServer {
  url(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ControlServerOptions {
  host: string;
  port: number;
  faults: FaultController;
  faultDefaults: FaultDefaults;
  registry: Registry;
  status: () => unknown;
}

const ROUTES = 'GET /healthz, GET /metrics, GET /status, GET /faults, POST /faults, DELETE /faults/:name';

export function formatActiveFault(fault: ActiveFault): { name: string; params: Record<string, number>; startedAt: string; endsAt: string | null } {
  return {
    name: fault.spec.name,
    params: faultParams(fault.spec),
    startedAt: new Date(fault.startedAtMs).toISOString(),
    endsAt: fault.endsAtMs === null ? null : new Date(fault.endsAtMs).toISOString(),
  };
}

/** The pipeline's own endpoint: fault injection for the lab, and /metrics for Prometheus. */
export function createControlServer(options: ControlServerOptions): ControlServer {
  const { faults } = options;
  let port = options.port;
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendJson(response, 500, { error: String(error) }));
  });
  const activeView = (): { active: ReturnType<typeof formatActiveFault>[] } => ({ active: faults.active().map(formatActiveFault) });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://control');
    const route = `${request.method ?? 'GET'} ${pathname}`;
    if (route === 'GET /healthz') return sendJson(response, 200, { status: 'ok' });
    if (route === 'GET /metrics') return sendText(response, 200, await options.registry.metrics(), options.registry.contentType);
    if (route === 'GET /status') return sendJson(response, 200, options.status());
    if (route === 'GET /faults') return sendJson(response, 200, activeView());
    if (route === 'POST /faults') return startFault(request, response);
    const deleteMatch = /^DELETE \/faults\/([^/]+)$/.exec(route);
    if (deleteMatch?.[1] !== undefined) return endFault(decodeURIComponent(deleteMatch[1]), response);
    return sendJson(response, 404, { error: `no route ${route}; routes: ${ROUTES}` });
  }

  async function startFault(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch (error) {
      const detail = error instanceof BodyTooLargeError ? error.message : 'body is not valid JSON';
      return sendJson(response, 400, { error: detail });
    }
    const parsed = parseFaultRequest(body, options.faultDefaults);
    if (!parsed.ok) return sendJson(response, 400, { error: parsed.message });
    const { request: faultRequest } = parsed;
    switch (faultRequest.type) {
      case 'healthy':
        faults.healthy();
        break;
      case 'start':
        faults.start(faultRequest.spec, faultRequest.forMs);
        break;
      default:
        return assertNever(faultRequest);
    }
    sendJson(response, 200, activeView());
  }

  function endFault(name: string, response: ServerResponse): void {
    if (!isFaultName(name)) return sendJson(response, 400, { error: `unknown fault "${name}"; known faults: ${FAULT_NAMES.join(', ')}` });
    if (!faults.end(name)) return sendJson(response, 404, { error: `fault ${name} is not active` });
    sendJson(response, 200, activeView());
  }

  return {
    url: () => `http://${options.host}:${port}`,
    async start() {
      port = await listen(server, port, options.host);
    },
    stop: () => closeServer(server),
  };
}
