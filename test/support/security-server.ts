import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { openStore } from '../../collectors/store/open-store';
import { parseConfigText } from '../../lib/config/parse-config';
import type { PipewatchConfig } from '../../lib/config/pipewatch-config';
import { readLabConfig } from '../../lab/lab-config';
import { startPipewatch, type RunningPipewatch } from '../../server/start-pipewatch';
import { incident } from '../lib/incidents/minimal-incident';
import { recordingLogger } from './recording-logger';

/**
 * A real `serve` on the lab for the security suites: an incident already in the store, every log
 * line kept (to prove no token reaches it), and raw requests whose headers the test controls
 * completely (Host, Origin, Sec-Fetch-Site, no Content-Type), which fetch does not allow.
 */
const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const PIPELINE = 'fraud-features';

export interface SecurityServer {
  server: RunningPipewatch;
  base: string;
  port: number;
  incidentId: string;
  logs: string[];
  config: PipewatchConfig;
}

export async function startSecurityServer(server: Partial<PipewatchConfig['server']>, name: string): Promise<SecurityServer> {
  const lab = readLabConfig();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pipewatch-${name}-`));
  const parsed = parseConfigText(
    `
kafka: { brokers: ['${lab.brokers.join("','")}'] }
prometheus: { url: '${lab.prometheusUrl}' }
collection: { interval: 1s }
discovery: { includeGroups: ['${name}-nothing-here'] }
store: { path: '${path.join(dataDir, 'pipewatch.sqlite')}' }
`,
    { file: `${name}.yaml`, env: {} },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const config: PipewatchConfig = { ...parsed.config, server: { ...parsed.config.server, port: 0, ...server } };

  const firstSeenAtMs = Date.now() - 120_000;
  const open = incident({ id: `${PIPELINE}/slow-sink/${firstSeenAtMs}`, pipelineId: PIPELINE, firstSeenAtMs, openedAtMs: firstSeenAtMs + 3_000, lastSeenAtMs: firstSeenAtMs + 60_000 });
  const opened = await openStore(config.store);
  if (!opened.ok) throw new Error(opened.error.message);
  await opened.store.recordChanges([{ kind: 'opened', atMs: open.openedAtMs, incident: open }]);
  await opened.store.close();

  const { log, lines: logs } = recordingLogger();
  const started = await startPipewatch({ config, log, dashboard: { dir: root } });
  return { server: started, base: started.url, port: Number(new URL(started.url).port), incidentId: open.id, logs, config };
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
}

/** One request with exactly these headers; a `body` object is sent as JSON text, a string as is. */
export function rawRequest(base: string, method: string, target: string, given: Record<string, string | undefined> = {}, body?: unknown): Promise<RawAnswer> {
  const url = new URL(base);
  const headers = Object.fromEntries(Object.entries(given).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method, path: target, headers: { ...(payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(payload)) }), ...headers }, setHost: !('host' in headers) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // Not JSON: pages and text refusals.
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    // A server that refuses a large body early may close before it is all sent.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve({ status: -1, headers: {}, text: error.code, json: {} }) : reject(error)));
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** The status the live socket's upgrade answers, or 101 when it opens. */
export function liveStatus(base: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/live`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_, response) => resolve(response.statusCode ?? 0));
    ws.once('error', reject);
  });
}
