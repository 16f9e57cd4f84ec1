import type { ClusterSource } from '../cluster/cluster-source';
import { diagnoseCycle, EMPTY_DIAGNOSIS_STATE, type DiagnosisState, type PipelineDiagnosis } from '../diagnosis/diagnose-cycle';
import type { Incident, IncidentChange, IncidentInput } from '../incidents/incident';
import { reduceIncidents } from '../incidents/reduce-incidents';
import { backoffCeilingMs } from '../backoff';
import { INITIAL_SOURCE_HEALTH, reduceSourceHealth, type SourceHealth } from './source-health';
import type { PipelineDefinition } from '../pipelines/pipeline-definition';
import type { DlqNamer } from '../pipelines/resolve-pipelines';
import { SIGNAL_NAMES, type SignalsSample } from '../signals/signals';
import { EMPTY_COLLECTOR_STATE, evaluateCycle, type CollectorState, type CycleInput } from '../pipelines/evaluate-cycle';
import type { PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import { SILENT_LOGGER, type Logger } from '../log/logger';

export interface CollectionOptions {
  cluster: ClusterSource;
  /** null: no Prometheus configured; signals show as disabled. */
  signals: { sample(): Promise<SignalsSample> } | null;
  intervalMs: number;
  kafkaTimeoutMs: number;
  prometheusTimeoutMs: number;
  /** After a failure a source waits initialMs, doubling per failure up to maxMs. */
  backoff: { initialMs: number; maxMs: number };
  pipelines: readonly PipelineDefinition[];
  dlqNames: DlqNamer;
  /** Incidents still open when Pipewatch last stopped (from the store): they resume instead of reopening. */
  openIncidents?: readonly Incident[];
  /** `discovery.inactiveAfter`. */
  inactiveAfterMs?: number;
  /** Per pipeline, when an earlier Pipewatch last saw it active (from the store). */
  lastSeenActive?: ReadonlyMap<string, number>;
  nowMs?: () => number;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: Logger;
}

export interface CycleResult {
  atMs: number;
  durationMs: number;
  snapshots: PipelineSnapshot[];
  /** Per pipeline, in the order of `snapshots`: status, findings and what to do. */
  diagnoses: PipelineDiagnosis[];
  /** Incidents opened, updated or resolved this cycle. */
  incidentChanges: IncidentChange[];
  openIncidents: Incident[];
  sources: { kafka: SourceHealth; prometheus: SourceHealth };
  /** Broker requests this cycle; null when Kafka was not sampled. */
  roundTrips: number | null;
  /** Timer ticks skipped since start because a cycle was still running. */
  skippedCycles: number;
  /** updateIncidents calls applied before this cycle's diagnosis: tells which state its incident changes come from. */
  incidentUpdates: number;
}

export interface Collection {
  /** Starts the timer on the first subscriber, or on `start()`. */
  subscribe(listener: (cycle: CycleResult) => void): () => void;
  start(): void;
  stop(): Promise<void>;
  /**
   * A person's action on an incident (acknowledge, resolve by hand), applied between cycles; returns
   * its changes, which the next cycle also carries so every subscriber sees them.
   */
  dispatch(input: Extract<IncidentInput, { kind: 'acknowledged' | 'resolved-by-hand' }>): IncidentChange[];
  /**
   * Sets the reducer's open incidents from outside, applied to the newest state: the store's
   * (another replica leads, or led until now), or the store's people's actions merged in. The next
   * diagnosis continues from them; candidates and lag baselines are kept. Returns the update's
   * number: cycles whose `incidentUpdates` is at least this were diagnosed from it.
   */
  updateIncidents(update: (open: readonly Incident[]) => readonly Incident[]): number;
  /** Runs one cycle now (the CLI's `snapshot` runs two, for rates). */
  runCycle(): Promise<CycleResult>;
  latest(): CycleResult | null;
}

/**
 * Drives the collectors: one cycle per interval, never two at once (a tick that finds a cycle
 * running is counted as skipped), each source under its own timeout and backing off after
 * failures. A failed source makes a gap in the snapshots; the loop itself never dies of it.
 * Each cycle's snapshots are diagnosed (status, findings, incidents) before subscribers see them.
 */
export function createCollection(options: CollectionOptions): Collection {
  const nowMs = options.nowMs ?? Date.now;
  const setTimer = options.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const log = options.log ?? SILENT_LOGGER;
  const listeners = new Set<(cycle: CycleResult) => void>();
  let state: CollectorState = { ...EMPTY_COLLECTOR_STATE, storedLastActive: options.lastSeenActive ?? new Map() };
  let diagnosisState: DiagnosisState = {
    ...EMPTY_DIAGNOSIS_STATE,
    incidents: { ...EMPTY_DIAGNOSIS_STATE.incidents, open: new Map((options.openIncidents ?? []).map((i) => [i.id, i])) },
  };
  const health: Record<SourceName, SourceHealth> = {
    kafka: INITIAL_SOURCE_HEALTH,
    prometheus: options.signals ? INITIAL_SOURCE_HEALTH : reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'disabled' }),
  };
  /** Only the latest cycle is kept: a whole cycle holds every partition of every pipeline. */
  let latest: CycleResult | null = null;
  let running: Promise<CycleResult> | null = null;
  let timer: unknown = null;
  let started = false;
  let skippedCycles = 0;
  /** Changes from people's actions since the last cycle, carried by the next one. */
  let dispatched: IncidentChange[] = [];
  let incidentUpdates = 0;

  /**
   * One source's part of a cycle: skipped while backing off, under its timeout, its health updated.
   * `problemsOf` names the parts of an answer that failed; it throws when the answer as a whole is a failure.
   */
  async function sampleSource<T>(
    name: SourceName,
    atMs: number,
    timeoutMs: number,
    sample: () => Promise<T>,
    problemsOf: (answer: T) => string[],
  ): Promise<{ kind: 'ok'; sample: T } | { kind: 'failed'; reason: string }> {
    const label = SOURCE_LABELS[name];
    const before = health[name];
    if (before.nextAttemptAtMs !== null && atMs < before.nextAttemptAtMs) {
      return { kind: 'failed', reason: `backing off after: ${before.lastError?.message ?? 'failure'}` };
    }
    health[name] = reduceSourceHealth(before, { type: 'sampling', atMs });
    const startedMs = nowMs();
    try {
      const answer = await withTimeout(sample(), timeoutMs, label, setTimer, clearTimer);
      const problems = problemsOf(answer);
      health[name] = reduceSourceHealth(health[name], { type: 'succeeded', atMs: nowMs(), durationMs: nowMs() - startedMs, problems });
      if (before.consecutiveFailures > 0) log.child(name).info(`${label} answering again after ${before.consecutiveFailures} failed attempts`, { source: name });
      return { kind: 'ok', sample: answer };
    } catch (error) {
      const message = describeError(error);
      const failures = health[name].consecutiveFailures + 1;
      const retryAtMs = nowMs() + backoffCeilingMs(failures, options.backoff);
      if (failures === 1) log.child(name).warn(`${label} sampling failed: ${message}; retrying with backoff`, { source: name });
      health[name] = reduceSourceHealth(health[name], { type: 'failed', atMs: nowMs(), durationMs: nowMs() - startedMs, message, retryAtMs });
      return { kind: 'failed', reason: message };
    }
  }

  function sampleKafka(atMs: number): Promise<CycleInput['cluster']> {
    return sampleSource('kafka', atMs, options.kafkaTimeoutMs, () => options.cluster.sample(), (sample) =>
      sample.failures ? [...sample.failures.groups.values(), ...sample.failures.topics.values()] : [],
    );
  }

  async function sampleSignals(atMs: number): Promise<CycleInput['signals']> {
    const signals = options.signals;
    if (!signals) return { kind: 'disabled' };
    return sampleSource('prometheus', atMs, options.prometheusTimeoutMs, () => signals.sample(), signalProblems);
  }

  async function cycle(): Promise<CycleResult> {
    const atMs = nowMs();
    const [cluster, signals] = await Promise.all([sampleKafka(atMs), sampleSignals(atMs)]);
    const evaluated = evaluateCycle(state, { atMs, cluster, signals, pipelines: options.pipelines, dlqNames: options.dlqNames, inactiveAfterMs: options.inactiveAfterMs });
    state = evaluated.state;
    const diagnosed = diagnoseCycle(diagnosisState, evaluated.snapshots);
    diagnosisState = diagnosed.state;
    const updatesSeen = incidentUpdates;
    const incidentChanges = [...dispatched, ...diagnosed.changes];
    dispatched = [];
    const result: CycleResult = {
      atMs,
      durationMs: nowMs() - atMs,
      snapshots: evaluated.snapshots,
      diagnoses: diagnosed.diagnoses,
      incidentChanges,
      openIncidents: diagnosed.openIncidents,
      sources: { kafka: health.kafka, prometheus: health.prometheus },
      roundTrips: cluster.kind === 'ok' ? cluster.sample.roundTrips : null,
      skippedCycles,
      incidentUpdates: updatesSeen,
    };
    latest = result;
    for (const listener of listeners) listener(result);
    return result;
  }

  function runCycle(): Promise<CycleResult> {
    running ??= cycle().finally(() => {
      running = null;
    });
    return running;
  }

  function tick(): void {
    if (!started) return;
    timer = setTimer(tick, options.intervalMs);
    if (running) {
      skippedCycles++;
      return;
    }
    void runCycle();
  }

  function start(): void {
    if (started) return;
    started = true;
    tick();
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      start();
      return () => listeners.delete(listener);
    },
    start,
    async stop() {
      started = false;
      if (timer !== null) clearTimer(timer);
      timer = null;
      await running?.catch(() => undefined);
      health.kafka = reduceSourceHealth(health.kafka, { type: 'stopped' });
      if (options.signals) health.prometheus = reduceSourceHealth(health.prometheus, { type: 'stopped' });
      await options.cluster.close().catch(() => undefined);
    },
    dispatch(input) {
      const reduced = reduceIncidents(diagnosisState.incidents, input);
      diagnosisState = { ...diagnosisState, incidents: reduced.state };
      dispatched.push(...reduced.changes.filter((c) => c.kind !== 'rejected'));
      return reduced.changes;
    },
    updateIncidents(update) {
      const open = update([...diagnosisState.incidents.open.values()]);
      diagnosisState = { ...diagnosisState, incidents: { ...diagnosisState.incidents, open: new Map(open.map((i) => [i.id, i])) } };
      return ++incidentUpdates;
    },
    runCycle,
    latest: () => latest,
  };
}

