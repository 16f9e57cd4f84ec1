import { formatLatency, formatRate } from '../units/format-units';
import { recentKafka, recentSignal, type DiagnosisWindow } from './diagnosis-window';
import { lagEvidence } from './detect-sink-errors';
import { formatPercent } from './evidence-text';
import type { Evidence, FindingOf } from './finding';
import { evaluateTrend, median, type Trend } from './window-stats';

/**
 * When the sink is measured slower, lag growth over this recent stretch is enough: the window's
 * own trend compares its last third with the peak of its first, which takes ~30 s to turn, or
 * never turns while an earlier fault's backlog sits in the first third.
 */
const RECENT_GROWTH_MS = 20_000;

/**
 * Backpressure: lag grows while the sink answers slower than its baseline, with few errors, and
 * commits still move (when they stop it is an outage or a stopped consumer). Without a latency
 * reading, consumption falling well below its own baseline while lag grows is the Kafka-only
 * sign, with low confidence, and a recent rebalance explains it instead. Latency cannot be a
 * rebalance's doing, so a measured slowdown is reported even next to one (slow processing is a
 * common cause of rebalances: members exceed max.poll.interval.ms).
 */
export function detectSlowSink(w: DiagnosisWindow, explainedByRebalance: boolean): FindingOf<'slow-sink'> | null {
  const { options } = w;
  const last = w.commits.lastAnyAdvanceAtMs;
  if (last === null || w.endMs - last >= options.minStoppedMs) return null;
  const latencyUp = isLatencyUp(w);
  const trend: Trend = w.lagTrend.kind === 'growing' || !latencyUp ? w.lagTrend : recentLagTrend(w);
  if (trend.kind !== 'growing') return null;

  const lagGrowthPerSec = trend.slopePerSec;
  const consume = median(recentKafka(w).flatMap((k) => (k.totals.consumeRatePerSec === null ? [] : [k.totals.consumeRatePerSec])));
  const baselineConsume = w.baseline.consumeRatePerSec;
  const errors = recentSignal(w, 'sinkTransientErrorsPerSec');
  const requests = recentSignal(w, 'sinkRequestsPerSec');
  const errorRatio = errors !== null && requests !== null && requests > 0 ? Math.min(1, errors / requests) : null;
  const latency = w.signals.kind === 'available' ? (recentSignal(w, 'sinkLatencyP99Seconds') ?? recentSignal(w, 'sinkLatencyP95Seconds')) : null;
  const baselineLatency = w.baseline.sinkLatencyP99Seconds;
  const facts = { latencyP99Seconds: latency, baselineLatencyP99Seconds: baselineLatency, lagGrowthPerSec, consumeRatePerSec: consume, baselineConsumeRatePerSec: baselineConsume, errorRatio };
  const consumeEvidence: Evidence = {
    signal: 'consumeRatePerSec',
    value: consume,
    comparison: { kind: 'vs-baseline', baseline: baselineConsume },
    text: `consuming ${formatRate(consume)} vs ${formatRate(baselineConsume)} baseline`,
  };

  if (latency !== null && baselineLatency !== null) {
    const fewErrors = errorRatio === null || errorRatio <= options.maxSlowSinkErrorRatio;
    if (!latencyUp || !fewErrors) return null;
    const evidence: Evidence[] = [
      { signal: 'sinkLatencyP99Seconds', value: latency, comparison: { kind: 'vs-baseline', baseline: baselineLatency }, text: `sink p99 ${formatLatency(latency)} vs ${formatLatency(baselineLatency)} baseline` },
      lagEvidence(w),
      consumeEvidence,
    ];
    if (errorRatio !== null) {
      evidence.push({ signal: 'sinkTransientErrorsPerSec', value: errorRatio, comparison: { kind: 'at-most', maximum: options.maxSlowSinkErrorRatio }, text: `errors ${formatPercent(errorRatio)} of attempts` });
    }
    return finding(errorRatio === null ? 'medium' : 'high', false, evidence, facts);
  }

  if (explainedByRebalance || consume === null || baselineConsume === null || baselineConsume <= 0) return null;
  if (consume > baselineConsume * options.maxConsumeShareForSlowSink) return null;
  const why = w.signals.kind === 'available' ? 'sink latency has no data' : w.signals.reason;
  return finding('low', true, [lagEvidence(w), { ...consumeEvidence, text: `${consumeEvidence.text}; ${why}, so a slow sink is inferred from consumption alone` }], facts);
}

function isLatencyUp(w: DiagnosisWindow): boolean {
  if (w.signals.kind !== 'available') return false;
  const latency = recentSignal(w, 'sinkLatencyP99Seconds') ?? recentSignal(w, 'sinkLatencyP95Seconds');
  const baseline = w.baseline.sinkLatencyP99Seconds;
  if (latency === null || baseline === null) return false;
  return latency >= baseline * w.options.minLatencyRatio && latency - baseline >= w.options.minLatencyIncreaseSeconds;
}

function recentLagTrend(w: DiagnosisWindow): Trend {
  const points = w.kafka.filter((k) => k.atMs >= w.endMs - RECENT_GROWTH_MS).map((k) => ({ atMs: k.atMs, value: k.view.totals.lagMessages }));
  return evaluateTrend(points, w.options.minLagGrowthMessages);
}

function finding(confidence: FindingOf<'slow-sink'>['confidence'], kafkaOnly: boolean, evidence: Evidence[], facts: FindingOf<'slow-sink'>['facts']): FindingOf<'slow-sink'> {
  return { type: 'slow-sink', confidence, severity: 'warning', evidence, partitions: [], members: [], kafkaOnly, facts };
}
