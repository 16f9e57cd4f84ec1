import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import WebSocket from 'ws';
import { LIVE_PATH } from '../../lib/live/live-protocol';
import { formatSeconds } from '../../lib/units/format-units';
import { parseBenchDurationMs, parseSizes, parseWholeNumber } from './bench-args';
import { brokerPid, ensureBenchLab, machineText, processCpuMs, readBenchLabConfig, stopCommand } from './bench-lab';
import { ensureFixture, layoutOf } from './collect-fixture';
import { histogramQuantile, histogramSince, parseCycleHistogram, type CycleHistogram } from './cycle-histogram';

const HELP = `Steady-state benchmark: the released \`pipewatch collect\` and \`pipewatch serve\` (with
websocket clients on the overview) watching a bench:collect fixture at the normal interval, for
as long as it takes the history to fill and stay full.

Usage: npm run bench:steady [-- options]      (needs \`npm run build\` first)

Every minute it prints, for the Pipewatch process: CPU ms per second, RSS, cycles run and
skipped, cycle p50/p95 (from its own cycle histogram on /metrics, interpolated within a bucket),
and the broker's CPU ms per second; serve also the websocket bytes the clients received.

Options:
  --size 10000x500        partitions x groups of the fixture (made once, reused; see bench:collect)
  --commands collect,serve  which to run, one after the other
  --minutes 10            per command
  --interval 5s           collection.interval
  --history-max-age 1h    history.maxAge (the default); a shorter one fills the history sooner
                          and is printed as such
  --clients 5             websocket clients on serve's overview stream
  --partitions-per-topic 20
  --json                  one JSON object per minute as well
  --help

The lab: .lab/bench on port base 25000 (LAB_DIR / LAB_PORT_BASE override), left running.
`;

const OPTIONS = {
  help: { type: 'boolean' },
  size: { type: 'string', default: '10000x500' },
  commands: { type: 'string', default: 'collect,serve' },
  minutes: { type: 'string', default: '10' },
  interval: { type: 'string', default: '5s' },
  'history-max-age': { type: 'string', default: '1h' },
  clients: { type: 'string', default: '5' },
  'partitions-per-topic': { type: 'string', default: '20' },
  json: { type: 'boolean', default: false },
} as const;

type Command = 'collect' | 'serve';

interface Minute {
  command: Command;
  minute: number;
  cpuMsPerSecond: number;
  brokerCpuMsPerSecond: number | null;
  rssMb: number;
  cycles: number;
  skippedCycles: number;
  cycleP50Ms: number | null;
  cycleP95Ms: number | null;
  websocketKb: number | null;
}

const REPO = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli', 'pipewatch.mjs');
const log = (line: string) => console.log(`[steady] ${line}`);

