import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import type { RecordTimestampLag } from '../../lib/time-lag/evaluate-record-timestamp-lag';
import { parseBenchDurationMs, parseWholeNumber } from './bench-args';
import { ensureBenchLab, loadAverageText, machineText, readBenchLabConfig, stopCommand } from './bench-lab';
import { median, percentile } from './bench-stats';
import { formatNumber, formatTable } from './format-table';
import { runTimelagScenario, type SampleRecord, type ScenarioRun } from './run-timelag-scenario';
import { boundSeconds, kindOf, summarizeScenario, toleranceSeconds } from './summarize-timelag';
import { SCENARIOS, type TimelagOptions } from './timelag-scenarios';
import { assertNever } from '../../lib/assert-never';

const HELP = `Benchmark of lag in seconds: the offset/time-table estimate against the truth, on a real broker.

Usage: npm run bench:timelag [-- options]      (or: npx tsx lab/bench/timelag.ts [options])

Each scenario gets a fresh one-partition topic. A producer writes records whose timestamps it
keeps (the truth); one consumer group's committed offset is moved by rule; the collector's own
KafkajsClusterSource samples every interval and the estimate is computed as a collection cycle
does. Beside it, the record-timestamp method reads the record at the committed offset.

Scenarios:
  a  steady flow, consumer ~--behind behind          target: within max(1 s, 5 %)
  b  steady flow, caught-up consumer                 target: within max(1 s, 5 %)
  c  burst of --burst records in 1 s, then idle;     target: within max(1 s, 5 %)
     consumer stuck at the burst start
  d  idle topic, caught-up consumer                  target: exactly 0 at every sample
  e  consumer reprocessing from offset 0 of a topic  target: flagged extrapolated and bounded
     holding --history records over --history-age

Options:
  --scenarios a,b,c,d,e     which to run
  --duration 40s            sampling time per scenario
  --interval 1s             sampling interval
  --rate 50                 records per second in the steady flows (a, b, e)
  --behind 5s               how far behind the consumer of (a) stays
  --burst 1000              records in the burst of (c)
  --burst-at 3.5s           when the burst starts after the first sample (3.5s: half-way
                            between samples; just under a whole interval is the worst case)
  --history 20000           records before the sampler starts in (e)
  --history-age 2h          the span of their timestamps
  --reprocess 200           records per second the consumer of (e) moves forward
  --series                  print every scenario's samples, not only (e)'s
  --load-groups PREFIX      the collector also samples the groups starting with PREFIX (e.g.
                            bench-g10000x500-, made by bench:collect), so its cycle is as long
                            as at that size and the scenario's topic is read last in it
  --help

The lab: its own by default (.lab/bench, ports 25090-25120; LAB_DIR / LAB_PORT_BASE / KAFKA_BROKERS
override), started if needed and left running. Topics and groups are deleted after each scenario.
`;

const OPTIONS = {
  help: { type: 'boolean' },
  scenarios: { type: 'string', default: 'a,b,c,d,e' },
  duration: { type: 'string', default: '40s' },
  interval: { type: 'string', default: '1s' },
  rate: { type: 'string', default: '50' },
  behind: { type: 'string', default: '5s' },
  burst: { type: 'string', default: '1000' },
  'burst-at': { type: 'string', default: '3.5s' },
  history: { type: 'string', default: '20000' },
  'history-age': { type: 'string', default: '2h' },
  reprocess: { type: 'string', default: '200' },
  series: { type: 'boolean' },
  'load-groups': { type: 'string' },
} as const;

const log = (line: string) => console.log(`[bench] ${line}`);

