import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { parseBenchDurationMs, parseSizes, parseWholeNumber, parseWholeNumberList, type BenchSize } from './bench-args';
import { brokerHeapMb, brokerPid, ensureBenchLab, loadAverageText, machineText, readBenchLabConfig, stopCommand } from './bench-lab';
import { maximum, median, percentile } from './bench-stats';
import { commitGroups, ensureFixture, layoutOf, type FixtureLayout, type FixtureOptions, type SetupReport } from './collect-fixture';
import { estimateKafkajsRoundTrips, formatRange } from './estimate-round-trips';
import { formatNumber, formatTable } from './format-table';
import { idleBrokerCpuMsPerSecond, measureCollectCycles, type MeasureResult } from './measure-collect-cycles';
import { PHASES } from './recording-admin';
import { checkSample, isComplete, type SampleCheck } from './verify-sample';

const HELP = `Benchmark of the Kafka collector (KafkajsClusterSource) on a real broker.

Usage: npm run bench:collect [-- options]      (or: npx tsx lab/bench/collect.ts [options])

For each size (partitions x groups) it creates topics bench-t<size>-<i> with a few records per
partition and consumer groups bench-g<size>-<i> with committed offsets (no consumer runs), reusing
those a previous run made; then it times source.sample() cycles and prints p50/p95 cycle time,
CPU per cycle (this process and the broker), round trips by API against a model, RSS, and
whether every group and partition was seen.

Options:
  --sizes 100x10,1000x50,10000x500   partitions x groups, comma-separated
  --cycles 20                        measured cycles per size and concurrency
  --warmup 2                         cycles run first and not counted (the first is reported as cold)
  --concurrency 8                    maxConcurrentRequests; a list (8,16,32) runs each in turn
  --partitions-per-topic 20          so 10,000 partitions are 500 topics
  --records-per-partition 3          produced once, when a topic is created
  --setup-concurrency 50             groups committed at once while setting up
  --pause 500ms                      idle time between measured cycles
  --help

The lab: its own by default (.lab/bench, ports 25090-25120; LAB_DIR / LAB_PORT_BASE / KAFKA_BROKERS
override), started if needed and left running. Setting up 10,000 partitions takes a few minutes
the first time; later runs reuse it.
`;

const OPTIONS = {
  help: { type: 'boolean' },
  sizes: { type: 'string', default: '100x10,1000x50,10000x500' },
  cycles: { type: 'string', default: '20' },
  warmup: { type: 'string', default: '2' },
  concurrency: { type: 'string', default: '8' },
  'partitions-per-topic': { type: 'string', default: '20' },
  'records-per-partition': { type: 'string', default: '3' },
  'setup-concurrency': { type: 'string', default: '50' },
  pause: { type: 'string', default: '500ms' },
} as const;

const COMMITTED_OFFSET = 1;
const TARGET = { partitions: 10_000, groups: 500, p50Ms: 2_000 };

const log = (line: string) => console.log(`[bench] ${line}`);

interface SizeRun {
  size: BenchSize;
  layout: FixtureLayout;
  setup: SetupReport;
  idleBrokerCpuMsPerSec: number | undefined;
  brokerHeapMb: number | undefined;
  loadAverage: string;
  byConcurrency: { concurrency: number; result: MeasureResult; check: SampleCheck }[];
}