type SourceName = 'kafka' | 'prometheus';
const SOURCE_LABELS: Record<SourceName, string> = { kafka: 'Kafka', prometheus: 'Prometheus' };

/** Signals whose query failed are the answer's problems; all of them unreachable is Prometheus down, not a bad query. */
function signalProblems(sample: SignalsSample): string[] {
  const failed = SIGNAL_NAMES.flatMap((name) => {
    const outcome = sample.signals[name];
    return outcome.kind === 'error' ? [{ name, message: outcome.error.message, type: outcome.error.type }] : [];
  });
  if (failed.length === SIGNAL_NAMES.length && failed.every((f) => f.type === 'unreachable' || f.type === 'http')) {
    throw new Error(failed[0]!.message);
  }
  return failed.map((f) => `${f.name}: ${f.message}`);
}

/** The request behind a timed-out sample keeps running; the loop's no-overlap rule keeps them from piling up. */
function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string,
  setTimer: (callback: () => void, delayMs: number) => unknown,
  clearTimer: (handle: unknown) => void,
): Promise<T> {
  let handle: unknown;
  const timeout = new Promise<never>((_, reject) => {
    handle = setTimer(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimer(handle));
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && !error.message.includes(cause.message) ? `${error.message}: ${cause.message}` : error.message;
}