async function main(argv: string[]): Promise<number> {
  const { values: flags } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const ids = flags.scenarios.split(',').map((s) => s.trim()).filter(Boolean);
  const scenarios = ids.map((id) => {
    const scenario = SCENARIOS.find((s) => s.id === id);
    if (!scenario) throw new Error(`--scenarios: no scenario '${id}'; there are ${SCENARIOS.map((s) => s.id).join(', ')}.`);
    return scenario;
  });
  const options: TimelagOptions = {
    durationMs: parseBenchDurationMs(flags.duration, 'duration'),
    ratePerSec: parseWholeNumber(flags.rate, 'rate'),
    behindMs: parseBenchDurationMs(flags.behind, 'behind'),
    burstRecords: parseWholeNumber(flags.burst, 'burst'),
    burstAtMs: parseBenchDurationMs(flags['burst-at'], 'burst-at'),
    historyRecords: parseWholeNumber(flags.history, 'history'),
    historyAgeMs: parseBenchDurationMs(flags['history-age'], 'history-age'),
    reprocessPerSec: parseWholeNumber(flags.reprocess, 'reprocess'),
  };
  const intervalMs = parseBenchDurationMs(flags.interval, 'interval');

  const config = readBenchLabConfig();
  log(`machine: ${machineText(config)}`);
  await ensureBenchLab(config, log);
  const kafka = new Kafka({ brokers: config.brokers, clientId: 'pipewatch-bench-timelag', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const runId = Date.now().toString(36);
  const runs: ScenarioRun[] = [];
  try {
    for (const scenario of scenarios) {
      log(`(${scenario.id}) ${scenario.title}: ${Math.round(options.durationMs / 1000)} s, load ${loadAverageText()}`);
      runs.push(await runTimelagScenario(scenario, { kafka, admin, brokers: config.brokers, runId, intervalMs, options, log, loadGroupPrefix: flags['load-groups'] }));
    }
  } finally {
    await admin.disconnect();
  }

  const summaries = runs.map((run) => ({ run, summary: summarizeScenario(run) }));
  console.log('\nLag-in-seconds estimate (offset/time table) against the truth; error = |estimate - truth| in seconds');
  console.log(
    formatTable(
      ['scenario', 'samples', 'compared', 'median err', 'p95 err', 'max err', 'within max(1s,5%)', 'median truth', 'max truth', 'kinds seen', 'target'],
      summaries.map(({ run, summary }) => [
        `${run.scenario.id} ${run.scenario.title}`,
        summary.samples,
        summary.compared,
        seconds(summary.medianErrorSeconds, 3),
        seconds(summary.p95ErrorSeconds, 3),
        seconds(summary.maxErrorSeconds, 3),
        `${summary.withinTolerance}/${summary.compared}`,
        seconds(summary.medianTruthSeconds, 1),
        seconds(summary.maxTruthSeconds, 1),
        [...summary.kinds].map(([kind, n]) => `${kind} ${n}`).join(', '),
        `${summary.verdict.met ? 'MET' : 'NOT MET'}: ${summary.verdict.detail}`,
      ]),
    ),
  );

  console.log('\nRecord-timestamp method (read the record at the committed offset each cycle) on the same samples');
  console.log(
    formatTable(
      ['scenario', 'reads', 'median err', 'max err', 'failed', 'read p50 ms', 'read p95 ms', 'Fetch req/read', 'Fetch ms/read', 'bytes/read'],
      summaries.map(({ run, summary: { recordTimestamp: r } }) => [
        run.scenario.id,
        r.compared,
        seconds(r.medianErrorSeconds, 3),
        seconds(r.maxErrorSeconds, 3),
        r.failed + r.clockSkew,
        r.readP50Ms,
        r.readP95Ms,
        r.fetchesPerRead,
        r.fetchMsPerRead,
        r.bytesPerRead,
      ]),
    ),
  );
  const cycleMs = runs.flatMap((r) => r.samples.map((s) => s.cycleMs));
  console.log(
    `\nThe table estimate costs no request of its own: it reuses the log end offsets the cycle reads for lag in messages ` +
      `(cycle p50 ${formatNumber(median(cycleMs))} ms, p95 ${formatNumber(percentile(cycleMs, 95))} ms here). ` +
      `The record-timestamp method adds a fetch per lagging partition per cycle.`,
  );
  const absurd = summaries.reduce((total, { summary }) => total + summary.absurd, 0);
  console.log(`Absurd estimates (negative, not finite, over 24 h or past the extrapolation bound): ${absurd}`);

  for (const run of runs) {
    if (flags.series || run.scenario.id === 'e') printSeries(run);
  }
  console.log(`\nLoad average at the end: ${loadAverageText()}`);
  console.log(`The lab is left running. Stop it with:\n  ${stopCommand(config)}`);
  return summaries.every(({ summary }) => summary.verdict.met) ? 0 : 1;
}

function printSeries(run: ScenarioRun): void {
  console.log(`\n(${run.scenario.id}) ${run.scenario.title}: samples (estimate vs truth, seconds)`);
  const every = Math.max(1, Math.ceil(run.samples.length / 20));
  const rows = run.samples.filter((_, i) => i % every === 0 || i === run.samples.length - 1).map((s) => seriesRow(s));
  console.log(formatTable(['t s', 'log end', 'committed', 'truth', 'estimate', 'kind', 'bound', 'ok', 'record-ts', 'table pts'], rows));
}

function seriesRow(s: SampleRecord): (string | number)[] {
  const estimate = s.estimate.kind === 'unknown' ? '-' : s.estimate.seconds.toFixed(2);
  const ok =
    s.estimate.kind === 'unknown' || s.truthSeconds === null ? '' : Math.abs(s.estimate.seconds - s.truthSeconds) <= toleranceSeconds(s.truthSeconds) ? 'yes' : 'no';
  const recordTs = s.recordTimestamp === null ? '' : 'failed' in s.recordTimestamp ? 'failed' : formatRecordLag(s.recordTimestamp.lag);
  return [
    (s.atMs / 1000).toFixed(1),
    s.logEndOffset.toString(),
    s.committedOffset?.toString() ?? '-',
    s.truthSeconds?.toFixed(2) ?? '-',
    estimate,
    kindOf(s.estimate),
    s.estimate.kind === 'estimated' && s.estimate.confidence === 'extrapolated' ? boundSeconds(s).toFixed(1) : '',
    ok,
    recordTs,
    s.tablePoints,
  ];
}

function seconds(value: number, decimals: number): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '-';
}

function formatRecordLag(lag: RecordTimestampLag): string {
  switch (lag.kind) {
    case 'measured':
      return lag.seconds.toFixed(2);
    case 'clock-skew':
      return `skew ${lag.recordAheadMs} ms`;
    case 'unknown':
      return lag.reason;
    default:
      return assertNever(lag, 'record lag');
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[bench] ${error.message}`);
    process.exit(1);
  },
);
