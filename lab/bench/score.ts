import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FAULT_NAMES } from '../pipeline/faults';
import { parseBenchDurationMs, parseWholeNumber } from './bench-args';
import { loadAverageText, machineText } from './bench-lab';
import { formatNumber } from './format-table';
import { readLabConfig } from '../lab-config';
import { scoreRun, secondsSummary, type Score } from './score-evaluate';
import { parseFaultLog, type FaultEpisode } from './score-ground-truth';
import { formatConfusion, formatEpisodes, formatIncidents, formatTypeTable, SCORE_TARGETS } from './score-report';
import { runScore, type ScoreRunResult } from './score-run';
import { buildSchedule, DEFAULT_TIMINGS, EXPECTED_TYPE, filterSchedule, SCHEDULE_NAMES, stepDurationMs, type ScheduleName } from './score-schedule';

const HELP = `Diagnosis accuracy against the real lab: inject faults, score the incidents Pipewatch opens.

Usage: npm run score [-- options]      (or: npx tsx lab/bench/score.ts [options])

Brings up the lab (Kafka + Prometheus; reuses a running one), starts a demo pipeline of its own
(unique topic and group, in a child process) and a collection watching only that group, warms up
healthy, then injects the schedule's faults one step at a time with a healthy gap after each.
Incidents are scored against the pipeline's ground-truth fault log:

  detected        an incident that held the expected type opens between fault start and end + grace
                  (a transient incident escalated to sink-unavailable detects sink-down)
  precision       incidents of a final type that match a fault expecting it / all of that type
  detect, resolve open − fault start; resolved − fault end (median, p95)
  flaps           expected-type incidents per fault beyond one
  healthy FP      incidents opened with no fault within ± grace (warm-up and gaps included)

Expected: transient-errors→transient-sink-error, poison→permanent-data-error, slow-sink→slow-sink,
rebalance→kafka-rebalance, sink-down→sink-unavailable, consumer-stop→consumer-stopped,
producer-stop→upstream-stall; producer-burst expects nothing and is reported apart.
Targets: precision and recall ≥ ${SCORE_TARGETS.minPrecision}, median detection ≤ ${SCORE_TARGETS.maxMedianDetectSeconds} s, no healthy FP, ≤ 1 incident per fault.

Options:
  --schedule full|quick   full: 13 steps, each fault alone (two params for transient-errors, poison
                          and slow-sink) plus poison during slow-sink and rebalance during
                          transient errors, ~25 min. quick: slow-sink, poison, sink-down and
                          consumer-stop once each, ~6 min.            (default full)
  --only NAMES            only the steps injecting one of these faults (comma-separated)
  --warmup 60s            healthy time before the first fault
  --fault DUR             each fault's length                  (default full 45s, quick 40s)
  --gap DUR               healthy time after each step         (default full 60s, quick 40s)
  --grace 30s             an incident this long after its fault ends still belongs to it
  --rate 50               the pipeline's events per second
  --members 2             its consumer group members
  --outage-after DUR      how long every write fails before a member pauses (pipeline default 10s)
  --inactive-groups 12    groups that stopped before the run (committed at 0 on the scored topic, lag
                          growing) watched beside it for the whole run; each incident they open counts
  --out FILE              raw results as JSON (default .lab/score-<timestamp>.json)
  --help

The lab is the development one (.lab, ports 19xxx) unless LAB_DIR / LAB_PORT_BASE / KAFKA_BROKERS /
PROMETHEUS_URL say otherwise; it is left running. Ctrl-C ends the faults and scores what ran.
`;

const OPTIONS = {
  help: { type: 'boolean' },
  schedule: { type: 'string', default: 'full' },
  only: { type: 'string', default: '' },
  warmup: { type: 'string', default: '60s' },
  fault: { type: 'string' },
  gap: { type: 'string' },
  grace: { type: 'string', default: '30s' },
  rate: { type: 'string', default: '50' },
  members: { type: 'string', default: '2' },
  'outage-after': { type: 'string' },
  'inactive-groups': { type: 'string', default: '12' },
  out: { type: 'string' },
} as const;

const log = (line: string) => console.log(`[score] ${line}`);

