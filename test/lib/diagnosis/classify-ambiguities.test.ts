import { describe, expect, it } from 'vitest';
import { classifyWindow, type ClassifyOverrides } from '../../../lib/diagnosis/classify';
import type { PipelineSnapshot } from '../../../lib/pipelines/pipeline-snapshot';
import { AFTER_REBALANCE, ALL, check, FAULTS, REBALANCE, type Expected } from './classify-cases';
import { healthy, simulate, type Phase } from '../../../lab/bench/simulate-pipeline';

/** Where two rows of the failure table could explain the same symptoms: each choice, pinned. */

const off = (phases: Phase[]): Phase[] => phases.map((p) => ({ ...p, prometheus: 'disabled' }));

type Case = { desc: string; input: { window: PipelineSnapshot[]; options?: ClassifyOverrides }; expected: Expected };
const run = (cases: Case[]) => it.each(cases)('$desc', ({ input, expected }) => check(classifyWindow(input.window, input.options), expected));

describe('slow sink vs rebalance', () => {
  run([
    {
      desc: 'a lag spike with group events and normal sink latency is a rebalance, not a slow sink',
      input: { window: simulate([healthy(60), ...REBALANCE, { seconds: 10, members: AFTER_REBALANCE, capacityPerSec: ALL(30) }]) },
      expected: { types: ['kafka-rebalance'], facts: { rebalances: 1, peakLagMessages: 1800 } },
    },
    {
      desc: 'Kafka only: slowed consumption within the grace window is the rebalance’s',
      input: { window: simulate(off([healthy(60), ...REBALANCE, { seconds: 10, members: AFTER_REBALANCE, capacityPerSec: ALL(30) }])) },
      expected: { types: ['kafka-rebalance'] },
    },
    {
      desc: 'Kafka only: still slow 45 s after the rebalance, past the grace window, is a slow sink (low confidence); the rebalance is history',
      input: { window: simulate(off([healthy(60), ...REBALANCE, { seconds: 45, members: AFTER_REBALANCE, capacityPerSec: ALL(30) }])) },
      expected: { types: ['slow-sink'], confidence: { 'slow-sink': 'low' } },
    },
    {
      desc: 'a shorter grace window lets the slow sink show sooner',
      input: { window: simulate(off([healthy(60), ...REBALANCE, { seconds: 20, members: AFTER_REBALANCE, capacityPerSec: ALL(30) }])), options: { rebalanceGraceMs: 10_000 } },
      expected: { types: ['slow-sink'] },
    },
    {
      desc: "a slow sink while an earlier backlog still sits in the window's first third is found from recent growth",
      input: {
        window: simulate([
          healthy(20),
          { seconds: 25, capacityPerSec: ALL(30) },
          healthy(45),
          { seconds: 15, capacityPerSec: ALL(30), signals: { sinkLatencyP99Seconds: 2.5 } },
        ]),
      },
      expected: { types: ['slow-sink'] },
    },
    {
      desc: 'sink latency up next to a rebalance is both: the rebalance does not slow the sink',
      input: { window: simulate([healthy(60), ...REBALANCE, { seconds: 10, members: AFTER_REBALANCE, capacityPerSec: ALL(30), signals: { sinkLatencyP99Seconds: 2.3 } }]) },
      expected: { types: ['slow-sink', 'kafka-rebalance'], confidence: { 'slow-sink': 'high', 'kafka-rebalance': 'high' }, evidence: [/^sink p99 2\.3 s vs 120 ms baseline$/] },
    },
    {
      desc: 'a member that died stalls its partitions until the session times out: not a stuck record yet',
      input: { window: simulate([healthy(60), { seconds: 25, capacityPerSec: [0, 0, 1000, 1000] }]) },
      expected: { types: [] },
    },
    {
      desc: 'latency up without lag growth is no slow sink: the consumer keeps up',
      input: { window: simulate([healthy(60), { seconds: 30, signals: { sinkLatencyP99Seconds: 2.3 } }]) },
      expected: { types: [] },
    },
  ]);
});

describe('transient errors vs sink unavailable', () => {
  run([
    {
      desc: '5 s into an outage, with no success for less than 10 s, errors are transient',
      input: { window: simulate([healthy(60), FAULTS.sinkDown(5)]) },
      expected: { types: ['transient-sink-error'], facts: { secondsWithoutSuccess: 5 } },
    },
    {
      desc: '15 s without a successful write escalates the same errors to sink-unavailable, never both',
      input: { window: simulate([healthy(60), FAULTS.sinkDown(15)]) },
      expected: { types: ['sink-unavailable'], facts: { secondsWithoutSuccess: 15 } },
    },
    {
      desc: 'members that paused themselves mean an outage at once',
      input: { window: simulate([healthy(60), { ...FAULTS.sinkDown(3), signals: { sinkTransientErrorsPerSec: 10, retriesPerSec: 10, consumersPaused: 2 } }]) },
      expected: { types: ['sink-unavailable'], evidence: [/^2 members paused for the outage$/], facts: { consumersPaused: 2 } },
    },
    {
      desc: 'the escalation delay is an option',
      input: { window: simulate([healthy(60), FAULTS.sinkDown(15)]), options: { unavailableAfterMs: 30_000 } },
      expected: { types: ['transient-sink-error'] },
    },
    {
      desc: 'errors below 1 % of attempts are noise',
      input: { window: simulate([healthy(60), { seconds: 30, signals: { sinkTransientErrorsPerSec: 1 } }]) },
      expected: { types: [] },
    },
  ]);
});

