import type { IncidentJson, PipelinePoint, PipelineSummary } from '../../../lib/live/live-wire';

/** Small hand-made view inputs; realistic pipelines come from the simulator (see diagnosed-pipeline.ts). */

export const T0 = Date.parse('2026-11-24T03:00:00Z');

export function summary(overrides: Partial<PipelineSummary> & { pipelineId: string }): PipelineSummary {
  return {
    name: overrides.pipelineId,
    groupId: overrides.pipelineId,
    topics: ['payments'],
    status: { kind: 'ok', reason: 'all 6 partitions ok' },
    rank: 0,
    lagMessages: 0,
    lagSeconds: { kind: 'caught-up', seconds: 0 },
    timeToDrain: { kind: 'drained' },
    produceRatePerSec: 50,
    consumeRatePerSec: 50,
    dlqDepthMessages: 0,
    dlqGrowthPerSec: 0,
    retriesPerSec: 0,
    sinkLatencyP99Seconds: 0.023,
    members: 2,
    groupState: 'Stable',
    kafkaGap: null,
    signalsGap: null,
    incident: null,
    finding: null,
    activity: { state: 'active', sinceMs: T0, positionAtMs: null, positionBound: null, belowLogStart: false, declared: false },
    ...overrides,
  };
}

export function point(atMs: number, overrides: Partial<PipelinePoint> = {}): PipelinePoint {
  return {
    atMs,
    lagMessages: 10,
    lagSeconds: 1,
    produceRatePerSec: 50,
    consumeRatePerSec: 50,
    dlqDepthMessages: 0,
    retriesPerSec: 0,
    sinkLatencyP50Seconds: 0.002,
    sinkLatencyP95Seconds: 0.005,
    sinkLatencyP99Seconds: 0.02,
    sinkTransientErrorsPerSec: 0,
    sinkPermanentErrorsPerSec: 0,
    dlqPublishesPerSec: 0,
    partitionLag: { 'payments/0': 5, 'payments/1': 5 },
    ...overrides,
  };
}

/** Points every `stepMs` from `fromMs`, `count` of them. */
export function points(fromMs: number, count: number, stepMs = 5_000, overrides: Partial<PipelinePoint> = {}): PipelinePoint[] {
  return Array.from({ length: count }, (_, i) => point(fromMs + i * stepMs, overrides));
}

export function incidentJson(overrides: Partial<IncidentJson> & { id: string }): IncidentJson {
  const base = {
    pipelineId: 'fraud-features',
    family: 'slow-sink',
    type: 'slow-sink',
    severity: 'warning',
    status: 'open',
    firstSeenAtMs: T0,
    openedAtMs: T0 + 10_000,
    lastSeenAtMs: T0 + 60_000,
    resolvedAtMs: null,
    baselineLagMessages: 0,
    peakLagMessages: 2_000,
    finding: { type: 'slow-sink', confidence: 'high', severity: 'warning', evidence: [{ signal: 'sinkLatencyP99Seconds', value: 2.5, comparison: { kind: 'observed' }, text: 'sink p99 2.5 s vs 22 ms baseline' }], partitions: [], members: [], kafkaOnly: false, facts: {} },
    acknowledged: null,
    healthyCycles: 0,
    timeline: [{ kind: 'opened', atMs: T0 + 10_000, type: 'slow-sink', firstSeenAtMs: T0, summary: 'Slow sink (backpressure): sink p99 2.5 s vs 22 ms baseline' }],
  };
  return { ...base, ...overrides } as IncidentJson;
}
