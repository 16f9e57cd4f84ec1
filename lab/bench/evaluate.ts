import { parseArgs } from 'node:util';
import os from 'node:os';
import type { ClusterSample, GroupSample } from '../../lib/cluster/cluster-sample';
import { diagnoseCycle, DEFAULT_DIAGNOSIS_LIMITS, EMPTY_DIAGNOSIS_STATE, type DiagnosisState } from '../../lib/diagnosis/diagnose-cycle';
import { EMPTY_COLLECTOR_STATE, evaluateCycle, type CollectorState } from '../../lib/pipelines/evaluate-cycle';
import { SIGNAL_NAMES, type SignalOutcome, type SignalsSample } from '../../lib/signals/signals';
import { parseBenchDurationMs, parseSizes, parseWholeNumber, type BenchSize } from './bench-args';
import { median, percentile } from './bench-stats';
import { layoutOf, type FixtureLayout } from './collect-fixture';

/**
 * The cost of evaluating and diagnosing one collection cycle, without Kafka: synthetic cluster
 * samples of the collect benchmark's layout (topics of 20 partitions, each group on one or two)
 * go through evaluateCycle and diagnoseCycle until the diagnosis window has filled, and a minute
 * more. Memory is read after a full GC, so the heap figures are what the state retains.
 */

const HELP = `npm run bench:evaluate -- [--sizes 10000x500,100000x5000] [--interval 5s] [--extra 1m]
  --sizes                 partitions x groups, comma-separated
  --interval              the collection interval the cycles are stamped with
  --extra                 cycles beyond the first full window, as time at that interval
  --partitions-per-topic  as in bench:collect (20)`;

const OPTIONS = {
  sizes: { type: 'string', default: '10000x500,100000x5000' },
  interval: { type: 'string', default: '5s' },
  extra: { type: 'string', default: '1m' },
  'partitions-per-topic': { type: 'string', default: '20' },
  help: { type: 'boolean', default: false },
} as const;

const T0 = 1_800_000_000_000;
const PRODUCE_PER_CYCLE = 250;
const COMMIT_EVERY_CYCLES = 2;

const gc = (globalThis as { gc?: () => void }).gc;
const log = (line: string) => console.log(line);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

interface Memory {
  rssBytes: number;
  heapBytes: number;
}

function memoryAfterGc(): Memory {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapBytes: usage.heapUsed };
}

/** Members, their assignments and the committed offsets stay put; offsets move every cycle. */
function syntheticCluster(layout: FixtureLayout) {
  const ends = new Map([...layout.topics].map(([topic, count]) => [topic, Array.from({ length: count }, () => 10_000)]));
  const groups = [...layout.groupTopics].map(([groupId, topics]) => {
    const pairs = topics.flatMap((topic) => ends.get(topic)!.map((_, partition) => ({ topic, partition })));
    const members = [0, 1].map((m) => ({
      memberId: `${groupId}-member-${m}`,
      clientId: `${groupId}-client-${m}`,
      host: `10.0.${m}.1`,
      assignment: topics.map((topic) => ({ topic, partitions: ends.get(topic)!.map((_, p) => p).filter((p) => p % 2 === m) })),
    }));
    return { groupId, pairs, members };
  });
  return (cycle: number): ClusterSample => {
    for (const partitions of ends.values()) for (let p = 0; p < partitions.length; p++) partitions[p]! += PRODUCE_PER_CYCLE;
    const committedCycle = cycle - (cycle % COMMIT_EVERY_CYCLES);
    const sampled: GroupSample[] = groups.map(({ groupId, pairs, members }) => ({
      groupId,
      protocol: 'classic',
      state: 'Stable',
      membership: { kind: 'visible', members },
      committed: pairs.map(({ topic, partition }) => ({ topic, partition, offset: BigInt(10_000 + committedCycle * PRODUCE_PER_CYCLE - 100) })),
    }));
    return {
      takenAtMs: 0,
      brokerCount: 3,
      topics: new Map([...ends].map(([topic, partitions]) => [topic, partitions.map((end, partition) => ({ partition, logStartOffset: 0n, logEndOffset: BigInt(end) }))])),
      retentionMsByTopic: new Map([...ends.keys()].map((topic) => [topic, 604_800_000])),
      groups: sampled,
      roundTrips: 0,
    };
  };
}

function syntheticSignals(layout: FixtureLayout, atMs: number): SignalsSample {
  const groups = [...layout.groupTopics.keys()];
  const value = (name: string) => (name.startsWith('sinkLatency') ? 0.05 : name === 'recordsProcessedPerSec' || name === 'sinkRequestsPerSec' ? 500 : 0);
  const signals = Object.fromEntries(
    SIGNAL_NAMES.map((name): [string, SignalOutcome] => [name, { kind: 'ok', byGroup: new Map(groups.map((g) => [g, value(name)])), warnings: [] }]),
  ) as SignalsSample['signals'];
  return { takenAtMs: atMs, signals };
}

