import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseConfigText } from '../../lib/config/parse-config';
import type { ServerMessage } from '../../lib/live/live-protocol';
import type { PipelineSnapshotData } from '../../lib/live/live-wire';
import { startPipewatch, type RunningPipewatch } from '../../server/start-pipewatch';
import { readLabConfig } from '../../lab/lab-config';
import { registerScrapeTarget, unregisterScrapeTarget } from '../../lab/stack/prometheus';
import { eventually } from '../support/eventually';
import { startTestPipeline, type TestPipeline } from '../../lab/pipeline/test-pipeline';
import { SILENT_LOGGER } from '../../lib/log/logger';

/**
 * The one-process server on the real stack: collectors on a real pipeline, the JSON API, the
 * live socket with resume, token and origin checks, /metrics and the health endpoints.
 */
const lab = readLabConfig();
const TOKEN = 'pipewatch-test-token';
const PROMETHEUS_SECRET = 'prometheus-bearer-secret';
const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** A websocket client that records every message it gets. */
function openSocket(url: string, headers: Record<string, string>): Promise<{ ws: WebSocket; messages: ServerMessage[]; texts: string[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: ServerMessage[] = [];
    const texts: string[] = [];
    ws.on('message', (data) => {
      texts.push(data.toString());
      messages.push(JSON.parse(data.toString()) as ServerMessage);
    });
    ws.once('open', () => resolve({ ws, messages, texts }));
    ws.once('unexpected-response', (_, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('pipewatch server on the real stack', () => {
  let test: TestPipeline;
  let server: RunningPipewatch;
  let base: string;
  let liveUrl: string;
  let dataDir: string;
  const auth = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    test = await startTestPipeline('server');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-server-'));
    const parsed = parseConfigText(
      `
kafka: { brokers: ['${lab.brokers.join("','")}'] }
prometheus: { url: '${lab.prometheusUrl}', bearerToken: '${PROMETHEUS_SECRET}' }
collection: { interval: 1s }
discovery: { includeGroups: ['${test.group}'] }
`,
      { file: 'pipewatch-server-test.yaml', env: {} },
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    // Port 0: the kernel picks a free one; the server reports it in its url.
    const config = { ...parsed.config, server: { ...parsed.config.server, port: 0, token: TOKEN }, store: { kind: 'sqlite' as const, path: path.join(dataDir, 'pipewatch.sqlite') } };
    server = await startPipewatch({ config, log: SILENT_LOGGER, dashboard: { dir: root } });
    base = server.url;
    liveUrl = `${base.replace('http', 'ws')}/live`;
  });

  afterAll(async () => {
    await server?.close();
    await test?.stop();
  });

  it('is alive at once and ready when Kafka and Prometheus have answered', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await eventually(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200));
  });

  it('lists the pipeline as its overview row, with partitions on request, and its own route in the shape of snapshot --json', async () => {
    await eventually(async () => {
      const answer = await fetch(`${base}/api/pipelines?q=${encodeURIComponent(test.group)}`, { headers: auth });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { total: number; matched: number; nextCursor: string | null; pipelines: Record<string, unknown>[] };
      expect(body.pipelines.map((p) => p.groupId)).toEqual([test.group]);
      expect({ matched: body.matched, nextCursor: body.nextCursor, kafka: 'kafka' in body.pipelines[0]!, lag: typeof body.pipelines[0]!.lagMessages }).toEqual({ matched: 1, nextCursor: null, kafka: false, lag: 'number' });
    });
    // The group's partitions appear once it has committed on them.
    await eventually(async () => {
      const detailed = (await (await fetch(`${base}/api/pipelines?q=${encodeURIComponent(test.group)}&include=partitions`, { headers: auth })).json()) as { pipelines: PipelineSnapshotData['detail'][] };
      expect(detailed.pipelines[0]?.kafka.kind === 'sampled' && detailed.pipelines[0].kafka.partitions.length).toBeGreaterThan(0);
    });
    await eventually(async () => {
      const answer = await fetch(`${base}/api/pipelines/${encodeURIComponent(test.group)}?window=5m`, { headers: auth });
      const body = (await answer.json()) as PipelineSnapshotData;
      expect(body.detail?.kafka.kind).toBe('sampled');
      expect(body.points.length).toBeGreaterThan(2);
    });
  });

  it.each([
    { desc: 'no token', path: '/api/pipelines', headers: {}, status: 401, error: 'needs its token' },
    { desc: 'wrong token', path: '/api/pipelines', headers: { authorization: 'Bearer nope' }, status: 401, error: 'wrong token' },
    { desc: 'unknown pipeline', path: '/api/pipelines/no-such-pipeline', headers: auth, status: 404, error: 'no pipeline "no-such-pipeline"' },
    { desc: 'bad window', path: '/api/pipelines/x?window=forever', headers: auth, status: 400, error: 'window must be a duration', parameter: 'window' },
    { desc: 'bad pipeline status filter', path: '/api/pipelines?status=sad', headers: auth, status: 400, error: 'status must be all, attention, or health kinds', parameter: 'status' },
    { desc: 'bad pipeline cursor', path: '/api/pipelines?cursor=page-2', headers: auth, status: 400, error: 'cursor must be a nextCursor', parameter: 'cursor' },
    { desc: 'bad pipeline include', path: '/api/pipelines?include=everything', headers: auth, status: 400, error: 'include must be one of partitions', parameter: 'include' },
    { desc: 'bad status filter', path: '/api/incidents?status=closed', headers: auth, status: 400, error: 'status must be one of open, resolved', parameter: 'status' },
    { desc: 'bad limit', path: '/api/incidents?limit=0', headers: auth, status: 400, error: 'limit must be an integer', parameter: 'limit' },
    { desc: 'unknown incident', path: '/api/incidents/nope', headers: auth, status: 404, error: 'no incident' },
    { desc: 'unknown route', path: '/api/brokers', headers: auth, status: 404, error: 'no route GET /api/brokers' },
    { desc: 'the fault panel outside the demo', path: '/api/demo/faults', headers: auth, status: 404, error: 'no route GET /api/demo/faults' },
  ])('answers $desc with $status and a JSON error', async ({ path: p, headers, status, error, parameter }) => {
    const answer = await fetch(`${base}${p}`, { headers: headers as Record<string, string> });
    expect(answer.status).toBe(status);
    const body = (await answer.json()) as { error: string; parameter?: string };
    expect(body.error).toContain(error);
    if (parameter) expect(body.parameter).toBe(parameter);
  });

  it('lets a browser in once with ?token=, by an HttpOnly cookie', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    const login = await fetch(`${base}/?token=${TOKEN}`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    const page = await fetch(`${base}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('refuses the live socket without the token, and from another site', async () => {
    await expect(openSocket(liveUrl, {})).rejects.toThrow('401');
    await expect(openSocket(liveUrl, { ...auth, origin: 'https://evil.example' })).rejects.toThrow('403');
    const sameSite = await openSocket(liveUrl, { ...auth, origin: base });
    sameSite.ws.close();
  });

  it('pushes deltas, and a reconnecting client gets exactly the ones it missed', async () => {
    const first = await openSocket(liveUrl, auth);
    first.ws.send(JSON.stringify({ type: 'subscribe', stream: `pipeline:${test.group}`, windowMs: 300_000 }));
    await eventually(() => expect(first.messages.filter((m) => m.type === 'delta').length).toBeGreaterThanOrEqual(2), { timeoutMs: 15_000 });
    const welcome = first.messages[0] as Extract<ServerMessage, { type: 'welcome' }>;
    expect(first.messages[1]).toMatchObject({ type: 'snapshot', reason: 'subscribed' });
    const lastSeq = (first.messages.filter((m) => m.type === 'delta').at(-1) as { seq: number }).seq;
    first.ws.terminate();

    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const second = await openSocket(liveUrl, auth);
    second.ws.send(JSON.stringify({ type: 'subscribe', stream: `pipeline:${test.group}`, windowMs: 300_000, resume: { epoch: welcome.epoch, seq: lastSeq } }));
    await eventually(() => expect(second.messages.filter((m) => m.type === 'delta').length).toBeGreaterThanOrEqual(3), { timeoutMs: 15_000 });
    const streamMessages = second.messages.filter((m) => m.type === 'delta' || m.type === 'snapshot') as { type: string; seq: number }[];
    expect(streamMessages.every((m) => m.type === 'delta')).toBe(true);
    const seqs = streamMessages.map((m) => m.seq);
    expect(seqs[0]).toBe(lastSeq + 1);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const third = await openSocket(liveUrl, auth);
    third.ws.send(JSON.stringify({ type: 'subscribe', stream: 'overview', resume: { epoch: 'an-earlier-server', seq: 5 } }));
    await eventually(() => expect(third.messages.find((m) => m.type === 'snapshot')).toMatchObject({ reason: 'epoch-changed' }));
    for (const { ws } of [second, third]) ws.close();

    // Nothing secret reaches a client: not the dashboard token, not Prometheus's credentials.
    for (const text of [...first.texts, ...second.texts, ...third.texts]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PROMETHEUS_SECRET);
    }
  });

  it('serves ranges beyond the live windows from Prometheus, once Prometheus scrapes it', async () => {
    const target = `it-pipewatch-${test.group}`;
    registerScrapeTarget(lab, target, new URL(base).host);
    try {
      await eventually(
        async () => {
          const answer = await fetch(`${base}/api/pipelines/${encodeURIComponent(test.group)}/history?range=1h`, { headers: auth });
          expect(answer.status).toBe(200);
          const body = (await answer.json()) as { points: { lagMessages: number | null; sinkLatencyP99Seconds: number | null }[]; stepMs: number; warnings: string[] };
          expect(body.points.filter((p) => p.lagMessages !== null).length).toBeGreaterThan(2);
          expect(body.points.some((p) => p.sinkLatencyP99Seconds !== null)).toBe(true);
          expect(body.stepMs).toBeGreaterThanOrEqual(1_000);
        },
        { timeoutMs: 60_000, intervalMs: 2_000 },
      );
    } finally {
      unregisterScrapeTarget(lab, target);
    }
    const bad = await fetch(`${base}/api/pipelines/${encodeURIComponent(test.group)}/history?range=10s`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { parameter: string }).parameter).toBe('range');
  });

  it('serves its own /metrics with the pipeline in them', async () => {
    await eventually(async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain(`pipewatch_pipeline_lag_messages{pipeline="${test.group}"`);
    });
  });
});
