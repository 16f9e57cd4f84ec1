import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { parseBenchDurationMs, parseSizes, parseWholeNumber, parseWholeNumberList, type BenchSize } from './bench-args';
import { brokerHeapMb, brokerPid, ensureBenchLab, loadAverageText, machineText, readBenchLabConfig, stopCommand } from './bench-lab';
import { maximum, median, percentile } from './bench-stats';
import { parseSourceKinds } from './bench-collect-source';
import { commitGroups, ensureFixture, layoutOf, type FixtureOptions, type SetupReport } from './collect-fixture';
import { printJsonLines, printReport, type SizeRun } from './collect-report';
import { idleBrokerCpuMsPerSecond, measureCollectCycles } from './measure-collect-cycles';
import { checkSample, isComplete } from './verify-sample';

const HELP = `Benchmark of the Kafka collector's cluster sources (KafkajsClusterSource,
PlatformaticClusterSource) on a real broker, side by side.

Usage: npm run bench:collect [-- options]      (or: npx tsx lab/bench/collect.ts [options])

For each size (partitions x groups) it creates topics bench-t<size>-<i> with a few records per
partition and consumer groups bench-g<size>-<i> with committed offsets (no consumer runs), reusing
those a previous run made; then it times source.sample() cycles and prints p50/p95 cycle time,
CPU per cycle (this process and the broker), round trips by API against a model, RSS, and
whether every group and partition was seen, for each source in turn on the same fixture.

Options:
  --sizes 100x10,1000x50,10000x500   partitions x groups, comma-separated
  --cycles 20                        measured cycles per size and concurrency
  --warmup 2                         cycles run first and not counted (the first is reported as cold)
  --concurrency 8                    maxConcurrentRequests; a list (8,16,32) runs each in turn
  --source kafkajs,platformatic      the sources to measure, each in turn at every size and concurrency
  --json                             also print one JSON object per line per (source, size, concurrency)
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
  source: { type: 'string', default: 'kafkajs,platformatic' },
  json: { type: 'boolean', default: false },
  'partitions-per-topic': { type: 'string', default: '20' },
  'records-per-partition': { type: 'string', default: '3' },
  'setup-concurrency': { type: 'string', default: '50' },
  pause: { type: 'string', default: '500ms' },
} as const;

const COMMITTED_OFFSET = 1;

const log = (line: string) => console.log(`[bench] ${line}`);

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
  const sources = parseSourceKinds(flags.source);
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
      for (const concurrency of concurrencies) for (const source of sources) {
        log(`  ${source}, maxConcurrentRequests ${concurrency}: ${warmupCycles} warm-up + ${cycles} cycles, load ${loadAverageText()}`);
        const result = await measureCollectCycles({
          source,
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
        run.byConcurrency.push({ source, concurrency, result, check: checkSample(result.lastSample, layout, BigInt(COMMITTED_OFFSET)) });
      }
      run.brokerHeapMb = await brokerHeapMb(config);
      run.loadAverage = loadAverageText();
      runs.push(run);
    }
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()]).catch(() => undefined);
  }

  printReport(runs);
  if (flags.json) printJsonLines(runs);
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[bench] ${error.message}`);
    process.exit(1);
  },
);