async function main(argv: string[]): Promise<number> {
  const { values: flags } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const sizes = parseSizes(flags.sizes, 'sizes');
  const cycles = parseWholeNumber(flags.cycles, 'cycles');
  const warmupCycles = parseWholeNumber(flags.warmup, 'warmup');
  const concurrencies = parseWholeNumberList(flags.concurrency, 'concurrency');
  const pauseMs = parseBenchDurationMs(flags.pause, 'pause');
  const fixtureOptions: FixtureOptions = {
    partitionsPerTopic: parseWholeNumber(flags['partitions-per-topic'], 'partitions-per-topic'),
    recordsPerPartition: parseWholeNumber(flags['records-per-partition'], 'records-per-partition', COMMITTED_OFFSET),
    committedOffset: COMMITTED_OFFSET,
    setupConcurrency: parseWholeNumber(flags['setup-concurrency'], 'setup-concurrency'),
    log,
  };

  const config = readBenchLabConfig();
  log(`machine: ${machineText(config)}`);
  await ensureBenchLab(config, log);
  const pid = brokerPid(config);
  const kafka = new Kafka({ brokers: config.brokers, clientId: 'pipewatch-bench-setup', logLevel: logLevel.NOTHING, requestTimeout: 60_000 });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await Promise.all([admin.connect(), producer.connect()]);

  const runs: SizeRun[] = [];
  try {
    for (const size of sizes) {
      const layout = layoutOf(size, fixtureOptions.partitionsPerTopic);
      log(`== ${size.partitions.toLocaleString('en-US')} partitions x ${size.groups} groups: ${layout.topics.size} topics, load ${loadAverageText()}`);
      const setup = await ensureFixture(admin, producer, layout, fixtureOptions);
      log(`  setup: ${describeSetup(setup)}`);
      const idle = await idleBrokerCpuMsPerSecond(pid);
      const run: SizeRun = { size, layout, setup, idleBrokerCpuMsPerSec: idle, brokerHeapMb: undefined, loadAverage: '', byConcurrency: [] };
      for (const concurrency of concurrencies) {
        log(`  maxConcurrentRequests ${concurrency}: ${warmupCycles} warm-up + ${cycles} cycles`);
        const result = await measureCollectCycles({
          brokers: config.brokers,
          groupPrefix: layout.groupPrefix,
          maxConcurrentRequests: concurrency,
          warmupCycles,
          cycles,
          pauseMs,
          brokerPid: pid,
          log,
          onFirstSample: async (sample) => {
            const check = checkSample(sample, layout, BigInt(COMMITTED_OFFSET));
            if (check.mismatchedGroups.length === 0) return false;
            // A setup cut short leaves groups without all their commits; commit them again.
            log(`  ${check.mismatchedGroups.length} groups lack commits (an interrupted setup?); committing them again`);
            await commitGroups(admin, layout, check.mismatchedGroups, fixtureOptions);
            return true;
          },
        });
        run.byConcurrency.push({ concurrency, result, check: checkSample(result.lastSample, layout, BigInt(COMMITTED_OFFSET)) });
      }
      run.brokerHeapMb = await brokerHeapMb(config);
      run.loadAverage = loadAverageText();
      runs.push(run);
    }
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()]).catch(() => undefined);
  }

  printReport(runs);
  console.log(`\nThe lab is left running. Stop it with:\n  ${stopCommand(config)}`);
  return runs.every((r) => r.byConcurrency.every((c) => isComplete(c.check))) ? 0 : 1;
}

function describeSetup(s: SetupReport): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return (
    `topics ${s.createdTopics} created + ${s.reusedTopics} reused (${seconds(s.topicsMs)}), records ${seconds(s.produceMs)}, ` +
    `groups ${s.createdGroups} created + ${s.reusedGroups} reused (${seconds(s.groupsMs)})`
  );
}

