import { formatRate, formatSeconds } from '../units/format-units';
import type { DiagnosisWindow } from './diagnosis-window';
import { formatMessages } from './evidence-text';
import type { FindingOf } from './finding';

/** One or two records are not a flow that can stop. */
const MIN_RECORDS_BEFORE_SILENCE = 3;

/**
 * Production stopped after it used to flow. Lag 0 is no problem, but silence is: downstream
 * features go stale while every consumer looks healthy. "Long enough" scales with the earlier
 * rate: `silenceGaps` mean inter-arrival times (and at least `minSilenceMs`), so a topic that
 * gets a record a minute is not declared stalled after ten seconds.
 */
export function detectUpstreamStall(w: DiagnosisWindow): FindingOf<'upstream-stall'> | null {
  const { options } = w;
  let lastProducedAtMs: number | null = null;
  let producedBefore = 0;
  let previous: number | null = null;
  const first = w.kafka[0]!.view.endOffsetSum;
  for (const { atMs, view } of w.kafka) {
    const sum = view.endOffsetSum;
    if (previous !== null && sum > previous) {
      lastProducedAtMs = atMs;
      producedBefore = sum - first;
    }
    previous = sum;
  }

  const pinned = options.baseline.produceRatePerSec ?? null;
  let rate: number;
  if (lastProducedAtMs !== null && producedBefore >= MIN_RECORDS_BEFORE_SILENCE && lastProducedAtMs > w.startMs) {
    rate = (producedBefore * 1000) / (lastProducedAtMs - w.startMs);
  } else if (lastProducedAtMs === null && pinned !== null && pinned > 0) {
    rate = pinned;
  } else {
    return null;
  }
  // Silence is measured to the last time Kafka was read: an unreadable Kafka is not a stalled producer.
  const silentForSeconds = (w.kafka.at(-1)!.atMs - (lastProducedAtMs ?? w.startMs)) / 1000;
  const requiredMs = Math.max(options.minSilenceMs, (options.silenceGaps * 1000) / rate);
  if (silentForSeconds * 1000 < requiredMs) return null;

  const lag = w.latestKafka.totals.lagMessages;
  return {
    type: 'upstream-stall',
    confidence: lastProducedAtMs === null ? 'medium' : 'high',
    severity: 'warning',
    evidence: [
      {
        signal: 'produceRatePerSec',
        value: 0,
        comparison: { kind: 'vs-baseline', baseline: rate },
        text: `no record appended to ${w.latest.topics.join(', ')} for ${lastProducedAtMs === null ? 'at least ' : ''}${formatSeconds(silentForSeconds)}, after ${formatRate(rate)}`,
      },
      { signal: 'lagMessages', value: lag, comparison: { kind: 'observed' }, text: lag === 0 ? 'consumers are caught up: lag 0 msg' : `lag ${formatMessages(lag)}` },
    ],
    partitions: [],
    members: [],
    kafkaOnly: false,
    facts: { silentForSeconds, lastProducedAtMs, baselineProduceRatePerSec: rate },
  };
}
