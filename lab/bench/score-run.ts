import fs from 'node:fs';
import path from 'node:path';
import { createCollectionFromConfig } from '../../server/start-pipewatch';
import { parseConfigText } from '../../lib/config/parse-config';
import { formatConfigErrors } from '../../lib/config/config-error';
import { readLabConfig } from '../lab-config';
import { abortableSleep } from '../pipeline/abortable-sleep';
import { upStack } from '../stack/lab';
import { processCpuMs } from './bench-lab';
import { median, percentile } from './bench-stats';
import type { ScoredIncident } from './score-evaluate';
import { startScorePipeline, type ScorePipelineOptions } from './score-pipeline-process';
import { createInactiveGroups } from './score-inactive-groups';
import { createScoreRecorder, type CycleTrace, type RecordedChange } from './score-recorder';
import { describeFault, stepDurationMs, type ScheduleStep } from './score-schedule';
import { createLineLogger } from '../../lib/log/line-logger';

export interface ScoreRunOptions {
  steps: readonly ScheduleStep[];
  warmupMs: number;
  gapMs: number;
  intervalMs: number;
  pipeline: ScorePipelineOptions;
  /** Cycles between two status lines. */
  statusEveryCycles: number;
  /** Groups that stopped before the run, watched beside the scored one for the whole run: none may open an incident. */
  inactiveGroups: number;
}

export interface ResourceUsage {
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Peak resident set of this process (Pipewatch's collection and the benchmark's bookkeeping). */
  rssPeakMb: number;
  rssEndMb: number;
  heapUsedEndMb: number;
  /** CPU of the scored pipeline's own process, for scale; null when /proc could not be read. */
  pipelineCpuMs: number | null;
  cycles: number;
  cycleMedianMs: number;
  cycleP95Ms: number;
  skippedCycles: number;
}

export interface ScoreRunResult {
  pipeline: { topic: string; group: string };
  lab: { brokers: string[]; prometheusUrl: string };
  runStartMs: number;
  runEndMs: number;
  steps: { label: string; startedAtMs: number; endedAtMs: number }[];
  faultLog: string;
  changes: RecordedChange[];
  incidents: ScoredIncident[];
  trace: CycleTrace[];
  resources: ResourceUsage;
  /** The inactive groups watched beside the scored pipeline, and the incidents they opened (should be none). */
  inactive: { groups: number; incidentsOpened: number; notInactiveAtEnd: string[] };
  aborted: boolean;
}

/**
 * Runs the schedule against a pipeline of its own on the lab: a healthy warm-up, then each step's
 * faults through the control API (each ends itself by its forMs) and a healthy gap, while a
 * collection from config watches only that pipeline's group.
 */