function printReport(runs: SizeRun[]): void {
  console.log('\nCycle time, CPU and memory (per cycle: p50 unless said)');
  console.log(
    formatTable(
      ['size', 'conc', 'cycles', 'p50 ms', 'p95 ms', 'max ms', 'cold ms', 'CPU ms', 'broker CPU ms', 'round trips', 'Metadata n / MiB', 'RSS MB', 'groups seen', 'partitions seen', 'check'],
      runs.flatMap((run) =>
        run.byConcurrency.map(({ concurrency, result, check }) => {
          const wall = result.cycles.map((c) => c.wallMs);
          const broker = result.cycles.flatMap((c) => (c.brokerCpuMs === undefined ? [] : [c.brokerCpuMs]));
          return [
            run.size.label,
            concurrency,
            result.cycles.length,
            median(wall),
            percentile(wall, 95),
            maximum(wall),
            result.coldCycleMs,
            median(result.cycles.map((c) => c.cpuMs)),
            broker.length ? median(broker) : NaN,
            median(result.cycles.map((c) => c.roundTrips)),
            `${median(result.cycles.map((c) => c.record.byApi.get('Metadata')?.requests ?? 0))} / ${formatNumber(
              median(result.cycles.map((c) => (c.record.byApi.get('Metadata')?.bytes ?? 0) / 2 ** 20)),
              1,
            )}`,
            result.rssMbAfter,
            `${check.groupsSeen}/${check.groupsExpected}`,
            `${check.partitionsSeen}/${check.partitionsExpected}`,
            isComplete(check) ? 'ok' : `MISMATCH (${check.mismatchedGroups.length} groups)`,
          ];
        }),
      ),
    ),
  );

  console.log('\nRound trips per cycle by API: measured (kafkajs REQUEST events) vs model (lab/bench/estimate-round-trips.ts)');
  const apiRows: (string | number)[][] = [];
  for (const run of runs) {
    const first = run.byConcurrency[0];
    if (!first) continue;
    const last = first.result.cycles.at(-1)!;
    const sampledTopics = first.result.lastSample.topics.size;
    const brokers = first.result.lastSample.brokerCount;
    // Exact on one broker; with more it assumes every broker coordinates a group and leads a partition of every topic.
    const model = estimateKafkajsRoundTrips({
      brokers,
      groups: first.check.groupsSeen,
      topics: sampledTopics,
      coordinators: Math.min(brokers, first.check.groupsSeen),
      topicLeaders: sampledTopics * brokers,
      readsTopicConfigs: last.record.calls.has('describeConfigs'),
    });
    for (const api of new Set([...model.keys(), ...last.record.byApi.keys()])) {
      const tally = last.record.byApi.get(api);
      const range = model.get(api) ?? { min: 0, max: 0 };
      if (!tally && range.max === 0) continue;
      apiRows.push([
        run.size.label,
        api,
        tally?.requests ?? 0,
        formatRange(range),
        tally ? tally.durationMs / tally.requests : NaN,
        tally ? tally.pendingMs / tally.requests : NaN,
        tally ? tally.bytes / 1024 : 0,
        growsWith(api),
      ]);
    }
    const total = [...model.values()].reduce((t, r) => ({ min: t.min + r.min, max: t.max + r.max }), { min: 0, max: 0 });
    apiRows.push([run.size.label, 'total', last.roundTrips, formatRange(total), '', '', '', `cold cycle: ${first.result.coldRoundTrips}`]);
  }
  console.log(formatTable(['size', 'API', 'measured', 'model', 'mean ms', 'queued ms', 'KiB', 'grows with'], apiRows));

  console.log(
    '\nWhere a cycle goes: wall ms of each admin call phase, p50. listGroups, listTopics and describeCluster run together, then\n' +
      'describeGroups, then fetchOffsets, then fetchTopicOffsets (alongside describeConfigs where the source reads retention).\n' +
      '"end offsets read at": ms after the cycle took its timestamp (takenAtMs), when the first and last topic end offsets were asked for.',
  );
  console.log(
    formatTable(
      ['size', 'conc', ...PHASES, 'cycle p50', 'end offsets read at'],
      runs.flatMap((run) =>
        run.byConcurrency.map(({ concurrency, result }) => {
          const offsetsFromMs = median(result.cycles.map((c) => c.record.phaseStartMs.get('fetchTopicOffsets') ?? NaN));
          const offsetsToMs = offsetsFromMs + median(result.cycles.map((c) => c.record.phaseMs.get('fetchTopicOffsets') ?? NaN));
          return [
            run.size.label,
            concurrency,
            ...PHASES.map((phase) => median(result.cycles.map((c) => c.record.phaseMs.get(phase) ?? 0))),
            median(result.cycles.map((c) => c.wallMs)),
            `${formatNumber(offsetsFromMs)}-${formatNumber(offsetsToMs)} ms`,
          ];
        }),
      ),
    ),
  );

  console.log('\nBroker and machine');
  console.log(
    formatTable(
      ['size', 'topics', 'idle broker CPU ms/s', 'broker heap MB after', 'load after (1/5/15 min)'],
      runs.map((run) => [run.size.label, run.layout.topics.size, run.idleBrokerCpuMsPerSec ?? NaN, run.brokerHeapMb ?? NaN, run.loadAverage]),
    ),
  );

  const target = runs.find((r) => r.size.partitions === TARGET.partitions && r.size.groups === TARGET.groups);
  if (target) {
    for (const { concurrency, result } of target.byConcurrency) {
      const p50 = median(result.cycles.map((c) => c.wallMs));
      console.log(
        `\nTarget ${TARGET.partitions.toLocaleString('en-US')} x ${TARGET.groups} under ${TARGET.p50Ms} ms per cycle, concurrency ${concurrency}: ` +
          `${p50 <= TARGET.p50Ms ? 'MET' : 'NOT MET'} (p50 ${formatNumber(p50)} ms, p95 ${formatNumber(percentile(result.cycles.map((c) => c.wallMs), 95))} ms)`,
      );
    }
  }
}

function growsWith(api: string): string {
  switch (api) {
    case 'ListGroups':
      return 'brokers';
    case 'Metadata':
      return '6 + 1..topics (metadataMaxAge 0); bytes grow with partitions';
    case 'DescribeConfigs':
      return 'constant; bytes grow with topics';
    case 'DescribeGroups':
      return 'coordinators';
    case 'GroupCoordinator':
      return 'groups (x2)';
    case 'OffsetFetch':
      return 'groups';
    case 'ListOffsets':
      return 'topics x leaders (x2)';
    default:
      return '';
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[bench] ${error.message}`);
    process.exit(1);
  },
);
