import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { diagnoseCycle, EMPTY_DIAGNOSIS_STATE, type DiagnosisState } from '../../lib/diagnosis/diagnose-cycle';
import { INITIAL_SOURCE_HEALTH } from '../../lib/collection/source-health';
import { createLiveHub, DEFAULT_LIVE_HUB_OPTIONS } from '../../lib/live/live-hub';
import { LIVE_PATH } from '../../lib/live/live-protocol';
import type { PipelineSnapshot } from '../../lib/pipelines/pipeline-snapshot';
import { createLiveSocket } from '../../server/http/live-socket';
import { healthy, simulate } from './simulate-pipeline';
import { parseBenchDurationMs, parseWholeNumber, parseWholeNumberList } from './bench-args';
import { median, percentile } from './bench-stats';
import { formatNumber, formatTable } from './format-table';
import { createLineLogger } from '../../lib/log/line-logger';

const HELP = `Benchmark of the live push: websocket clients on loopback, pipelines updating every second.

Usage: npm run bench:live [-- options]      (or: npx tsx lab/bench/live.ts [options])

The server side is Pipewatch's own live hub and websocket transport (lib/live, lib/server) in this
process, fed each interval with a cycle of N pipelines (simulated snapshots, diagnosed for real).
The clients run in a child process and subscribe to the overview stream. For each client count it
prints the delay from a frame's timestamp to its receipt (p50/p99/max), the server's CPU per
second and its RSS at the start and end of the measurement (flat memory), and the frame size.

Options:
  --clients 10,100,1000   client counts, run in turn
  --pipelines 100         pipelines per cycle
  --interval 1s           time between cycles
  --seconds 30            measured time per client count (after a 5 s warm-up)
  --slow 0                of the clients, this many stop reading (frozen tabs): they must cost
                          bounded memory and not delay the others
  --help
`;

const OPTIONS = {
  help: { type: 'boolean' },
  clients: { type: 'string', default: '10,100,1000' },
  pipelines: { type: 'string', default: '100' },
  interval: { type: 'string', default: '1s' },
  seconds: { type: 'string', default: '30' },
  slow: { type: 'string', default: '0' },
} as const;

const WARMUP_MS = 5_000;
const TARGET_P99_MS = 100;
const log = (line: string) => console.log(`[bench] ${line}`);

interface ClientReport {
  delays: number[];
  deltas: number;
  bytes: number;
  snapshots: Record<string, number>;
  closedByServer: number;
  cpu: NodeJS.CpuUsage;
}

interface Run {
  clients: number;
  slow: number;
  report: ClientReport;
  serverCpuMsPerSec: number;
  publishMs: number[];
  rssStartMb: number;
  rssEndMb: number;
  rssMaxMb: number;
  heapEndMb: number;
  frameBytes: number;
  stats: ReturnType<ReturnType<typeof createLiveHub>['stats']>;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: OPTIONS });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const clientCounts = parseWholeNumberList(values.clients, 'clients');
  const pipelines = parseWholeNumber(values.pipelines, 'pipelines');
  const intervalMs = parseBenchDurationMs(values.interval, 'interval');
  const measureMs = parseWholeNumber(values.seconds, 'seconds') * 1_000;
  const slow = parseWholeNumber(values.slow, 'slow', 0);
  log(`${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.versions.node}; ${pipelines} pipelines every ${intervalMs} ms`);

  const runs: Run[] = [];
  for (const clients of clientCounts) runs.push(await runOnce({ clients, slow: Math.min(slow, clients), pipelines, intervalMs, measureMs }));

  console.log('\nDelay from frame to client receipt, server CPU and memory');
  console.log(
    formatTable(
      ['clients', 'slow', 'deltas', 'p50 ms', 'p99 ms', 'max ms', 'publish p50 ms', 'server CPU ms/s', 'RSS start MB', 'RSS end MB', 'RSS max MB', 'frame KiB', 'slow: snapshots / closed'],
      runs.map((r) => [
        r.clients,
        r.slow,
        r.report.deltas,
        median(r.report.delays),
        percentile(r.report.delays, 99),
        Math.max(...r.report.delays),
        median(r.publishMs),
        r.serverCpuMsPerSec,
        r.rssStartMb,
        r.rssEndMb,
        r.rssMaxMb,
        r.frameBytes / 1024,
        `${r.stats.slowClientSnapshots} / ${r.stats.slowClientsClosed + r.report.closedByServer}`,
      ]),
    ),
  );
  const largest = runs.at(-1);
  if (largest) {
    const p99 = percentile(largest.report.delays, 99);
    console.log(`\nTarget: p99 under ${TARGET_P99_MS} ms at 1,000 clients: ${largest.clients >= 1_000 ? (p99 < TARGET_P99_MS ? 'met' : 'NOT met') : 'not measured (fewer clients)'} (p99 ${formatNumber(p99)} ms at ${largest.clients}).`);
  }
  return 0;
}

