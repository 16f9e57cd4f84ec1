import { describe, expect, it } from 'vitest';
import { classifyWindow, type ClassifyOverrides } from '../../../lib/diagnosis/classify';
import type { PipelineSnapshot } from '../../../lib/pipelines/pipeline-snapshot';
import { AFTER_REBALANCE, ALL, check, FAULTS, REBALANCE, type Expected } from './classify-cases';
import { healthy, simulate } from '../../../lab/bench/simulate-pipeline';

/** One row of the failure table per case: 60 s healthy, then the fault, classified over the whole window. */

describe('classifyWindow: one row of the failure table each', () => {
  const cases: { desc: string; input: { window: PipelineSnapshot[]; options?: ClassifyOverrides }; expected: Expected }[] = [
    { desc: 'a healthy pipeline has no finding', input: { window: simulate([healthy(90)]) }, expected: { types: [] } },
    { desc: 'a healthy pipeline committing every 5 s has no finding', input: { window: simulate([healthy(90)], { commitEverySec: 5 }) }, expected: { types: [] } },
    { desc: 'a healthy pipeline without Prometheus has no finding', input: { window: simulate([healthy(90, { prometheus: 'disabled' })]) }, expected: { types: [] } },
    {
      desc: 'transient sink error: errors and retries rise, records still processed',
      input: { window: simulate([healthy(60), FAULTS.transient]) },
      expected: {
        types: ['transient-sink-error'],
        confidence: { 'transient-sink-error': 'high' },
        evidence: [/^sink errors 5\.0\/s \(2\.4 % of attempts\) vs 0\/s baseline$/, /^retries 5\.0\/s$/, /^records still processed at 200\/s/],
        facts: { transientErrorsPerSec: 5, retriesPerSec: 5, baselineErrorsPerSec: 0 },
      },
    },
    {
      desc: 'permanent data error: the DLQ grows while the main flow moves',
      input: { window: simulate([healthy(60), FAULTS.dlq]) },
      expected: {
        types: ['permanent-data-error'],
        confidence: { 'permanent-data-error': 'high' },
        evidence: [/^DLQ payments\.dlq grows 2\.0\/s \(60 msg retained\)$/, /^sink rejects records as bad: 1\.0\/s permanent errors$/, /^main flow keeps moving at 200\/s$/],
        facts: { dlqGrowthPerSec: 2, dlqDepthMessages: 60, dlqTopics: ['payments.dlq'], stuckPartitions: [] },
      },
    },
    {
      desc: 'slow sink: latency up, lag growing, few errors',
      input: { window: simulate([healthy(60), FAULTS.slow]) },
      expected: {
        types: ['slow-sink'],
        confidence: { 'slow-sink': 'high' },
        evidence: [/^sink p99 2\.3 s vs 120 ms baseline$/, /^lag 2,400 msg, \+\d+ msg\/s over the window$/, /^consuming 120\/s vs 200\/s baseline$/, /^errors 0 % of attempts$/],
        facts: { latencyP99Seconds: 2.3, baselineLatencyP99Seconds: 0.12, consumeRatePerSec: 120, baselineConsumeRatePerSec: 200 },
      },
    },
    {
      desc: 'Kafka rebalance: group events explain a brief stall and lag spike',
      input: { window: simulate([healthy(60), ...REBALANCE, { seconds: 10, members: AFTER_REBALANCE }]) },
      expected: {
        types: ['kafka-rebalance'],
        confidence: { 'kafka-rebalance': 'high' },
        evidence: [/^1 rebalance in the window: client-a left; client-c joined; 4 partitions moved, last 11 s ago$/, /^lag peaked at 1,000 msg vs 0 msg before; 0 msg now$/],
        facts: { rebalances: 1, left: ['client-a'], joined: ['client-c'], inProgress: false, peakLagMessages: 1000, baselineLagMessages: 0 },
      },
    },
    {
      desc: 'sink unavailable: no successful write for 15 s, errors, commits stopped',
      input: { window: simulate([healthy(60), FAULTS.sinkDown(15)]) },
      expected: {
        types: ['sink-unavailable'],
        confidence: { 'sink-unavailable': 'high' },
        evidence: [/^no successful write for 15 s: no partition committed$/, /^sink errors 10\/s \(100 % of attempts\)$/, /^records processed 0\/s$/],
        facts: { secondsWithoutSuccess: 15, transientErrorsPerSec: 10, consumersPaused: 0 },
      },
    },
    {
      desc: 'consumer stopped: the group has no members while lag grows',
      input: { window: simulate([healthy(60), FAULTS.stopped]) },
      expected: {
        types: ['consumer-stopped'],
        confidence: { 'consumer-stopped': 'high' },
        evidence: [/^group fraud is Empty with no members$/, /^no commit for 30 s$/, /^lag 6,000 msg, \+\d+ msg\/s over the window$/],
        facts: { members: 0, groupState: 'Empty', stoppedForSeconds: 30 },
      },
    },
    {
      desc: 'upstream stall: production falls to zero after it flowed',
      input: { window: simulate([healthy(60), FAULTS.silence]) },
      expected: {
        types: ['upstream-stall'],
        confidence: { 'upstream-stall': 'high' },
        evidence: [/^no record appended to payments for 30 s, after 200\/s$/, /^consumers are caught up: lag 0 msg$/],
        facts: { silentForSeconds: 30, baselineProduceRatePerSec: 200 },
      },
    },
    {
      desc: 'hot partition: the lag concentrates on one of four partitions that still commits',
      input: { window: simulate([healthy(60), FAULTS.hot]) },
      expected: {
        types: ['hot-partition'],
        evidence: [/^payments-3 holds 100 % of the lag \(2,000 msg of 2,000 msg\) on 1 of 4 partitions$/, /^it receives 57 % of production \(an even share is 25 %\)$/],
        facts: { hotPartitions: 1, totalPartitions: 4, lagShare: 1 },
      },
    },
    {
      desc: 'lag near retention: the oldest unconsumed record nears retention and does not drain in time',
      input: { window: simulate([healthy(30), { seconds: 60, capacityPerSec: ALL(20) }], { retentionMs: 60_000 }) },
      expected: {
        types: ['lag-near-retention'],
        confidence: { 'lag-near-retention': 'high' },
        evidence: [/^payments-0: oldest unconsumed record 36 s old of 1 m 00 s retention \(24 s headroom\); not draining$/],
      },
    },
    {
      desc: 'no finding before the window holds four Kafka samples',
      input: { window: simulate([healthy(60), FAULTS.stopped]).slice(-3) },
      expected: { types: [] },
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => check(classifyWindow(input.window, input.options), expected));

  it('names the partitions and members a finding is about', () => {
    const [hot] = classifyWindow(simulate([healthy(60), FAULTS.hot]));
    expect(hot?.partitions).toEqual([{ topic: 'payments', partition: 3, lagMessages: 2000, committedOffset: 19_000n, owner: { memberId: 'b-uuid', clientId: 'client-b', host: '10.0.0.2' } }]);
    expect(hot?.members).toEqual([{ memberId: 'b-uuid', clientId: 'client-b', host: '10.0.0.2' }]);
  });

  it('reports records already lost to retention, whether or not retention was read', () => {
    const window = simulate([healthy(30), { seconds: 10, capacityPerSec: ALL(0) }], { retentionMs: null });
    const last = window.at(-1)!;
    if (last.kafka.kind !== 'sampled') throw new Error('expected a sampled snapshot');
    const [p0, ...rest] = last.kafka.partitions;
    const lost = { ...p0!, lag: { kind: 'lost-to-retention' as const, lagMessages: 400n, lostMessages: 120n } };
    const findings = classifyWindow([...window.slice(0, -1), { ...last, kafka: { ...last.kafka, partitions: [lost, ...rest] } }]);
    const retention = findings.find((f) => f.type === 'lag-near-retention');
    expect(retention?.evidence.map((e) => e.text)).toEqual(['payments-0: 120 msg already deleted by retention before being consumed']);
    expect(retention?.severity).toBe('critical');
  });

  it.each([
    { desc: 'producer silent while Kafka is read: an upstream stall', phases: [healthy(60), { seconds: 40, producePerSec: ALL(0) }], expected: ['upstream-stall'] },
    { desc: 'Kafka unreadable for as long: no stall and no stopped consumer, nothing is known', phases: [healthy(60), { seconds: 40, kafkaGap: true }], expected: [] },
  ])('measures silence only while Kafka is read: $desc', ({ phases, expected }) => {
    expect(classifyWindow(simulate(phases)).map((f) => f.type)).toEqual(expected);
  });

  it('orders findings critical first, then by the table', () => {
    const findings = classifyWindow(simulate([healthy(60), { ...FAULTS.stopped, producePerSec: ALL(50) }], { retentionMs: 40_000 }));
    expect(findings.map((f) => [f.type, f.severity])).toEqual([
      ['consumer-stopped', 'critical'],
      ['lag-near-retention', 'critical'],
    ]);
  });
});
