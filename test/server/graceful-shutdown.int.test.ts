import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openStore } from '../../collectors/store/open-store';
import { parseConfigText } from '../../lib/config/parse-config';
import { readLabConfig } from '../../lab/lab-config';
import { startTestPipeline, type TestPipeline } from '../../lab/pipeline/test-pipeline';
import { eventually } from '../support/eventually';
import { incident } from '../lib/incidents/minimal-incident';

/**
 * `pipewatch serve` as a real process on the lab, stopped with SIGTERM while a cycle runs and a
 * notification is on its way: it exits 0 within server.shutdownTimeout, its websocket client gets
 * the close frame, and the webhook receiver (a real HTTP server) gets the notification first.
 * Every Prometheus query goes through a proxy that holds it 1.5 s, so a cycle is always running.
 * The same run checks the JSON log: one component per line, requests by route, no token.
 */
const lab = readLabConfig();
const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TOKEN = 'graceful-shutdown-token-0123456789';
const PROMETHEUS_DELAY_MS = 1_500;

interface Delivery {
  event: string;
  incidentId: string;
  status: number;
  answeredAtMs: number;
}

describe('graceful shutdown of a real server process', () => {
  let test: TestPipeline;
  let receiver: http.Server;
  let slowPrometheus: http.Server;
  let child: ChildProcess;
  let base: string;
  let incidentId: string;
  const deliveries: Delivery[] = [];
  const stdout: string[] = [];
  let signalledAtMs = 0;
  let exit: { code: number | null; signal: NodeJS.Signals | null; atMs: number };
  let close: { code: number; reason: string } | null = null;
  let metricsText = '';

  const listen = async (server: http.Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const logEntries = () =>
    stdout
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw new Error(`stdout has a line that is not JSON: ${line}`);
        }
      });

  beforeAll(async () => {
    test = await startTestPipeline('graceful-shutdown');

    // The first delivery is held while the test sends SIGTERM, then refused: the retry is what the shutdown must wait for.
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { event: string; incident: { id: string } };
        const first = deliveries.length === 0;
        const answer = (status: number) => {
          deliveries.push({ event: body.event, incidentId: body.incident.id, status, answeredAtMs: Date.now() });
          response.statusCode = status;
          response.end();
        };
        if (!first) return answer(200);
        child.kill('SIGTERM');
        signalledAtMs = Date.now();
        setTimeout(() => answer(503), 1_000);
      });
    });
    const receiverUrl = await listen(receiver);

    slowPrometheus = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        setTimeout(() => {
          const upstream = http.request(`${lab.prometheusUrl}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          });
          upstream.on('error', () => response.destroy());
          upstream.end(Buffer.concat(chunks));
        }, PROMETHEUS_DELAY_MS);
      });
    });
    const prometheusUrl = await listen(slowPrometheus);

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-shutdown-'));
    const configPath = path.join(dataDir, 'pipewatch.yaml');
    const storePath = path.join(dataDir, 'pipewatch.sqlite');
    const port = lab.ports.dashboard + 7;
    base = `http://127.0.0.1:${port}`;
    const yaml = `
kafka: { brokers: ['${lab.brokers.join("','")}'] }
prometheus: { url: '${prometheusUrl}', timeout: 5s }
collection: { interval: 1s, prometheusTimeout: 5s }
discovery: { includeGroups: ['${test.group}'] }
server: { port: ${port}, shutdownTimeout: 10s }
store: { path: '${storePath}' }
notifications:
  webhooks: [{ name: receiver, url: '${receiverUrl}/hook', events: [resolved] }]
  initialBackoff: 1s
`;
    fs.writeFileSync(configPath, yaml);
    const parsed = parseConfigText(yaml, { file: configPath, env: {} });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));

    // An incident the last run left open on a pipeline that is healthy now: it resolves after a few cycles, and that is notified.
    const firstSeenAtMs = Date.now() - 120_000;
    const open = incident({ id: `${test.group}/slow-sink/${firstSeenAtMs}`, pipelineId: test.group, firstSeenAtMs, openedAtMs: firstSeenAtMs + 3_000, lastSeenAtMs: firstSeenAtMs + 60_000 });
    incidentId = open.id;
    const opened = await openStore(parsed.config.store);
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.store.recordChanges([{ kind: 'opened', atMs: open.openedAtMs, incident: open }]);
    await opened.store.close();

    const env: NodeJS.ProcessEnv = { ...process.env, PIPEWATCH_TOKEN: TOKEN, LOG_LEVEL: 'debug', NEXT_TELEMETRY_DISABLED: '1' };
    for (const name of ['PIPEWATCH_CONFIG', 'PIPEWATCH_HOST', 'PIPEWATCH_PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'PROMETHEUS_URL', 'PIPEWATCH_SHUTDOWN_TIMEOUT']) delete env[name];
    child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/pipewatch-cli.ts', 'serve', '--config', configPath], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => stdout.push(text));
    const exited = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        exit = { code, signal, atMs: Date.now() };
        resolve();
      }),
    );

    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready; its log:\n${stdout.join('')}`);
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
      },
      { timeoutMs: 120_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nthe server's log:\n${stdout.join('')}`);
    });
    // Requests whose token must not reach the log: in the query, as a bearer header, in a cookie.
    await fetch(`${base}/?token=${TOKEN}`, { redirect: 'manual' });
    await fetch(`${base}/api/incidents/${encodeURIComponent(incidentId)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await fetch(`${base}/api/pipelines`, { headers: { cookie: `pipewatch_session=${TOKEN}` } });

    const ws = new WebSocket(`${base.replace('http', 'ws')}/live`, { headers: { origin: base, authorization: `Bearer ${TOKEN}` } });
    ws.on('close', (code, reason) => {
      close = { code, reason: reason.toString() };
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });

    // A scrape while the websocket client is connected and a few cycles have run.
    metricsText = await eventually(async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(/^pipewatch_kafka_request_duration_seconds_count\{api="ListOffsets"\} [1-9]/m);
      return text;
    });

    // The resolve is notified within a few cycles; the receiver sends SIGTERM when it arrives.
    const noExit = new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`the server did not exit; its log:\n${stdout.join('')}`)), 150_000).unref();
    });
    await Promise.race([exited, noExit]);
  }, 300_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await new Promise<void>((resolve) => slowPrometheus.close(() => resolve()));
    await test?.stop();
  });

  it('exits 0 within the shutdown deadline', () => {
    expect(signalledAtMs).toBeGreaterThan(0);
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.atMs - signalledAtMs).toBeLessThan(10_000);
  });

  it('delivers the notification that was waiting for a retry before it exits', () => {
    expect(deliveries.map(({ event, incidentId: id, status }) => ({ event, id, status }))).toEqual([
      { event: 'resolved', id: incidentId, status: 503 },
      { event: 'resolved', id: incidentId, status: 200 },
    ]);
    expect(deliveries[1]!.answeredAtMs).toBeLessThanOrEqual(exit.atMs);
  });

  it('tells the websocket client it is going away, so it reconnects elsewhere', () => {
    expect(close).toEqual({ code: 1001, reason: 'server shutting down: reconnect' });
  });

  it('logs each shutdown step, none cut short, the running cycle finished first', () => {
    const steps = logEntries()
      .filter((e) => typeof e.msg === 'string' && e.msg.startsWith('shutdown: '))
      .map((e) => ({ component: e.component, msg: e.msg }));
    expect(steps).toEqual(
      [
        'shutdown: stopped accepting connections',
        'shutdown: told live clients to reconnect elsewhere',
        'shutdown: finished the running cycle',
        'shutdown: recorded the last cycles',
        'shutdown: flushed store writes and queued notifications',
        'shutdown: gave up leadership',
        'shutdown: closed the store',
        'shutdown: closed the port',
        'shutdown: closed Next',
      ].map((msg) => ({ component: 'server', msg })),
    );
    const flushed = logEntries().find((e) => e.msg === 'shutdown: flushed store writes and queued notifications');
    expect(flushed).toMatchObject({ unrecordedChanges: 0, notificationsLeft: 0 });
  });

  it('serves the standard process series and its own service series on /metrics', () => {
    for (const pattern of [
      /^process_cpu_seconds_total [\d.e+-]+$/m,
      /^nodejs_eventloop_lag_seconds [\d.e+-]+$/m,
      /^pipewatch_build_info\{version="\d+\.\d+\.\d+",commit="unknown"\} 1$/m,
      /^pipewatch_live_clients 1$/m,
      /^pipewatch_live_messages_sent_total [1-9]\d*$/m,
      /^pipewatch_http_requests_total\{method="GET",route="\/api\/incidents\/:id",status="200"\} 1$/m,
      /^pipewatch_http_requests_total\{method="GET",route="\/api\/pipelines",status="401"\} 1$/m,
      /^pipewatch_kafka_request_duration_seconds_count\{api="ListGroups"\} [1-9]/m,
      /^pipewatch_prometheus_query_duration_seconds_count\{signal="retriesPerSec"\} [1-9]/m,
      /^pipewatch_store_write_duration_seconds_count\{operation="recordEvidence"\} [1-9]/m,
      /^pipewatch_notifications_queued\{target="receiver"\} 0$/m,
    ]) {
      expect(metricsText).toMatch(pattern);
    }
    expect(metricsText).not.toContain('pipewatch_process_');
  });

  it('writes JSON lines, each with its component, requests by route pattern, and never the token', () => {
    const entries = logEntries();
    const components = new Set(entries.map((e) => e.component));
    for (const component of ['server', 'store', 'http', 'notify', 'live']) expect(components).toContain(component);
    expect(entries.every((e) => typeof e.component === 'string' && typeof e.level === 'string' && typeof e.time === 'string')).toBe(true);
    const requests = entries.filter((e) => e.msg === 'request').map((e) => `${String(e.method)} ${String(e.route)} ${String(e.status)}`);
    expect(requests).toEqual(expect.arrayContaining(['GET /readyz 200', 'GET / 303', 'GET /api/incidents/:id 200', 'GET /api/pipelines 401']));
    expect(entries.filter((e) => e.msg === 'request').every((e) => typeof e.durationMs === 'number')).toBe(true);
    expect(stdout.join('')).not.toContain(TOKEN);
    expect(stdout.join('')).not.toContain(encodeURIComponent(incidentId));
  });
});
