import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../lib/config/parse-config';
import { startPipewatch, type RunningPipewatch } from '../../../server/start-pipewatch';
import { readLabConfig } from '../../../lab/lab-config';
import { eventually } from '../../support/eventually';
import { SILENT_LOGGER } from '../../../lib/log/logger';

/**
 * /healthz and /readyz of a real server: on the lab's Kafka with a Prometheus that is not there
 * (ready, degraded), and on a Kafka that is not there (alive, not ready).
 */
const lab = readLabConfig();
const root = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** A local port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function start(yaml: string, dataDir: string): Promise<RunningPipewatch> {
  const parsed = parseConfigText(yaml, { file: 'pipewatch-probes-test.yaml', env: {} });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const config = { ...parsed.config, server: { ...parsed.config.server, port: 0 }, store: { kind: 'sqlite' as const, path: path.join(dataDir, 'pipewatch.sqlite') } };
  return startPipewatch({ config, log: SILENT_LOGGER, dashboard: { dir: root } });
}

const probe = async (base: string, p: string) => {
  const answer = await fetch(`${base}${p}`);
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
};

describe('probes of a real server', () => {
  let dataDir: string;
  const servers: RunningPipewatch[] = [];

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-probes-'));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('with Kafka answering and Prometheus down: alive, and ready but degraded, naming Prometheus', async () => {
    const prometheusPort = await closedPort();
    const server = await start(
      `
kafka: { brokers: ['${lab.brokers.join("','")}'] }
prometheus: { url: 'http://127.0.0.1:${prometheusPort}', timeout: 500ms }
collection: { interval: 1s }
discovery: { includeGroups: ['no-such-group-*'] }
`,
      fs.mkdtempSync(path.join(dataDir, 'a-')),
    );
    servers.push(server);
    expect(await probe(server.url, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    await eventually(async () => {
      const ready = await probe(server.url, '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('degraded');
      expect(ready.body.degraded).toEqual([expect.stringMatching(/^Prometheus has not answered/)]);
    });
  });

  it('with Kafka not there: alive (cycles complete with a gap), not ready, naming Kafka', async () => {
    const kafkaPort = await closedPort();
    const server = await start(
      `
kafka: { brokers: ['127.0.0.1:${kafkaPort}'], connectionTimeout: 500ms, requestTimeout: 500ms }
prometheus: { url: false }
collection: { interval: 1s, kafkaTimeout: 2s }
`,
      fs.mkdtempSync(path.join(dataDir, 'b-')),
    );
    servers.push(server);
    await eventually(async () => {
      const ready = await probe(server.url, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'not-ready', notReady: [expect.stringMatching(/^Kafka has not answered/)], degraded: [] });
      // The loop is turning: at least one cycle has completed, with Kafka's gap.
      expect(server.collection.latest()).not.toBeNull();
    });
    // Past the liveness deadline (3 × 1 s + 2 s) the loop still completes cycles: no restart wanted.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await probe(server.url, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
