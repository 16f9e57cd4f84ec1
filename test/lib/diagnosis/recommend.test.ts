import { describe, expect, it } from 'vitest';
import { classifyWindow, type ClassifyOverrides } from '../../../lib/diagnosis/classify';
import type { FailureType } from '../../../lib/diagnosis/failure-table';
import { recommend } from '../../../lib/diagnosis/recommend';
import type { PipelineSnapshot } from '../../../lib/pipelines/pipeline-snapshot';
import { AFTER_REBALANCE, ALL, FAULTS, REBALANCE } from './classify-cases';
import { healthy, simulate } from '../../../lab/bench/simulate-pipeline';

function recommendFor(window: PipelineSnapshot[], type: FailureType, options: ClassifyOverrides = {}) {
  const finding = classifyWindow(window, options).find((f) => f.type === type);
  if (!finding) throw new Error(`no ${type} finding in ${JSON.stringify(classifyWindow(window).map((f) => f.type))}`);
  return recommend(finding, window.at(-1)!);
}

describe('recommend', () => {
  const cases: {
    desc: string;
    input: { window: PipelineSnapshot[]; type: FailureType };
    expected: { now: RegExp[]; check?: RegExp[]; expectedEffect: RegExp; settings: string[] };
  }[] = [
    {
      desc: 'transient errors: retry in place with backoff and jitter, with the live error and retry rates',
      input: { window: simulate([healthy(60), FAULTS.transient]), type: 'transient-sink-error' },
      expected: {
        now: [/^Keep retrying in place with exponential backoff and full jitter/, /^Sink errors 5\.0\/s \(2\.4 % of attempts\), retries 5\.0\/s; records still processed at 200\/s$/],
        expectedEffect: /thundering herd; the backlog is drained\. If no write succeeds for 10 s \(the default escalation delay\) this becomes a sink outage\.$/,
        settings: ['max.poll.interval.ms'],
      },
    },
    {
      desc: 'a DLQ: publish with metadata, alert, continue, and the growth per minute',
      input: { window: simulate([healthy(60), FAULTS.dlq]), type: 'permanent-data-error' },
      expected: {
        now: [/^Publish failing records to payments\.dlq with error metadata/, /^The DLQ grows 120 records\/min, 60 msg retained: triage it$/],
        check: [/x-error-reason/],
        expectedEffect: /^The main flow keeps moving \(consuming 200\/s, lag 0 msg\); the DLQ gathers 120 records\/min until/,
        settings: ['enable.idempotence'],
      },
    },
    {
      desc: 'a stuck partition: the partition, the offset to dead-letter and its owner',
      input: { window: simulate([healthy(60), FAULTS.stuck]), type: 'permanent-data-error' },
      expected: {
        now: [/^payments-2 is stuck at committed offset 13,000 for 40 s \(owner client-b on 10\.0\.0\.2\): dead-letter the record at 13,000 so the partition moves again$/],
        expectedEffect: /^Once past the bad record, the 2,000 msg waiting behind it drain/,
        settings: ['enable.idempotence'],
      },
    },
    {
      desc: 'a slow sink: reduce poll size with a number from the live latency, name the fetch settings',
      input: { window: simulate([healthy(60), FAULTS.slow]), type: 'slow-sink' },
      expected: {
        now: [
          /^Reduce poll size: lower max\.poll\.records to at most ~65 \(default 500\) so a poll at 2\.3 s per record finishes well inside max\.poll\.interval\.ms \(default 5 m 00 s\), and max\.partition\.fetch\.bytes \/ fetch\.max\.bytes with it/,
          /^Slow consumption rather than adding concurrency: sink p99 2\.3 s vs 120 ms baseline; lag \+\d+ msg\/s$/,
        ],
        expectedEffect: /The backlog of 2,400 msg grows \+80 msg\/s: it does not drain at current rates; once the sink is back near its baseline, the backlog of 2,400 msg needs spare capacity/,
        settings: ['max.poll.records', 'max.partition.fetch.bytes', 'fetch.max.bytes', 'max.poll.interval.ms'],
      },
    },
    {
      desc: 'a rebalance: who left and joined, and the duplicate window an idempotent sink absorbs',
      input: { window: simulate([healthy(60), { seconds: 2 }, ...REBALANCE, { seconds: 10, members: AFTER_REBALANCE }], { commitEverySec: 5 }), type: 'kafka-rebalance' },
      expected: {
        now: [/^Let it settle/, /^Expect up to ~400 msg redelivered \(consumed after the last commit before the rebalance\); an idempotent sink \(upserts keyed by event id\) absorbs them$/],
        check: [/^Members: client-a left, client-c joined \(client-c on 10\.0\.0\.3, client-a on 10\.0\.0\.1\)$/],
        expectedEffect: /^Lag spiked to [\d,]+ msg \(\d+ msg before\): /,
        settings: ['enable.auto.commit', 'session.timeout.ms', 'max.poll.interval.ms', 'partition.assignment.strategy', 'group.instance.id'],
      },
    },
    {
      desc: 'an outage: pause, alert, recover by hand; records wait in Kafka, with the retention headroom',
      input: { window: simulate([healthy(60), FAULTS.sinkDown(15)]), type: 'sink-unavailable' },
      expected: {
        now: [/^Pause the consumer: no write has succeeded for 15 s/, /^Alert the sink's owners; recover by hand/],
        check: [/^Retention deletes the oldest unconsumed record in 6 d 23 h$/],
        expectedEffect: /^Nothing is lost while paused: records wait in Kafka \(3,000 msg, growing \+200 msg\/s\)\. After the sink is back, the backlog of 3,000 msg needs spare capacity: before the fault the consumer kept up at 200\/s/,
        settings: ['max.poll.interval.ms'],
      },
    },
    {
      desc: 'a stopped consumer: restart it, which group',
      input: { window: simulate([healthy(60), FAULTS.stopped]), type: 'consumer-stopped' },
      expected: { now: [/^Restart the consumer: no member in group fraud, no commit for 30 s$/], expectedEffect: /^The backlog waits in Kafka \(6,000 msg, growing \+200 msg\/s\)/, settings: ['session.timeout.ms', 'max.poll.interval.ms'] },
    },
    {
      desc: 'an upstream stall: the producers, not the consumer',
      input: { window: simulate([healthy(60), FAULTS.silence]), type: 'upstream-stall' },
      expected: { now: [/^Check the producers of payments: nothing appended for 30 s, after 200\/s$/], expectedEffect: /^Nothing to do on the consumer side/, settings: ['acks', 'delivery.timeout.ms', 'enable.idempotence'] },
    },
    {
      desc: 'a hot partition fed by skewed keys: spread the key',
      input: { window: simulate([healthy(60), FAULTS.hot]), type: 'hot-partition' },
      expected: { now: [/^Keys are skewed: payments-3 receives 57 % of production; spread the key/], expectedEffect: /^The 100 % of the lag on payments-3 \(2,000 msg\) drains once load evens out\.$/, settings: ['partitioner.class'] },
    },
    {
      desc: 'a hot partition with an even share of production: its owner is slow',
      input: { window: simulate([healthy(60), { seconds: 40, capacityPerSec: [1000, 1000, 1000, 20] }]), type: 'hot-partition' },
      expected: { now: [/^Relieve the owner of payments-3 \(client-b on 10\.0\.0\.2\): it falls behind while its peers keep up/], expectedEffect: /drains once load evens out/, settings: ['partitioner.class'] },
    },
    {
      desc: 'lag near retention: raise retention.ms on the topic, with the headroom left',
      input: { window: simulate([healthy(30), { seconds: 60, capacityPerSec: ALL(20) }], { retentionMs: 60_000 }), type: 'lag-near-retention' },
      expected: {
        now: [/^Raise retention\.ms on payments now: the oldest unconsumed record of payments-0, payments-1, payments-2, payments-3 is 36 s old of 1 m 00 s \(24 s left\)$/, /^Catch up/],
        expectedEffect: /^Raising retention keeps the records until they are consumed; the backlog of 7,200 msg grows \+120 msg\/s: it does not drain at current rates\.$/,
        settings: ['retention.ms', 'retention.bytes'],
      },
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const r = recommendFor(input.window, input.type);
    for (const pattern of expected.now) expect(r.now.some((line) => pattern.test(line)), `${pattern} in ${JSON.stringify(r.now)}`).toBe(true);
    for (const pattern of expected.check ?? []) expect(r.check.some((line) => pattern.test(line)), `${pattern} in ${JSON.stringify(r.check)}`).toBe(true);
    expect(r.expectedEffect).toMatch(expected.expectedEffect);
    expect(r.settings).toEqual(expected.settings);
  });

  it('drains at the pre-fault rate when that rate outpaced production (here a pinned baseline)', () => {
    const window = simulate([healthy(60, { producePerSec: ALL(40) }), { seconds: 30, capacityPerSec: ALL(30), producePerSec: ALL(40), signals: { sinkLatencyP99Seconds: 1 } }]);
    const effect = recommendFor(window, 'slow-sink', { baseline: { consumeRatePerSec: 240 } }).expectedEffect;
    expect(effect).toMatch(/the backlog of 1,200 msg drains in ~15 s at the pre-fault rate of 240\/s\.$/);
  });
});