describe('permanent data errors vs transient errors', () => {
  run([
    {
      desc: 'DLQ growth with the main flow moving and no retries is permanent only',
      input: { window: simulate([healthy(60), { seconds: 30, dlqPerSec: 2 }]) },
      expected: { types: ['permanent-data-error'], confidence: { 'permanent-data-error': 'high' } },
    },
    {
      desc: 'retries rising without DLQ growth is transient only',
      input: { window: simulate([healthy(60), FAULTS.transient]) },
      expected: { types: ['transient-sink-error'] },
    },
    {
      desc: 'both at once are both',
      input: { window: simulate([healthy(60), { ...FAULTS.transient, dlqPerSec: 2 }]) },
      expected: { types: ['transient-sink-error', 'permanent-data-error'] },
    },
    {
      desc: 'Kafka alone sees the DLQ grow: permanent, medium, and says the signals are missing',
      input: { window: simulate(off([healthy(60), { seconds: 30, dlqPerSec: 2 }])) },
      expected: {
        types: ['permanent-data-error'],
        confidence: { 'permanent-data-error': 'medium' },
        evidence: [/^Prometheus signals are disabled: classified from Kafka offsets, commits and group state only, with lower confidence$/],
      },
    },
  ]);
});

describe('consumer stopped vs a partition stuck on one record', () => {
  run([
    {
      desc: 'one partition stuck while the others commit is a permanent data error on that partition and offset, not a hot partition',
      input: { window: simulate([healthy(60), FAULTS.stuck]) },
      expected: {
        types: ['permanent-data-error'],
        confidence: { 'permanent-data-error': 'medium' },
        evidence: [
          /^payments-2 stuck at committed offset 13,000 for 40 s with 2,000 msg waiting while other partitions commit \(owner client-b on 10\.0\.0\.2\)$/,
          /^retries 1\.0\/s while only this partition is stuck: a record retried without end$/,
        ],
        facts: { stuckPartitions: [expect.objectContaining({ partition: 2, stuckAtOffset: 13_000n, stuckForSeconds: 40, lagMessages: 2000 })] },
      },
    },
    {
      desc: 'Kafka only: the stuck partition is still found, with low confidence, and no slow sink is inferred from it',
      input: { window: simulate(off([healthy(60), FAULTS.stuck])) },
      expected: { types: ['permanent-data-error'], confidence: { 'permanent-data-error': 'low' } },
    },
    {
      desc: 'no partition committing with members present, Kafka only, is a stopped consumer (low: an outage looks the same)',
      input: { window: simulate(off([healthy(60), { seconds: 40, capacityPerSec: ALL(0) }])) },
      expected: {
        types: ['consumer-stopped'],
        confidence: { 'consumer-stopped': 'low' },
        evidence: [/^2 members in the group but no partition committed for 40 s; without Prometheus signals a consumer paused for a sink outage looks the same$/],
      },
    },
    {
      desc: 'no partition committing, members present, no sink requests and no errors: members that do nothing',
      input: { window: simulate([healthy(60), { seconds: 40, capacityPerSec: ALL(0), signals: { sinkRequestsPerSec: 0 } }]) },
      expected: { types: ['consumer-stopped'], confidence: { 'consumer-stopped': 'medium' }, evidence: [/^no sink requests and no errors: the members do nothing$/] },
    },
    {
      desc: 'the last members leaving is a stopped consumer, not a rebalance',
      input: { window: simulate([healthy(60), FAULTS.stopped]) },
      expected: { types: ['consumer-stopped'] },
    },
    {
      desc: 'the consumer coming back (members joining an empty group, joins on the signal) is not a rebalance',
      input: { window: simulate([healthy(60), FAULTS.stopped, healthy(8, { signals: { rebalancesPerSec: 0.22 } })]) },
      expected: { types: [] },
    },
  ]);
});

