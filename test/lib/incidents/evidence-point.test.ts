import { describe, expect, it } from 'vitest';
import type { PipelineSnapshot, SignalsView } from '../../../lib/pipelines/pipeline-snapshot';
import { buildEvidencePoint, parseEvidencePoint, type EvidencePoint } from '../../../lib/incidents/evidence-point';
import { FAULTS } from '../diagnosis/classify-cases';
import { healthy, simulate, T0 } from '../../../lab/bench/simulate-pipeline';

/** A real snapshot, 20 s into a sink outage after a healthy minute: lag, errors and a stalled consumer. */
const outage = simulate([healthy(60), FAULTS.sinkDown(20)]).at(-1)!;

const withSignal = (snapshot: PipelineSnapshot, name: keyof SignalsView['readings'], value: number): PipelineSnapshot =>
  snapshot.signals.kind === 'sampled' ? { ...snapshot, signals: { ...snapshot.signals, readings: { ...snapshot.signals.readings, [name]: { kind: 'value', value } } } } : snapshot;

const GAPS = { lagMessages: null, lagSeconds: null, produceRatePerSec: null, consumeRatePerSec: null, dlqDepthMessages: null };
const NO_SIGNALS = { retriesPerSec: null, sinkLatencyP99Seconds: null, sinkTransientErrorsPerSec: null, sinkPermanentErrorsPerSec: null };

describe('buildEvidencePoint', () => {
  const cases: { desc: string; input: PipelineSnapshot; expected: Partial<EvidencePoint> }[] = [
    {
      desc: 'a sampled cycle reads Kafka totals and Prometheus readings',
      input: outage,
      expected: { atMs: T0 + 80_000, lagMessages: 4_000, produceRatePerSec: 200, consumeRatePerSec: 0, dlqDepthMessages: 0, retriesPerSec: 10, sinkLatencyP99Seconds: 0.12, sinkTransientErrorsPerSec: 10, sinkPermanentErrorsPerSec: 0 },
    },
    { desc: 'a Kafka gap gives nulls, not zeros', input: { ...outage, kafka: { kind: 'gap', reason: 'ECONNREFUSED', lastSampledAtMs: null } }, expected: GAPS },
    { desc: 'Prometheus disabled gives null signals', input: { ...outage, signals: { kind: 'disabled' } }, expected: NO_SIGNALS },
    { desc: 'a Prometheus gap gives null signals', input: { ...outage, signals: { kind: 'gap', reason: 'timeout', lastSampledAtMs: T0 } }, expected: NO_SIGNALS },
    { desc: 'a pipeline without DLQ topics has no DLQ depth', input: { ...outage, dlqTopics: [] }, expected: { dlqDepthMessages: null } },
    { desc: 'a p99 in the +Inf bucket is stored as null (JSON has no Infinity)', input: withSignal(outage, 'sinkLatencyP99Seconds', Infinity), expected: { sinkLatencyP99Seconds: null } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(buildEvidencePoint(input)).toMatchObject(expected));

  it('reads lag in seconds from the worst partition estimate', () => {
    const point = buildEvidencePoint(outage);
    expect(point.lagSeconds).toBeGreaterThan(15);
    expect(point.lagSeconds).toBeLessThan(25);
  });
});

describe('parseEvidencePoint', () => {
  const point = buildEvidencePoint(outage);
  const cases: { desc: string; input: unknown; expected: EvidencePoint | null }[] = [
    { desc: 'its own JSON', input: JSON.parse(JSON.stringify(point)), expected: point },
    { desc: 'a missing metric reads as null', input: { atMs: T0, lagMessages: 5 }, expected: { atMs: T0, lagMessages: 5, lagSeconds: null, ...NO_SIGNALS, produceRatePerSec: null, consumeRatePerSec: null, dlqDepthMessages: null } },
    { desc: 'a text metric reads as null', input: { ...point, lagMessages: '5' }, expected: { ...point, lagMessages: null } },
    { desc: 'no time is not a point', input: { lagMessages: 5 }, expected: null },
    { desc: 'null is not a point', input: null, expected: null },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(parseEvidencePoint(input)).toEqual(expected));
});
