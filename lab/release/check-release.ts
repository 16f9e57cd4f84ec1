import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from '@playwright/test';
import type { SnapshotJson } from '../../lib/api/pipeline-json';
import { ensureNextBuild } from '../../server/next/ensure-next-build';
import { readLabConfig, type LabConfig } from '../lab-config';
import { labStatus, upStack } from '../stack/lab';
import { stopKafka } from '../stack/kafka';
import { stopPrometheus } from '../stack/prometheus';
import { CHROMIUM_EXECUTABLE } from '../stack/requirements';
import { buildServer } from './build-server';

const run = promisify(execFile);
const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const INSTALL_SCRIPT = path.join(ROOT, 'lab', 'release', 'install-release.sh');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The installed Pipewatch listens beside the demo's dashboard (base+300), on base+310. */
const PORT_AFTER_DASHBOARD = 10;
const READY_TIMEOUT_MS = 120_000;
/** Variables that would point the installed Pipewatch away from the config this check writes. */
const OVERRIDES = ['PIPEWATCH_CONFIG', 'PIPEWATCH_HOST', 'PIPEWATCH_PORT', 'PIPEWATCH_PUBLIC_URL', 'PIPEWATCH_TOKEN', 'DATABASE_URL', 'KAFKA_BROKERS', 'PROMETHEUS_URL'];

export interface ReleaseCheckOptions {
  lab: LabConfig;
  /** `full`: `npm run build`; `when-stale`: reuse a fresh .next (the tests build it once), compile the server. */
  build: 'full' | 'when-stale';
  /** How many cold starts of `pipewatch serve` to time (each from a stopped process to /readyz 200). */
  starts: number;
  log: (line: string) => void;
}

export interface ReleaseCheckReport {
  tarballBytes: number;
  installBytes: number;
  /** Spawn to the first /readyz 200, one per start. */
  readyMs: number[];
  pageTitle: string;
  snapshot: SnapshotJson;
  /** Whether the server ran as another user than the install's owner (root's chmod protects nothing). */
  ranAsNobody: boolean;
}

/**
 * The release as a user gets it: build, `npm pack`, install the tarball into an empty folder with
 * the runtime dependencies only (lab/release/install-release.sh, as the Docker image does), make
 * it read-only, then `pipewatch serve` from there on the lab until /readyz answers 200, one page
 * in Chromium, and `pipewatch snapshot --json`. Everything it made is removed at the end.
 */
export async function checkRelease({ lab, build, starts, log }: ReleaseCheckOptions): Promise<ReleaseCheckReport> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-release-'));
  // Readable by the unprivileged user the server runs as when this runs as root.
  fs.chmodSync(work, 0o755);
  const installDir = path.join(work, 'install');
  const dataDir = path.join(work, 'data');
  const asNobody = process.getuid?.() === 0;
  try {
    await buildRelease(build, log);
    const tarball = await pack(work, log);
    const tarballBytes = fs.statSync(tarball).size;
    log(`installing ${path.basename(tarball)} into ${installDir} (runtime dependencies only)…`);
    const installStartedMs = performance.now();
    await run('sh', [INSTALL_SCRIPT, tarball, installDir], { env: { ...process.env, npm_config_prefer_offline: 'true' }, maxBuffer: 16 * 1024 * 1024 });
    log(`installed in ${seconds(performance.now() - installStartedMs)}`);
    const installBytes = await diskUsageBytes(installDir);
    assertNoDevDependencies(installDir);

    fs.mkdirSync(dataDir);
    if (asNobody) fs.chownSync(dataDir, NOBODY.uid, NOBODY.gid);
    const port = lab.ports.dashboard + PORT_AFTER_DASHBOARD;
    const configFile = path.join(work, 'pipewatch.yaml');
    fs.writeFileSync(configFile, JSON.stringify({
      kafka: { brokers: lab.brokers },
      prometheus: { url: lab.prometheusUrl },
      collection: { interval: '1s' },
      server: { host: '127.0.0.1', port },
      store: { path: path.join(dataDir, 'pipewatch.sqlite') },
    }, null, 2));
    fs.chmodSync(configFile, 0o644);
    const bin = path.join(installDir, 'node_modules', '.bin', 'pipewatch');
    const url = `http://127.0.0.1:${port}`;

    const readyMs: number[] = [];
    let pageTitle = '';
    for (let start = 1; start <= starts; start++) {
      const server = startServer(bin, ['serve', '--config', configFile], { cwd: dataDir, asNobody });
      try {
        readyMs.push(await waitForReady(url, server));
        log(`start ${start}/${starts}: /readyz 200 after ${seconds(readyMs.at(-1)!)}`);
        if (start === 1) {
          await checkNextConfigApplied(url);
          pageTitle = await renderOverview(url, log);
        }
      } finally {
        await stopServer(server);
      }
    }

    const snapshotOut = await runInstalled(bin, ['snapshot', '--json', '--sample', '2s', '--config', configFile], { cwd: dataDir, asNobody });
    const snapshot = JSON.parse(snapshotOut) as SnapshotJson;
    log(`pipewatch snapshot --json: ${snapshot.pipelines.length} pipelines, Kafka ${snapshot.sources.kafka.health}`);
    return { tarballBytes, installBytes, readyMs, pageTitle, snapshot, ranAsNobody: asNobody };
  } finally {
    // The install is read-only; its owner may make it writable again to remove it.
    await run('chmod', ['-R', 'u+w', work]).catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const NOBODY = { uid: 65534, gid: 65534 };

async function buildRelease(build: ReleaseCheckOptions['build'], log: (line: string) => void): Promise<void> {
  const startedMs = performance.now();
  if (build === 'full') {
    log('npm run build…');
    await run('npm', ['run', 'build'], { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, maxBuffer: 64 * 1024 * 1024 });
  } else {
    await ensureNextBuild(ROOT, log);
    await buildServer(ROOT);
  }
  log(`built in ${seconds(performance.now() - startedMs)}`);
}

async function pack(work: string, log: (line: string) => void): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
  if (!packed) throw new Error(`npm pack printed no tarball:\n${stdout.slice(0, 500)}`);
  log(`packed ${packed.filename}: ${megabytes(packed.size)} (${packed.entryCount} files, ${megabytes(packed.unpackedSize)} unpacked)`);
  return path.join(work, packed.filename);
}

