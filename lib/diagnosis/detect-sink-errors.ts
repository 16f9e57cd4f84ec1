import { formatRate, formatSeconds } from '../units/format-units';
import { memberCount, partitionRef, recentSignal, signalPoints, type DiagnosisWindow } from './diagnosis-window';
import { formatGrowth, formatMessages, formatPercent } from './evidence-text';
import type { Evidence, FindingOf, MemberRef } from './finding';

export type SinkErrorFinding = FindingOf<'transient-sink-error'> | FindingOf<'sink-unavailable'>;

/**
 * Transient errors and an outage are one fault at two stages: errors while writes still succeed
 * are transient; once no write has succeeded for `unavailableAfterMs` (or the consumer paused
 * itself) it is an outage. Success is read from Kafka: a commit moving forward is a write done.
 * Only Prometheus sees errors, so without it this finds nothing (a Kafka-only outage reads as a
 * stopped consumer).
 */
export function detectSinkErrors(w: DiagnosisWindow): SinkErrorFinding | null {
  if (w.signals.kind !== 'available') return null;
  const { options } = w;
  const retries = recentSignal(w, 'retriesPerSec');
  const errors = recentSignal(w, 'sinkTransientErrorsPerSec') ?? retries;
  const requests = recentSignal(w, 'sinkRequestsPerSec');
  const processed = recentSignal(w, 'recordsProcessedPerSec');
  const paused = latestSignal(w, 'consumersPaused');
  const errorRatio = errors !== null && requests !== null && requests > 0 ? Math.min(1, errors / requests) : null;
  const errorsPresent = errors !== null && errors >= options.minErrorsPerSec && (errorRatio === null || errorRatio >= options.minErrorRatio);

  const lastSuccessAtMs = w.commits.lastAnyAdvanceAtMs ?? signalPoints(w, 'recordsProcessedPerSec').findLast((p) => p.value > 0)?.atMs ?? null;
  const secondsWithoutSuccess = (w.endMs - (lastSuccessAtMs ?? w.startMs)) / 1000;
  const lag = w.latestKafka.totals.lagMessages;
  const isPaused = paused !== null && paused > 0;
  const outage = lag > 0 && (isPaused || ((errors ?? 0) > 0 && secondsWithoutSuccess * 1000 >= options.unavailableAfterMs));

  const errorText = `sink errors ${formatRate(errors)}${errorRatio === null ? '' : ` (${formatPercent(errorRatio)} of attempts)`}`;
  const members = membersOf(w);
  if (outage) {
    const evidence: Evidence[] = [
      {
        signal: 'secondsWithoutSuccess',
        value: secondsWithoutSuccess,
        comparison: { kind: 'at-least', minimum: options.unavailableAfterMs / 1000 },
        text: `no successful write for ${lastSuccessAtMs === null ? 'at least ' : ''}${formatSeconds(secondsWithoutSuccess)}: no partition committed`,
      },
    ];
    if (errors !== null) evidence.push({ signal: 'sinkTransientErrorsPerSec', value: errors, comparison: { kind: 'observed' }, text: errorText });
    if (isPaused) evidence.push({ signal: 'consumersPaused', value: paused, comparison: { kind: 'observed' }, text: `${paused} member${paused === 1 ? '' : 's'} paused for the outage` });
    if (processed !== null) evidence.push({ signal: 'recordsProcessedPerSec', value: processed, comparison: { kind: 'observed' }, text: `records processed ${formatRate(processed)}` });
    evidence.push(lagEvidence(w));
    return {
      type: 'sink-unavailable',
      confidence: 'high',
      severity: 'critical',
      evidence,
      partitions: w.latestKafka.partitions.filter((p) => p.lag.kind !== 'no-commit' && p.lag.lagMessages > 0n).map(partitionRef),
      members,
      kafkaOnly: false,
      facts: { secondsWithoutSuccess, lastSuccessAtMs, transientErrorsPerSec: errors, consumersPaused: paused, baselineConsumeRatePerSec: w.baseline.consumeRatePerSec },
    };
  }
  if (!errorsPresent || errors === null) return null;

  const baselineErrors = w.baseline.sinkTransientErrorsPerSec;
  const evidence: Evidence[] = [
    { signal: 'sinkTransientErrorsPerSec', value: errors, comparison: { kind: 'vs-baseline', baseline: baselineErrors }, text: `${errorText} vs ${formatRate(baselineErrors)} baseline` },
  ];
  if (retries !== null) evidence.push({ signal: 'retriesPerSec', value: retries, comparison: { kind: 'observed' }, text: `retries ${formatRate(retries)}` });
  evidence.push({
    signal: processed === null ? 'commitProgress' : 'recordsProcessedPerSec',
    value: processed ?? secondsWithoutSuccess,
    comparison: { kind: 'observed' },
    text: `records still processed${processed === null ? '' : ` at ${formatRate(processed)}`}; last commit ${formatSeconds(secondsWithoutSuccess)} ago`,
  });
  return {
    type: 'transient-sink-error',
    confidence: errorRatio !== null && retries !== null && retries > 0 ? 'high' : 'medium',
    severity: 'warning',
    evidence,
    partitions: [],
    members,
    kafkaOnly: false,
    facts: { transientErrorsPerSec: errors, baselineErrorsPerSec: baselineErrors, errorRatio, retriesPerSec: retries, processedPerSec: processed, secondsWithoutSuccess },
  };
}

export function lagEvidence(w: DiagnosisWindow): Evidence {
  const lag = w.latestKafka.totals.lagMessages;
  const trend = w.lagTrend;
  const direction = trend.kind === 'insufficient' ? 'flat' : trend.kind;
  const slope = trend.kind === 'insufficient' ? 0 : trend.slopePerSec;
  return {
    signal: 'lagMessages',
    value: lag,
    comparison: { kind: 'trend', direction },
    text: `lag ${formatMessages(lag)}, ${direction === 'flat' ? 'flat' : `${formatGrowth(slope)} over the window`}`,
  };
}

function latestSignal(w: DiagnosisWindow, name: 'consumersPaused'): number | null {
  const last = signalPoints(w, name).at(-1);
  return last && last.atMs >= w.recentStartMs ? last.value : null;
}

function membersOf(w: DiagnosisWindow): MemberRef[] {
  const membership = w.latestKafka.group.membership;
  if (membership.kind !== 'visible' || memberCount(w.latestKafka) === 0) return [];
  return membership.members.map(({ memberId, clientId, host }) => ({ memberId, clientId, host }));
}
