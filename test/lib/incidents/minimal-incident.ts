import type { FailureType } from '../../../lib/diagnosis/failure-table';
import type { Finding } from '../../../lib/diagnosis/finding';
import type { Incident, TimelineEntry } from '../../../lib/incidents/incident';

/** Hand-made incidents for the pure tests: the smallest values the store's logic reads. */
export const T = 1_800_000_000_000;

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    type: 'slow-sink',
    confidence: 'high',
    severity: 'warning',
    evidence: [{ signal: 'sinkLatencyP99Seconds', value: 2.3, comparison: { kind: 'vs-baseline', baseline: 0.12 }, text: 'sink p99 2.3 s vs 120 ms baseline' }],
    partitions: [{ topic: 'payments', partition: 0, lagMessages: 1_200, committedOffset: 9_007_199_254_740_993n, owner: null }],
    members: [],
    kafkaOnly: false,
    facts: { latencyP99Seconds: 2.3, baselineLatencyP99Seconds: 0.12, lagGrowthPerSec: 40, consumeRatePerSec: 120, baselineConsumeRatePerSec: 200, errorRatio: 0 },
    ...over,
  } as Finding;
}

export function incident(over: Partial<Incident> = {}, type: FailureType = 'slow-sink'): Incident {
  const opened: TimelineEntry = { kind: 'opened', atMs: T + 2_000, type, firstSeenAtMs: T, summary: 'Slow sink (backpressure): sink p99 2.3 s vs 120 ms baseline' };
  return {
    id: `fraud/${type}/${T}`,
    pipelineId: 'fraud',
    family: type,
    type,
    severity: 'warning',
    status: 'open',
    firstSeenAtMs: T,
    openedAtMs: T + 2_000,
    lastSeenAtMs: T + 2_000,
    resolvedAtMs: null,
    baselineLagMessages: 100,
    peakLagMessages: 1_200,
    finding: finding(),
    acknowledged: null,
    healthyCycles: 0,
    timeline: [opened],
    ...over,
  };
}
