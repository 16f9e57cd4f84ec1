import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import type { OpenIncidentRef, OverviewSnapshot } from '../../lib/live/live-wire';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The machine's PostgreSQL (trust auth); each test run makes databases of its own under the prefix. */
export const POSTGRES_ADMIN_URL = process.env.PIPEWATCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE_PREFIX = process.env.PIPEWATCH_TEST_DATABASE_PREFIX ?? 'pipewatch_test_';

/** A fresh database, dropped (its connections ended) by `drop()`. */
export async function createTestDatabase(): Promise<{
  url: string;
  name: string;
  query: <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>;
  /** On the server's maintenance database, for what cannot be done from inside this one (refusing its connections). */
  adminQuery: <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>;
  drop(): Promise<void>;
}> {
  const name = `${DATABASE_PREFIX}${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${error.message}): start it with \`pg_ctlcluster 15 main start\` or set PIPEWATCH_TEST_DATABASE_URL`);
  });
  await admin.query(`create database "${name}"`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    name,
    query: async (text, values) => (await client.query(text, values)).rows,
    adminQuery: async (text, values) => (await admin.query(text, values)).rows,
    async drop() {
      await client.end();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** A webhook receiver that keeps every body it is sent. */
export async function startWebhookReceiver(): Promise<{ url: string; bodies: { event: string; incident: { id: string } }[]; close(): Promise<void> }> {
  const bodies: { event: string; incident: { id: string } }[] = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      bodies.push(JSON.parse(text) as { event: string; incident: { id: string } });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The test's environment without what would configure a replica behind the test's back. */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['PIPEWATCH_TOKEN', 'PIPEWATCH_INGEST_TOKEN', 'DATABASE_URL', 'PIPEWATCH_WEBHOOK_URL', 'PIPEWATCH_SLACK_WEBHOOK_URL', 'PIPEWATCH_CONFIG']) delete env[key];
  return env;
}

/** The open incidents a replica's live overview shows (a fresh socket, its first snapshot). */
/** The incidents a replica's live overview shows as open (its frame also keeps those just resolved, for the screen). */
export async function liveOpenIncidents(url: string): Promise<Pick<OpenIncidentRef, 'id' | 'status' | 'acknowledged'>[]> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/live`);
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no overview snapshot from ${url} within 10 s`)), 10_000);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', stream: 'overview' })));
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string; data?: Partial<OverviewSnapshot> };
        if (message.type !== 'snapshot' || !message.data?.frame) return;
        clearTimeout(timer);
        resolve(message.data.frame.openIncidents.filter((i) => i.status !== 'resolved'));
      });
      ws.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } finally {
    ws.close();
  }
}

export interface ReplicaProcess {
  name: string;
  /** Set once it serves. */
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Everything it printed, also after it exited. */
  logPath: string;
  /** 1 when its /metrics say it leads, 0 when not, null when it does not answer. */
  leader(): Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * One `pipewatch serve` process of the checkout (tsx, the dashboard's production build), on a free
 * port, with its config written to a file of its own. Resolves once it serves the dashboard.
 */
export async function startReplica(name: string, options: { configYaml: string; env: Record<string, string> }): Promise<ReplicaProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pipewatch-${name}-`));
  const configPath = path.join(dir, 'pipewatch.yaml');
  fs.writeFileSync(configPath, options.configYaml);
  const child = spawn(process.execPath, ['server/cli/pipewatch.mjs', 'serve', '--config', configPath], {
    cwd: root,
    env: { ...inheritedEnv(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const logPath = path.join(dir, 'output.log');
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    fs.appendFileSync(logPath, chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /serving the dashboard on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`replica ${name} exited with ${code} before serving:\n${output}`));
    });
  });
  return {
    name,
    url,
    child,
    output: () => output,
    logPath,
    async leader() {
      try {
        const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(3_000) })).text();
        const match = /^pipewatch_leader (\d)/m.exec(text);
        return match ? Number(match[1]) : null;
      } catch {
        return null;
      }
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