async function main(argv: string[]): Promise<number> {
  const { values: flags } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const [size] = parseSizes(flags.size, 'size');
  const commands = flags.commands.split(',').map((c) => c.trim());
  for (const c of commands) if (c !== 'collect' && c !== 'serve') throw new Error(`--commands: "${c}" is neither collect nor serve`);
  const minutes = parseWholeNumber(flags.minutes, 'minutes');
  const intervalMs = parseBenchDurationMs(flags.interval, 'interval');
  const historyMaxAgeMs = parseBenchDurationMs(flags['history-max-age'], 'history-max-age');
  const clients = parseWholeNumber(flags.clients, 'clients', 0);
  if (!fs.existsSync(CLI) || (commands.includes('serve') && !fs.existsSync(path.join(REPO, '.next', 'BUILD_ID')))) {
    console.error('bench:steady measures the release build, which is not here: run `npm run build` first.');
    return 1;
  }

  const config = readBenchLabConfig();
  log(`machine: ${machineText(config)}`);
  await ensureBenchLab(config, log);
  const kafka = new Kafka({ clientId: 'pipewatch-bench-steady', brokers: config.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await Promise.all([admin.connect(), producer.connect()]);
  const partitionsPerTopic = parseWholeNumber(flags['partitions-per-topic'], 'partitions-per-topic');
  const layout = layoutOf(size!, partitionsPerTopic);
  try {
    await ensureFixture(admin, producer, layout, { partitionsPerTopic, recordsPerPartition: 3, committedOffset: 1, setupConcurrency: 50, log });
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  }

  const history = historyMaxAgeMs === 60 * 60_000 ? 'default history (1 h)' : `history.maxAge ${formatSeconds(historyMaxAgeMs / 1000)} (shorter than the default hour, to fill sooner)`;
  const all: Minute[] = [];
  for (const command of commands as Command[]) {
    log(`${command}: ${size!.label} every ${formatSeconds(intervalMs / 1000)}, ${history}${command === 'serve' ? `, ${clients} websocket clients` : ''}, ${minutes} min`);
    console.log(header());
    const rows = await runCommand(command, { config, groupPattern: `${layout.groupPrefix}*`, intervalMs, historyMaxAgeMs, clients, minutes }, (row) => {
      console.log(formatRow(row));
      if (flags.json) console.log(JSON.stringify({ size: size!.label, intervalMs, historyMaxAgeMs, ...row }));
    });
    all.push(...rows);
  }
  console.log(summary(all));
  log(`lab left running; stop it with: ${stopCommand(config)}`);
  return 0;
}

interface RunOptions {
  config: ReturnType<typeof readBenchLabConfig>;
  groupPattern: string;
  intervalMs: number;
  historyMaxAgeMs: number;
  clients: number;
  minutes: number;
}

async function runCommand(command: Command, options: RunOptions, onMinute: (row: Minute) => void): Promise<Minute[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pipewatch-steady-${command}-`));
  const port = options.config.portBase + 310;
  const base = `http://127.0.0.1:${port}`;
  fs.writeFileSync(
    path.join(dir, 'pipewatch.yaml'),
    [
      `kafka: { brokers: [${options.config.brokers.map((b) => JSON.stringify(b)).join(', ')}] }`,
      'prometheus: { url: false }',
      `collection: { interval: ${options.intervalMs}ms }`,
      `history: { maxAge: ${Math.round(options.historyMaxAgeMs / 1000)}s }`,
      `discovery: { includeGroups: [${JSON.stringify(options.groupPattern)}] }`,
      `server: { port: ${port} }`,
      `store: { path: ${JSON.stringify(path.join(dir, 'pipewatch.sqlite'))} }`,
      '',
    ].join('\n'),
  );
  const output = fs.openSync(path.join(dir, 'pipewatch.log'), 'a');
  const child = spawn(process.execPath, [CLI, command, '--config', path.join(dir, 'pipewatch.yaml')], { cwd: dir, stdio: ['ignore', output, output], env: { ...process.env, NODE_ENV: 'production' } });
  const sockets: WebSocket[] = [];
  let websocketBytes = 0;
  try {
    await waitForMetrics(base, child, dir);
    if (command === 'serve') {
      for (let i = 0; i < options.clients; i++) sockets.push(await openClient(base, (n) => (websocketBytes += n)));
    }
    const brokerProcess = brokerPid(options.config);
    const rows: Minute[] = [];
    let previous = { atMs: performance.now(), cpuMs: processCpuMs(child.pid) ?? 0, brokerCpuMs: processCpuMs(brokerProcess), histogram: await readHistogram(base), websocketBytes: 0 };
    for (let minute = 1; minute <= options.minutes; minute++) {
      await sleep(60_000, child);
      const now = { atMs: performance.now(), cpuMs: processCpuMs(child.pid) ?? 0, brokerCpuMs: processCpuMs(brokerProcess), histogram: await readHistogram(base), websocketBytes };
      const seconds = (now.atMs - previous.atMs) / 1000;
      const cycles = histogramSince(now.histogram, previous.histogram);
      const p50 = histogramQuantile(cycles, 0.5);
      const p95 = histogramQuantile(cycles, 0.95);
      const row: Minute = {
        command,
        minute,
        cpuMsPerSecond: (now.cpuMs - previous.cpuMs) / seconds,
        brokerCpuMsPerSecond: now.brokerCpuMs === undefined || previous.brokerCpuMs === undefined ? null : (now.brokerCpuMs - previous.brokerCpuMs) / seconds,
        rssMb: residentMb(child.pid),
        cycles: cycles.count,
        skippedCycles: cycles.skippedCycles,
        cycleP50Ms: p50 === null ? null : p50 * 1000,
        cycleP95Ms: p95 === null ? null : p95 * 1000,
        websocketKb: command === 'serve' ? (now.websocketBytes - previous.websocketBytes) / 1024 : null,
      };
      rows.push(row);
      onMinute(row);
      previous = now;
    }
    return rows;
  } finally {
    for (const ws of sockets) ws.terminate();
    await stop(child);
    fs.closeSync(output);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function waitForMetrics(base: string, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pipewatch exited with ${child.exitCode} at start-up; its log:\n${fs.readFileSync(path.join(dir, 'pipewatch.log'), 'utf8')}`);
    try {
      const histogram = await readHistogram(base);
      if (histogram.count > 0) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`pipewatch did not finish a cycle within 120 s; its log is in ${dir}/pipewatch.log`);
}

async function readHistogram(base: string): Promise<CycleHistogram> {
  const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  return parseCycleHistogram(await response.text());
}

function openClient(base: string, onBytes: (n: number) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}${LIVE_PATH}`, { headers: { Origin: base }, perMessageDeflate: false });
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', stream: 'overview' }));
      resolve(ws);
    });
    ws.on('message', (data: Buffer) => onBytes(data.length));
    ws.on('error', reject);
  });
}