/** The build tools stay out of an install: their presence would mean a dependency is misplaced. */
function assertNoDevDependencies(installDir: string): void {
  const present = ['tsx', 'typescript', 'vitest', 'esbuild', '@playwright/test', 'tailwindcss'].filter((name) => fs.existsSync(path.join(installDir, 'node_modules', name)));
  if (present.length > 0) throw new Error(`the install holds build tools: ${present.join(', ')}; some dependency that needs them belongs in devDependencies or pulls them in`);
}

interface ServerProcess {
  child: ChildProcess;
  output: string[];
  startedMs: number;
  exited: Promise<number | null>;
}

function commandLine(bin: string, args: string[], asNobody: boolean): [string, string[]] {
  // Root writes through any chmod: the server runs as nobody so the read-only install is tested for real.
  return asNobody ? ['setpriv', [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', '--', process.execPath, bin, ...args]] : [process.execPath, [bin, ...args]];
}

function installedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  for (const name of OVERRIDES) delete env[name];
  return env;
}

function startServer(bin: string, args: string[], { cwd, asNobody }: { cwd: string; asNobody: boolean }): ServerProcess {
  const [command, commandArgs] = commandLine(bin, args, asNobody);
  const startedMs = performance.now();
  const child = spawn(command, commandArgs, { cwd, env: installedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter((line) => line.trim() !== ''));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, startedMs, exited };
}

async function waitForReady(url: string, server: ServerProcess): Promise<number> {
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`pipewatch serve exited (${exitCode}) before /readyz answered 200:\n${server.output.slice(-20).join('\n')}`);
    const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0);
    if (status === 200) return performance.now() - server.startedMs;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pipewatch serve: /readyz not 200 after ${seconds(READY_TIMEOUT_MS)}:\n${server.output.slice(-20).join('\n')}`);
}

async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await server.exited;
  clearTimeout(timer);
}

/** Next reads next.config.ts from the install at run time; without it Next falls back to its defaults silently. */
async function checkNextConfigApplied(url: string): Promise<void> {
  const poweredBy = (await fetch(`${url}/`)).headers.get('x-powered-by');
  if (poweredBy !== null) throw new Error(`the installed dashboard answers with X-Powered-By: ${poweredBy}: next.config.ts (poweredByHeader: false) was not applied`);
}

/** The overview in Chromium: the title, and the live connection up (the websocket through the installed server). */
async function renderOverview(url: string, log: (line: string) => void): Promise<string> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(url);
    await page.getByTestId('connection-status').and(page.locator('[data-state="live"]')).waitFor({ timeout: 30_000 });
    if (failed.length > 0) throw new Error(`the dashboard loaded with failed requests: ${failed.join(', ')}`);
    const title = await page.title();
    log(`Chromium rendered ${url}/: "${title}", live`);
    return title;
  } finally {
    await browser.close();
  }
}

async function runInstalled(bin: string, args: string[], { cwd, asNobody }: { cwd: string; asNobody: boolean }): Promise<string> {
  const [command, commandArgs] = commandLine(bin, args, asNobody);
  const { stdout } = await run(command, commandArgs, { cwd, env: installedEnv(), timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

async function diskUsageBytes(dir: string): Promise<number> {
  const { stdout } = await run('du', ['-sb', dir]);
  return Number(stdout.split('\t')[0]);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function main(): Promise<number> {
  const starts = Number(process.argv.find((arg) => arg.startsWith('--starts='))?.slice('--starts='.length) ?? '1');
  const build = process.argv.includes('--reuse-build') ? 'when-stale' : 'full';
  const lab = readLabConfig();
  const log = (line: string) => console.log(`[release] ${line}`);
  const before = await labStatus(lab);
  const wasRunning = (name: string) => before.find((s) => s.name === name)?.process.kind === 'running';
  await upStack(lab, log);
  try {
    const report = await checkRelease({ lab, build, starts, log });
    const sorted = [...report.readyMs].sort((a, b) => a - b);
    log(`tarball ${megabytes(report.tarballBytes)}; installed ${megabytes(report.installBytes)}; cold start to /readyz 200: ${report.readyMs.map(seconds).join(', ')} (median ${seconds(sorted[Math.floor(sorted.length / 2)]!)})`);
    log('the release installs and runs');
    return 0;
  } finally {
    if (!lab.external.prometheus && !wasRunning('prometheus')) await stopPrometheus(lab);
    if (!lab.external.kafka && !wasRunning('kafka')) await stopKafka(lab);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`release check failed: ${error.message}`);
      process.exit(1);
    },
  );
}