async function main(argv: string[]): Promise<number> {
  const { values: flags } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  if (!(SCHEDULE_NAMES as readonly string[]).includes(flags.schedule)) throw new Error(`--schedule must be one of ${SCHEDULE_NAMES.join(', ')} (got ${JSON.stringify(flags.schedule)}).`);
  const scheduleName = flags.schedule as ScheduleName;
  const only = flags.only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only.filter((name) => !(FAULT_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--only: no fault ${unknown.join(', ')}; the faults are ${FAULT_NAMES.join(', ')}.`);
  const timings = {
    faultMs: flags.fault === undefined ? DEFAULT_TIMINGS[scheduleName].faultMs : parseBenchDurationMs(flags.fault, 'fault'),
    gapMs: flags.gap === undefined ? DEFAULT_TIMINGS[scheduleName].gapMs : parseBenchDurationMs(flags.gap, 'gap'),
  };
  const steps = filterSchedule(buildSchedule(scheduleName, timings), only);
  if (steps.length === 0) throw new Error(`--only ${flags.only}: no step of the ${scheduleName} schedule injects those faults.`);
  const warmupMs = parseBenchDurationMs(flags.warmup, 'warmup');
  const graceMs = parseBenchDurationMs(flags.grace, 'grace');
  const outageAfterMs = flags['outage-after'] === undefined ? undefined : parseBenchDurationMs(flags['outage-after'], 'outage-after');
  const pipeline = { ratePerSecond: parseWholeNumber(flags.rate, 'rate'), members: parseWholeNumber(flags.members, 'members'), outageAfterMs };
  const outPath = path.resolve(flags.out ?? path.join(readLabConfig().dir, `score-${new Date().toISOString().replace(/[:.]/g, '-')}.json`));

  const plannedMs = warmupMs + steps.reduce((total, step) => total + stepDurationMs(step) + timings.gapMs, 0);
  log(`schedule ${scheduleName}: ${steps.length} steps, warm-up ${warmupMs / 1000} s, about ${Math.round(plannedMs / 60_000)} min after the pipeline is up`);
  log(`load before: ${loadAverageText()}`);
  if (timings.gapMs <= 2 * graceMs) {
    log(`note: a gap of ${timings.gapMs / 1000} s is within the grace (${graceMs / 1000} s) of the faults on both sides, so only the warm-up and the end count as healthy; --gap ${Math.round((2 * graceMs) / 1000) + 60}s gives a minute of healthy time per gap`);
  }

  // Taken before the run: the files may change while it runs, the loaded code does not.
  const code = codeVersion();
  const abort = new AbortController();
  process.on('SIGINT', () => {
    if (abort.signal.aborted) process.exit(130);
    log('Ctrl-C: stopping after cleanup (again to quit at once)');
    abort.abort();
  });
  const inactiveGroups = parseWholeNumber(flags['inactive-groups'], 'inactive-groups', 0);
  const run = await runScore({ steps, warmupMs, gapMs: timings.gapMs, intervalMs: 1_000, pipeline, statusEveryCycles: 15, inactiveGroups }, abort.signal, log);

  const episodes = parseFaultLog(run.faultLog, run.runEndMs);
  const score = scoreRun({ episodes, incidents: run.incidents, runStartMs: run.runStartMs, runEndMs: run.runEndMs, graceMs, expected: EXPECTED_TYPE });
  console.log(`\n${formatReport(scheduleName, run, episodes, score, graceMs)}`);

  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  const options = { schedule: scheduleName, only, warmupMs, ...timings, graceMs, pipeline, intervalMs: 1_000, inactiveGroups };
  fs.writeFileSync(outPath, JSON.stringify({ version: 1, machine: machineText(readLabConfig()), code, options, steps, episodes, score, run }, null, 1));
  console.log(`\nraw results: ${path.relative(process.cwd(), outPath)}`);
  return 0;
}

function formatReport(schedule: ScheduleName, run: ScoreRunResult, episodes: FaultEpisode[], score: Score, graceMs: number): string {
  const origin = run.runStartMs;
  const bursts = score.episodes.filter((e) => e.expected === null);
  const byId = new Map(run.incidents.map((i) => [i.id, i]));
  const r = run.resources;
  const cpuMs = r.cpuUserMs + r.cpuSystemMs;
  const lines = [
    `Diagnosis score, schedule ${schedule}${run.aborted ? ' (INTERRUPTED: partial)' : ''}: ${episodes.length} fault episodes, grace ${graceMs / 1000} s, ` +
      `${formatNumber(run.resources.wallMs / 60_000, 1)} min scored, ${formatNumber(score.healthyMs / 60_000, 1)} min of it healthy`,
    machineText(readLabConfig()),
    `pipeline ${run.pipeline.group} on ${run.lab.brokers.join(',')}`,
    '',
    'Per failure type',
    formatTypeTable(score),
    '',
    'Confusion matrix (rows: injected fault; columns: incidents opened during it)',
    formatConfusion(score),
  ];
  if (bursts.length > 0) {
    lines.push('', 'producer-burst (no expected type)');
    for (const e of bursts) {
      const opened = e.incidentIds.map((id) => byId.get(id)!).map((i) => `${i.types.join('→')} at +${Math.round((i.openedAtMs - e.episode.startMs) / 1000)} s`);
      lines.push(`  ${e.episode.label}: ${opened.length === 0 ? 'no incident' : opened.join('; ')}`);
    }
  }
  lines.push('', 'Episodes (times in s from the warm-up start)', formatEpisodes(score, run.incidents, origin));
  lines.push('', 'Incidents', formatIncidents(score, run.incidents, origin));
  lines.push(
    '',
    `Resources of this process (collection + bookkeeping; the pipeline runs in its own): CPU ${formatNumber(cpuMs / 1000, 1)} s ` +
      `(user ${formatNumber(r.cpuUserMs / 1000, 1)}, system ${formatNumber(r.cpuSystemMs / 1000, 1)}) = ${formatNumber((100 * cpuMs) / r.wallMs, 1)} % of one core; ` +
      `RSS peak ${formatNumber(r.rssPeakMb, 0)} MB, end ${formatNumber(r.rssEndMb, 0)} MB (heap ${formatNumber(r.heapUsedEndMb, 0)} MB); ` +
      `${r.cycles} cycles, median ${formatNumber(r.cycleMedianMs, 0)} ms, p95 ${formatNumber(r.cycleP95Ms, 0)} ms, ${r.skippedCycles} skipped; ` +
      `pipeline process CPU ${r.pipelineCpuMs === null ? '-' : `${formatNumber(r.pipelineCpuMs / 1000, 1)} s`}; load ${loadAverageText()}`,
  );
  const inactive = run.inactive;
  if (inactive.groups > 0) {
    const stray = inactive.notInactiveAtEnd.length === 0 ? '' : `; not inactive at the end: ${inactive.notInactiveAtEnd.join(', ')}`;
    lines.push('', `Inactive groups watched beside it: ${inactive.groups}, incidents they opened: ${inactive.incidentsOpened} (target 0)${stray}`);
  }
  lines.push('', verdictLine(score));
  return lines.join('\n');
}

/** The commit scored and the uncommitted files under lib/ and collectors/: the classifier is what a score is of. */
function codeVersion(): { commit: string; uncommitted: string[] } | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const uncommitted = git('status', '--porcelain', '--', 'lib', 'collectors').split('\n').filter(Boolean).map((line) => line.slice(3));
    return { commit: git('rev-parse', 'HEAD'), uncommitted };
  } catch {
    return null;
  }
}

function verdictLine(score: Score): string {
  const t = SCORE_TARGETS;
  const misses: string[] = [];
  for (const s of score.types) {
    if (s.episodes > 0 && !(s.recall >= t.minRecall)) misses.push(`${s.type} recall ${formatNumber(s.recall, 2)}`);
    if (s.incidents > 0 && !(s.precision >= t.minPrecision)) misses.push(`${s.type} precision ${formatNumber(s.precision, 2)}`);
    const ttd = secondsSummary(s.timeToDetectMs).medianSeconds;
    if (ttd > t.maxMedianDetectSeconds) misses.push(`${s.type} median detection ${formatNumber(ttd, 1)} s`);
  }
  if (score.healthyIncidents.length > t.maxHealthyIncidents) misses.push(`${score.healthyIncidents.length} incidents in healthy periods`);
  const extra = score.episodes.filter((e) => e.flaps + e.otherTypes.length > t.maxExtraIncidentsPerFault);
  if (extra.length > 0) misses.push(`${extra.length} episodes with more than one incident`);
  return misses.length === 0 ? 'Targets: all met.' : `Targets missed: ${misses.join('; ')}.`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`score: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