function residentMb(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kb / 1024;
}

function sleep(ms: number, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve();
    }, ms);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`pipewatch exited (${code}) during the run`));
    };
    child.once('exit', onExit);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function header(): string {
  return ['command', 'min', 'CPU ms/s', 'broker ms/s', 'RSS MB', 'cycles', 'skipped', 'p50 ms', 'p95 ms', 'ws KB'].map((h, i) => (i < 1 ? h.padEnd(8) : h.padStart(11))).join(' ');
}

function formatRow(row: Minute): string {
  const n = (value: number | null, digits = 0) => (value === null ? '–' : value.toFixed(digits));
  return [row.command.padEnd(8), ...[String(row.minute), n(row.cpuMsPerSecond, 1), n(row.brokerCpuMsPerSecond, 1), n(row.rssMb), String(row.cycles), String(row.skippedCycles), n(row.cycleP50Ms), n(row.cycleP95Ms), n(row.websocketKb)].map((c) => c.padStart(11))].join(' ');
}

/** Per command: the second minute against the last (the first includes start-up). */
function summary(rows: Minute[]): string {
  const lines = ['', 'summary (minute 2 → last minute):'];
  for (const command of new Set(rows.map((r) => r.command))) {
    const own = rows.filter((r) => r.command === command);
    const second = own[1] ?? own[0];
    const last = own.at(-1);
    if (!second || !last) continue;
    const skipped = own.reduce((total, r) => total + r.skippedCycles, 0);
    lines.push(
      `  ${command}: CPU ${second.cpuMsPerSecond.toFixed(1)} → ${last.cpuMsPerSecond.toFixed(1)} ms/s; RSS ${second.rssMb.toFixed(0)} → ${last.rssMb.toFixed(0)} MB; ` +
        `cycle p50 ${second.cycleP50Ms?.toFixed(0) ?? '–'} → ${last.cycleP50Ms?.toFixed(0) ?? '–'} ms, p95 ${second.cycleP95Ms?.toFixed(0) ?? '–'} → ${last.cycleP95Ms?.toFixed(0) ?? '–'} ms; ${skipped} cycles skipped`,
    );
  }
  return lines.join('\n');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`bench:steady: ${error.message}`);
    process.exit(1);
  },
);