export async function runScore(options: ScoreRunOptions, signal: AbortSignal, log: (line: string) => void): Promise<ScoreRunResult> {
  const lab = readLabConfig();
  await upStack(lab, (line) => log(`lab: ${line}`));
  log('starting the scored pipeline');
  const pipeline = await startScorePipeline(options.pipeline, log);
  const { group, topic, faultLogPath } = pipeline.info;
  log(`pipeline up: topic ${topic}, group ${group}, ${options.pipeline.ratePerSecond} events/s, ${options.pipeline.members} members`);

  const inactive = await createInactiveGroups(lab.brokers, topic, options.inactiveGroups, `${group}-inactive-`);
  if (options.inactiveGroups > 0) log(`${options.inactiveGroups} inactive groups on ${topic}, committed at offset 0 with lag growing, watched for the whole run`);
  const watched = [group, ...inactive.groupIds].map((g) => `'${g}'`).join(', ');
  const parsed = parseConfigText(`collection:\n  interval: ${options.intervalMs}ms\ndiscovery:\n  includeGroups: [${watched}]\n`, {
    file: 'score.yaml',
    env: { KAFKA_BROKERS: lab.brokers.join(','), PROMETHEUS_URL: lab.prometheusUrl },
  });
  if (!parsed.ok) {
    await inactive.remove();
    await pipeline.stop();
    throw new Error(formatConfigErrors(parsed.errors));
  }

  let runStartMs = Date.now();
  const at = (ms: number) => `+${Math.round((ms - runStartMs) / 1000)}s`;
  const recorder = createScoreRecorder(group, (change, incident) => {
    const types = incident.types.join('→');
    const text = change.summary === '' ? '' : ` — ${change.summary}`;
    if (change.kind === 'opened') log(`${at(change.atMs)} OPENED ${change.type}${text}`);
    else if (change.kind === 'resolved') log(`${at(change.atMs)} RESOLVED ${types} (open ${Math.round((change.atMs - incident.openedAtMs) / 1000)} s)`);
    else log(`${at(change.atMs)} ${change.kind} ${types}${text}`);
  });
  const collection = createCollectionFromConfig(parsed.config, createLineLogger(log));
  const cpuBefore = process.cpuUsage();
  let rssPeak = process.memoryUsage().rss;
  let cycles = 0;
  const inactiveIncidents = new Set<string>();
  const inactiveIds = new Set(inactive.groupIds);
  collection.subscribe((cycle) => {
    for (const change of cycle.incidentChanges) if (change.kind === 'opened' && inactiveIds.has(change.incident.pipelineId)) inactiveIncidents.add(change.incident.id);
    // The recorder scores the pipeline's own group: it sees that group's part of the cycle only.
    recorder.onCycle(cycle);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    if (++cycles % options.statusEveryCycles === 0) log(statusLine(recorder.latest(), at));
  });
  runStartMs = Date.now();

  const steps: ScoreRunResult['steps'] = [];
  let pipelineCpuMs: number | null = null;
  try {
    log(`warm-up: healthy for ${options.warmupMs / 1000} s (the classifier's baseline is its window's first third)`);
    if (await abortableSleep(options.warmupMs, signal)) {
      for (const [index, step] of options.steps.entries()) {
        const durationMs = stepDurationMs(step);
        const startedAtMs = Date.now();
        log(`${at(startedAtMs)} step ${index + 1}/${options.steps.length}: ${step.label} (${durationMs / 1000} s, then ${options.gapMs / 1000} s healthy)`);
        const completed = await runStep(step, startedAtMs, signal, (body, forMs) => {
          log(`${at(Date.now())} fault ${describeFault(body)} for ${forMs / 1000} s`);
          // The fault log is the ground truth: a refused fault is simply not in it.
          return pipeline.fault(body, forMs).catch((error: Error) => log(`fault not started: ${error.message}`));
        });
        // Ends any fault whose expiry is late, so the gap is healthy whatever happened.
        await pipeline.fault({ name: 'healthy' }).catch((error: Error) => log(`could not end the faults: ${error.message}`));
        steps.push({ label: step.label, startedAtMs, endedAtMs: Date.now() });
        if (!completed) break;
        log(`${at(Date.now())} healthy gap ${options.gapMs / 1000} s`);
        if (!(await abortableSleep(options.gapMs, signal))) break;
      }
    }
  } finally {
    if (signal.aborted) log('interrupted: ending the faults and scoring what ran');
    await pipeline.fault({ name: 'healthy' }).catch(() => undefined);
    pipelineCpuMs = processCpuMs(pipeline.info.pid) ?? null;
    await collection.stop();
  }
  const notInactiveAtEnd = (collection.latest()?.snapshots ?? []).filter((s) => inactiveIds.has(s.groupId) && s.activity.state !== 'inactive' && s.activity.state !== 'abandoned').map((s) => s.groupId);
  await inactive.remove();
  const runEndMs = Date.now();
  const cpu = process.cpuUsage(cpuBefore);
  const memory = process.memoryUsage();
  log('stopping the scored pipeline (its topics and group are deleted)');
  await pipeline.stop();
  const faultLog = fs.existsSync(faultLogPath) ? fs.readFileSync(faultLogPath, 'utf8') : '';
  fs.rmSync(path.dirname(faultLogPath), { recursive: true, force: true });

  const trace = [...recorder.trace()];
  const durations = trace.map((c) => c.durationMs);
  return {
    pipeline: { topic, group },
    lab: { brokers: lab.brokers, prometheusUrl: lab.prometheusUrl },
    runStartMs,
    runEndMs,
    steps,
    faultLog,
    changes: [...recorder.changes()],
    incidents: recorder.incidents(),
    trace,
    resources: {
      wallMs: runEndMs - runStartMs,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      rssPeakMb: rssPeak / 2 ** 20,
      rssEndMb: memory.rss / 2 ** 20,
      heapUsedEndMb: memory.heapUsed / 2 ** 20,
      pipelineCpuMs,
      cycles: trace.length,
      cycleMedianMs: median(durations),
      cycleP95Ms: percentile(durations, 95),
      skippedCycles: collection.latest()?.skippedCycles ?? 0,
    },
    inactive: { groups: options.inactiveGroups, incidentsOpened: inactiveIncidents.size, notInactiveAtEnd },
    aborted: signal.aborted,
  };
}

/** Starts each fault at its offset; false when interrupted. */
async function runStep(
  step: ScheduleStep,
  startedAtMs: number,
  signal: AbortSignal,
  inject: (body: ScheduleStep['faults'][number]['body'], forMs: number) => Promise<void>,
): Promise<boolean> {
  for (const fault of [...step.faults].sort((a, b) => a.offsetMs - b.offsetMs)) {
    if (!(await abortableSleep(Math.max(0, startedAtMs + fault.offsetMs - Date.now()), signal))) return false;
    await inject(fault.body, fault.forMs);
  }
  // A little past the last expiry, so the pipeline's own timers log the ends.
  return abortableSleep(Math.max(0, startedAtMs + stepDurationMs(step) + 500 - Date.now()), signal);
}

function statusLine(c: CycleTrace | null, at: (ms: number) => string): string {
  if (!c) return 'no cycle yet';
  const rate = (v: number | null) => (v === null ? '-' : `${Math.round(v)}/s`);
  const p99 = c.signals?.sinkLatencyP99Seconds;
  return [
    `${at(c.atMs)} lag ${c.lagMessages ?? '-'}`,
    `produce ${rate(c.produceRatePerSec)} consume ${rate(c.consumeRatePerSec)}`,
    `group ${c.groupState ?? '-'}/${c.members ?? '-'}`,
    `p99 ${p99 == null ? '-' : `${Math.round(p99 * 1000)}ms`}`,
    `findings [${c.findings.join(', ')}]`,
    `open [${c.openIncidents.join(', ')}]`,
    c.kafkaOk && c.prometheusOk ? '' : `sources kafka ${c.kafkaOk ? 'ok' : 'GAP'} prometheus ${c.prometheusOk ? 'ok' : 'GAP'}`,
  ]
    .filter(Boolean)
    .join(' · ');
}