interface SizeResult {
  size: BenchSize;
  groupPartitions: number;
  cycles: number;
  fillCycle: number;
  cycleMedianMs: number;
  cycleP95Ms: number;
  cpuMsPerCycle: number;
  atFill: Memory;
  atEnd: Memory;
  baseline: Memory;
}

function runSize(size: BenchSize, intervalMs: number, extraMs: number, partitionsPerTopic: number): SizeResult {
  const layout = layoutOf(size, partitionsPerTopic);
  const sampleAt = syntheticCluster(layout);
  const groupPartitions = [...layout.groupTopics.values()].reduce((sum, topics) => sum + topics.reduce((s, t) => s + layout.topics.get(t)!, 0), 0);
  const windowCycles = Math.min(DEFAULT_DIAGNOSIS_LIMITS.maxSnapshots, Math.floor(DEFAULT_DIAGNOSIS_LIMITS.windowMs / intervalMs) + 1);
  const fillCycle = windowCycles;
  const cycles = fillCycle + Math.ceil(extraMs / intervalMs);
  const baseline = memoryAfterGc();
  let collector: CollectorState = EMPTY_COLLECTOR_STATE;
  let diagnosis: DiagnosisState = EMPTY_DIAGNOSIS_STATE;
  const wallMs: number[] = [];
  let cpuMicros = 0;
  let atFill: Memory = baseline;
  for (let cycle = 1; cycle <= cycles; cycle++) {
    const atMs = T0 + cycle * intervalMs;
    const sample = { ...sampleAt(cycle), takenAtMs: atMs };
    const signals = syntheticSignals(layout, atMs);
    const cpuBefore = process.cpuUsage();
    const startedMs = performance.now();
    const evaluated = evaluateCycle(collector, { atMs, cluster: { kind: 'ok', sample }, signals: { kind: 'ok', sample: signals }, pipelines: [], dlqNames: (topic) => [`${topic}.dlq`] });
    collector = evaluated.state;
    diagnosis = diagnoseCycle(diagnosis, evaluated.snapshots).state;
    wallMs.push(performance.now() - startedMs);
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros += cpu.user + cpu.system;
    if (cycle === fillCycle) atFill = memoryAfterGc();
    if (cycle % 10 === 0) log(`  cycle ${cycle}/${cycles}: ${wallMs.at(-1)!.toFixed(0)} ms`);
  }
  const atEnd = memoryAfterGc();
  // Keep the state alive through the last reading.
  if (diagnosis.windows.size === 0) log('  (no pipelines diagnosed)');
  return { size, groupPartitions, cycles, fillCycle, cycleMedianMs: median(wallMs), cycleP95Ms: percentile(wallMs, 95), cpuMsPerCycle: cpuMicros / 1000 / cycles, atFill, atEnd, baseline };
}

function report(r: SizeResult): string[] {
  const retained = r.atEnd.heapBytes - r.baseline.heapBytes;
  const drift = (r.atEnd.heapBytes - r.atFill.heapBytes) / Math.max(1, r.atFill.heapBytes - r.baseline.heapBytes);
  return [
    `${r.size.partitions.toLocaleString('en-US')} partitions x ${r.size.groups.toLocaleString('en-US')} groups (${r.groupPartitions.toLocaleString('en-US')} group-partitions), ${r.cycles} cycles, window full at cycle ${r.fillCycle}`,
    `  per cycle (evaluateCycle + diagnoseCycle): median ${r.cycleMedianMs.toFixed(1)} ms, p95 ${r.cycleP95Ms.toFixed(1)} ms, CPU ${r.cpuMsPerCycle.toFixed(1)} ms`,
    `  RSS ${mb(r.atFill.rssBytes)} at fill, ${mb(r.atEnd.rssBytes)} at end; heap ${mb(r.atFill.heapBytes)} at fill, ${mb(r.atEnd.heapBytes)} at end (retained state grew ${(drift * 100).toFixed(1)} % after fill)`,
    `  retained state: ${mb(retained)} = ${(retained / r.size.partitions).toFixed(0)} bytes per partition, ${(retained / r.groupPartitions).toFixed(0)} per group-partition`,
  ];
}

function main(argv: string[]): number {
  const { values: flags } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const sizes = parseSizes(flags.sizes, 'sizes');
  const intervalMs = parseBenchDurationMs(flags.interval, 'interval');
  const extraMs = parseBenchDurationMs(flags.extra, 'extra');
  const partitionsPerTopic = parseWholeNumber(flags['partitions-per-topic'], 'partitions-per-topic');
  if (!gc) log('note: run with --expose-gc (npm run bench:evaluate does) for heap figures after a full GC');
  log(`machine: ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`);
  const lines: string[] = [];
  for (const size of sizes) {
    log(`== ${size.partitions} x ${size.groups}`);
    lines.push(...report(runSize(size, intervalMs, extraMs, partitionsPerTopic)));
  }
  log(`load at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const line of lines) log(line);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
