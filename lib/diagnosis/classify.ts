import type { PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import { DEFAULT_CLASSIFY_OPTIONS, type ClassifyOptions, type WindowBaseline } from './classify-options';
import { detectConsumerStopped } from './detect-consumer-stopped';
import { detectDataErrors, findStuckPartitions } from './detect-data-errors';
import { detectHotPartition } from './detect-hot-partition';
import { detectLagNearRetention } from './detect-lag-near-retention';
import { detectRebalance, evaluateRebalanceActivity, rebalanceExplainsLag } from './detect-rebalance';
import { detectSinkErrors } from './detect-sink-errors';
import { detectSlowSink } from './detect-slow-sink';
import { detectUpstreamStall } from './detect-upstream-stall';
import { buildDiagnosisWindow } from './diagnosis-window';
import { PipelineWindow, UNBOUNDED_WINDOW } from './pipeline-window';
import { kafkaOnlyEvidence } from './evidence-text';
import { byWorstSeverity, FAILURE_TYPES } from './failure-table';
import { lowerConfidence, type Finding } from './finding';

export type ClassifyOverrides = Partial<ClassifyOptions>;

/**
 * Which rows of the failure table a window of one pipeline's snapshots (oldest first) shows.
 * Fewer than `minKafkaSamples` cycles with Kafka read give no findings: nothing is known yet.
 *
 * Where two rows could explain the same symptoms, the choice is made here, explicitly:
 * - A rebalance (in progress, or within `rebalanceGraceMs`) explains a lag spike and stalled
 *   commits: no Kafka-only slow sink, no stopped consumer with members, no stuck partitions then.
 *   A slow sink measured by its latency is still reported: a rebalance does not slow the sink.
 * - Sink errors with writes still succeeding are transient; with no success for
 *   `unavailableAfterMs`, or members paused, the same errors are sink-unavailable (never both).
 * - An outage stops commits too, so a stopped consumer is only reported when it is not one, and a
 *   slow sink only when neither is. Members that still meet sink errors are not stopped either:
 *   they try, and transient errors are reported until the outage is established.
 * - A Kafka-only slow sink (consumption fell, no latency reading) gives way to transient errors,
 *   whose retries slow consumption the same way, and to stuck or hot partitions, which hold the
 *   growing lag themselves.
 * - DLQ growth is a permanent data error, retries a transient one; both show when both happen.
 * - One partition stuck while others commit is a permanent data error (a record not got past),
 *   never a hot partition; no partition committing is a stopped consumer.
 */
export function classifyWindow(window: readonly PipelineSnapshot[], overrides: ClassifyOverrides = {}): Finding[] {
  const latest = window.at(-1);
  const folded = new PipelineWindow();
  for (const snapshot of window) if (snapshot.pipelineId === latest?.pipelineId) folded.ingest(snapshot, UNBOUNDED_WINDOW);
  return classifyPipelineWindow(folded, overrides).findings;
}

/** classifyWindow over a window kept incrementally, also returning the baseline it compared against (null when too few samples to classify). */
export function classifyPipelineWindow(window: PipelineWindow, overrides: ClassifyOverrides = {}): { findings: Finding[]; baseline: WindowBaseline | null } {
  const baseline = Object.fromEntries(Object.entries(overrides.baseline ?? {}).filter(([, value]) => value !== undefined));
  const options: ClassifyOptions = { ...DEFAULT_CLASSIFY_OPTIONS, ...overrides, baseline };
  const w = buildDiagnosisWindow(window, options);
  if (!w) return { findings: [], baseline: null };

  const activity = evaluateRebalanceActivity(w);
  const explainedByRebalance = rebalanceExplainsLag(w, activity);
  const sink = detectSinkErrors(w);
  const outage = sink?.type === 'sink-unavailable';
  const stuck = findStuckPartitions(w, explainedByRebalance);
  const candidate = outage ? null : detectConsumerStopped(w, explainedByRebalance);
  const stopped = candidate && sink && candidate.facts.members !== 0 && candidate.facts.groupExists ? null : candidate;
  const slow = outage || stopped ? null : detectSlowSink(w, explainedByRebalance);
  const hot = detectHotPartition(w, stuck);
  const slowStands = slow !== null && !(slow.kafkaOnly && (sink?.type === 'transient-sink-error' || stuck.length > 0 || hot !== null));

  const findings = [
    sink,
    detectDataErrors(w, stuck),
    slowStands ? slow : null,
    detectRebalance(w, activity),
    stopped,
    detectUpstreamStall(w),
    hot,
    detectLagNearRetention(w),
  ].filter((f): f is Finding => f !== null);

  const signals = w.signals;
  const marked =
    signals.kind === 'available'
      ? findings
      : findings.map((f) => (f.kafkaOnly ? { ...f, confidence: lowerConfidence(f.confidence, 'medium'), evidence: [...f.evidence, kafkaOnlyEvidence(signals.reason)] } : f));
  const findingsInOrder = marked.sort((a, b) => byWorstSeverity(a.severity, b.severity) || FAILURE_TYPES.indexOf(a.type) - FAILURE_TYPES.indexOf(b.type));
  return { findings: findingsInOrder, baseline: w.baseline };
}