async function runOnce(options: { clients: number; slow: number; pipelines: number; intervalMs: number; measureMs: number }): Promise<Run> {
  const hub = createLiveHub({
    ...DEFAULT_LIVE_HUB_OPTIONS,
    epoch: `bench-${Date.now()}`,
    intervalMs: options.intervalMs,
    demo: false,
    history: { maxEntries: 720, maxAgeMs: 3_600_000 },
  });
  const live = createLiveSocket({ hub, token: null, allowedOrigins: [], heartbeatMs: DEFAULT_LIVE_HUB_OPTIONS.heartbeatMs, log: createLineLogger(log) });
  const server = http.createServer((_, response) => response.end());
  server.on('upgrade', (request, socket, head) => {
    if (request.url === LIVE_PATH) live.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}${LIVE_PATH}`;

  const feed = createCycleFeed(options.pipelines);
  const publishMs: number[] = [];
  // An in-process subscriber that notes the size of each overview delta as sent.
  let frameBytes = 0;
  hub
    .connect({ send: (message) => typeof message !== 'string' && (frameBytes = message.length), bufferedBytes: () => 0, close: () => {} })
    .receive(JSON.stringify({ type: 'subscribe', stream: 'overview' }));
  const timer = setInterval(() => {
    // The frame's timestamp is taken when the diagnosed snapshot is handed to the hub: the delay
    // measured is the live push's, not the diagnosis's (which runs before it in every cycle).
    const cycle = { ...feed.next(Date.now()), atMs: Date.now() };
    const startedMs = performance.now();
    hub.publish(cycle);
    publishMs.push(performance.now() - startedMs);
  }, options.intervalMs);

  const child = fork(fileURLToPath(new URL('./live-clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const reply = <T>(type: string) => new Promise<T>((resolve) => child.on('message', (m: { type: string }) => m.type === type && resolve(m as T)));
  log(`${options.clients} clients (${options.slow} slow): connecting…`);
  const connected = reply<{ count: number }>('connected');
  child.send({ type: 'start', url, clients: options.clients, slow: options.slow });
  await connected;
  log(`${options.clients} clients connected; warming up ${WARMUP_MS / 1000} s, then measuring ${options.measureMs / 1000} s`);
  await sleep(WARMUP_MS);
  child.send({ type: 'reset' });
  publishMs.length = 0;
  const cpuStart = process.cpuUsage();
  const rssStartMb = process.memoryUsage().rss / 2 ** 20;
  let rssMaxMb = rssStartMb;
  const startedMs = performance.now();
  while (performance.now() - startedMs < options.measureMs) {
    await sleep(1_000);
    rssMaxMb = Math.max(rssMaxMb, process.memoryUsage().rss / 2 ** 20);
  }
  const cpu = process.cpuUsage(cpuStart);
  const elapsedSec = (performance.now() - startedMs) / 1000;
  const rssEndMb = process.memoryUsage().rss / 2 ** 20;
  const heapEndMb = process.memoryUsage().heapUsed / 2 ** 20;
  const stats = hub.stats();
  const report = reply<ClientReport>('report');
  child.send({ type: 'report' });
  const result = await report;
  clearInterval(timer);
  await live.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  log(`${options.clients} clients: ${result.deltas} deltas received, p99 ${formatNumber(percentile(result.delays, 99))} ms`);
  return {
    clients: options.clients,
    slow: options.slow,
    report: result,
    serverCpuMsPerSec: (cpu.user + cpu.system) / 1000 / elapsedSec,
    publishMs,
    rssStartMb,
    rssEndMb,
    rssMaxMb,
    heapEndMb,
    frameBytes,
    stats,
  };
}

/**
 * Cycles of `count` pipelines: each replays a simulated pipeline (healthy, then a slow sink, then
 * recovering) from its own offset, so values move every second, stamped with the current time.
 */
function createCycleFeed(count: number) {
  const script = simulate([healthy(60), healthy(60, { capacityPerSec: [20, 20, 20, 20] }), healthy(60)], { stepSec: 1 });
  let state: DiagnosisState = EMPTY_DIAGNOSIS_STATE;
  let step = 0;
  return {
    next(atMs: number) {
      const snapshots: PipelineSnapshot[] = [];
      for (let i = 0; i < count; i++) {
        const base = script[(step + i * 7) % script.length]!;
        const id = `bench-pipeline-${String(i).padStart(3, '0')}`;
        snapshots.push({ ...base, pipelineId: id, name: id, groupId: id, takenAtMs: atMs });
      }
      step++;
      const diagnosed = diagnoseCycle(state, snapshots);
      state = diagnosed.state;
      const cycle = {
        atMs,
        sources: { kafka: { ...INITIAL_SOURCE_HEALTH, health: 'ok' as const }, prometheus: { ...INITIAL_SOURCE_HEALTH, health: 'ok' as const } },
        snapshots,
        diagnoses: diagnosed.diagnoses,
        incidentChanges: diagnosed.changes,
        openIncidents: diagnosed.openIncidents,
      };
      return cycle;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[bench] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