describe('upstream stall', () => {
  const trickle = ALL(0.0625); // one record per partition every 16 s: 0.25/s in all
  run([
    { desc: 'a 5 s pause at 200/s is not a stall (6 s minimum)', input: { window: simulate([healthy(60), { seconds: 5, producePerSec: ALL(0) }]) }, expected: { types: [] } },
    { desc: 'a trickle topic silent for 15 s is not stalled: 5 mean gaps are 20 s', input: { window: simulate([healthy(64, { producePerSec: trickle }), { seconds: 15, producePerSec: ALL(0) }]) }, expected: { types: [] } },
    {
      desc: 'a trickle topic silent for 45 s is stalled',
      input: { window: simulate([healthy(64, { producePerSec: trickle }), { seconds: 45, producePerSec: ALL(0) }]) },
      expected: { types: ['upstream-stall'], facts: { silentForSeconds: 45, baselineProduceRatePerSec: 0.25 } },
    },
    { desc: 'a topic that never flowed in the window is not stalled', input: { window: simulate([healthy(60, { producePerSec: ALL(0) })]) }, expected: { types: [] } },
    {
      desc: 'a window that is all silence is a stall only against a pinned baseline (medium)',
      input: { window: simulate([healthy(60, { producePerSec: ALL(0) })]), options: { baseline: { produceRatePerSec: 200 } } },
      expected: { types: ['upstream-stall'], confidence: { 'upstream-stall': 'medium' }, evidence: [/^no record appended to payments for at least 1 m 00 s, after 200\/s$/] },
    },
  ]);
});

describe('hot partition', () => {
  run([
    { desc: 'lag spread evenly over the partitions is not hot', input: { window: simulate([healthy(60), { seconds: 30, capacityPerSec: ALL(45) }]) }, expected: { types: [] } },
    {
      desc: 'two of four partitions holding the lag is not "few" at the default 25 %',
      input: { window: simulate([healthy(60), { seconds: 40, producePerSec: [50, 50, 200, 200], capacityPerSec: [1000, 1000, 150, 150] }]) },
      expected: { types: [] },
    },
    {
      desc: 'two of four is hot with a wider partition share',
      input: { window: simulate([healthy(60), { seconds: 40, producePerSec: [50, 50, 200, 200], capacityPerSec: [1000, 1000, 150, 150] }]), options: { hotPartitionShare: 0.5 } },
      expected: { types: ['hot-partition'], facts: { hotPartitions: 2 } },
    },
    {
      desc: 'a small lag on one partition is below the noise floor',
      input: { window: simulate([healthy(60), { seconds: 10, producePerSec: [50, 50, 50, 58], capacityPerSec: [1000, 1000, 1000, 50] }]) },
      expected: { types: [] },
    },
  ]);
});

describe('Prometheus missing: Kafka-only evidence, lower confidence, said so', () => {
  run([
    {
      desc: 'disabled: a slow sink is inferred from consumption, low',
      input: { window: simulate(off([healthy(60), { seconds: 30, capacityPerSec: ALL(30) }])) },
      expected: {
        types: ['slow-sink'],
        confidence: { 'slow-sink': 'low' },
        evidence: [/^consuming 120\/s vs 200\/s baseline; Prometheus signals are disabled, so a slow sink is inferred from consumption alone$/, /^Prometheus signals are disabled: classified from Kafka/],
      },
    },
    {
      desc: 'a gap: the same, with the reason',
      input: { window: simulate([healthy(60), { seconds: 30, capacityPerSec: ALL(30), prometheus: 'gap' }]) },
      expected: { types: ['slow-sink'], confidence: { 'slow-sink': 'low' }, evidence: [/^Prometheus signals are a gap \(Prometheus at http:\/\/127\.0\.0\.1:19090 unreachable\): classified from Kafka/] },
    },
    {
      desc: 'latency without data: the same, with that reason',
      input: { window: simulate([healthy(60, { signals: { sinkLatencyP99Seconds: null, sinkLatencyP95Seconds: null } }), { seconds: 30, capacityPerSec: ALL(30), signals: { sinkLatencyP99Seconds: null, sinkLatencyP95Seconds: null } }]) },
      expected: { types: ['slow-sink'], confidence: { 'slow-sink': 'low' }, evidence: [/sink latency has no data, so a slow sink is inferred/] },
    },
    {
      desc: 'a producer burst against a consumer at capacity is not a slow sink: consumption did not fall',
      input: { window: simulate(off([healthy(60, { capacityPerSec: ALL(60) }), { seconds: 30, producePerSec: ALL(100), capacityPerSec: ALL(60) }])) },
      expected: { types: [] },
    },
    {
      desc: 'transient errors are invisible to Kafka while consumption keeps up',
      input: { window: simulate(off([healthy(60), FAULTS.transient])) },
      expected: { types: [] },
    },
    {
      desc: 'a group without members needs no Prometheus to be sure',
      input: { window: simulate(off([healthy(60), FAULTS.stopped])) },
      expected: { types: ['consumer-stopped'], confidence: { 'consumer-stopped': 'high' } },
    },
  ]);

  it('marks exactly the findings that lacked signals', () => {
    const findings = classifyWindow(simulate(off([healthy(60), FAULTS.stuck])));
    expect(findings.map((f) => [f.type, f.kafkaOnly])).toEqual([['permanent-data-error', true]]);
    expect(findings[0]!.evidence.filter((e) => e.signal === 'signalsAvailability')).toHaveLength(1);
  });
});
