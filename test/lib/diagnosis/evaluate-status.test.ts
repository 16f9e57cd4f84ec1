import { describe, expect, it } from 'vitest';
import { evaluateStatus, type HealthKind, type StatusThresholds } from '../../../lib/diagnosis/evaluate-status';
import type { PipelineSnapshot } from '../../../lib/pipelines/pipeline-snapshot';
import { healthy, member, simulate } from '../../../lab/bench/simulate-pipeline';

const slow = [40, 40, 40, 40];

describe('evaluateStatus', () => {
  const cases: {
    desc: string;
    input: { window: PipelineSnapshot[]; thresholds?: StatusThresholds };
    expected: { pipeline: HealthKind; reason: RegExp; partitions: HealthKind[] };
  }[] = [
    {
      desc: 'a caught-up pipeline is ok',
      input: { window: simulate([healthy(60)]) },
      expected: { pipeline: 'ok', reason: /^all 4 partitions ok$/, partitions: ['ok', 'ok', 'ok', 'ok'] },
    },
    {
      desc: 'commits every 5 s make a lag sawtooth, which is not growth',
      input: { window: simulate([healthy(60)], { commitEverySec: 5 }).slice(0, -2) },
      expected: { pipeline: 'ok', reason: /all 4 partitions ok/, partitions: ['ok', 'ok', 'ok', 'ok'] },
    },
    {
      desc: 'lag growing while commits progress warns',
      input: { window: simulate([healthy(20), { seconds: 40, capacityPerSec: slow }]) },
      expected: { pipeline: 'warn', reason: /^4 of 4 partitions warn; payments-0: lag grows over the window \(400 msg, \+\d+(\.\d)? msg\/s\) although commits progress$/, partitions: ['warn', 'warn', 'warn', 'warn'] },
    },
    {
      desc: 'one dip in lag does not reset the warning (Burrow resets it)',
      input: {
        window: simulate([healthy(10), { seconds: 40, capacityPerSec: slow }, { seconds: 1, capacityPerSec: [200, 200, 200, 200] }, { seconds: 4, capacityPerSec: slow }]).slice(-40),
      },
      expected: { pipeline: 'warn', reason: /lag grows over the window/, partitions: ['warn', 'warn', 'warn', 'warn'] },
    },
    {
      desc: 'a consumer gone for 20 minutes is STOP, not OK (Burrow needs commits to say anything)',
      input: { window: simulate([healthy(300), { seconds: 1200, members: [], capacityPerSec: [0, 0, 0, 0] }], { stepSec: 10 }).slice(-60) },
      expected: { pipeline: 'stop', reason: /^4 of 4 partitions stop; payments-0: no consumer: lag 60,000 msg, \+50 msg\/s, no commit for at least 9 m 50 s$/, partitions: ['stop', 'stop', 'stop', 'stop'] },
    },
    {
      desc: 'lag zero at the start of the window does not make a stopped consumer OK (Burrow: any zero lag is OK)',
      input: { window: simulate([healthy(10), { seconds: 30, members: [], capacityPerSec: [0, 0, 0, 0] }]) },
      expected: { pipeline: 'stop', reason: /no consumer/, partitions: ['stop', 'stop', 'stop', 'stop'] },
    },
    {
      desc: 'members present, commits stopped, lag growing: ERR',
      input: { window: simulate([healthy(20), { seconds: 20, capacityPerSec: [0, 1000, 1000, 1000] }]) },
      expected: { pipeline: 'err', reason: /^1 of 4 partitions err; payments-0: lag grows \(1,000 msg, \+\d+ msg\/s\) and no commit for 20 s$/, partitions: ['err', 'ok', 'ok', 'ok'] },
    },
    {
      desc: 'members present, commits stopped, lag waiting but not growing: STALL on the offset',
      input: { window: simulate([healthy(30, { producePerSec: [0, 0, 0, 0], capacityPerSec: [0, 0, 0, 0] })], { initialLag: [100, 0, 0, 0] }) },
      expected: { pipeline: 'stall', reason: /payments-0: committed offset stuck at 9,900 for at least 30 s with 100 msg waiting$/, partitions: ['stall', 'ok', 'ok', 'ok'] },
    },
    {
      desc: 'a committed offset going backwards is REWIND',
      input: { window: simulate([healthy(20), { seconds: 10, capacityPerSec: [1000, 100, 1000, 1000], rewindBy: { 1: 500 } }]) },
      expected: { pipeline: 'rewind', reason: /payments-1: committed offset went back from 11,000 to 10,600$/, partitions: ['ok', 'rewind', 'ok', 'ok'] },
    },
    {
      desc: 'fewer than three samples is unknown, not ok',
      input: { window: simulate([healthy(1)]) },
      expected: { pipeline: 'unknown', reason: /^2 samples, 3 needed$/, partitions: ['unknown', 'unknown', 'unknown', 'unknown'] },
    },
    {
      desc: 'a configured lag limit turns ok into warn',
      input: { window: simulate([healthy(30, { capacityPerSec: [50, 50, 50, 50] })], { initialLag: [100, 100, 100, 100] }), thresholds: { maxLagMessages: 300 } },
      expected: { pipeline: 'warn', reason: /^lag 400 msg over the limit of 300 msg$/, partitions: ['ok', 'ok', 'ok', 'ok'] },
    },
    {
      desc: 'a configured lag-seconds limit turns ok into warn',
      input: { window: simulate([healthy(30, { capacityPerSec: [50, 50, 50, 50] })], { initialLag: [100, 100, 100, 100] }), thresholds: { maxLagSeconds: 1 } },
      expected: { pipeline: 'warn', reason: /over the limit of 1\.0 s$/, partitions: ['ok', 'ok', 'ok', 'ok'] },
    },
    {
      desc: 'a limit never softens a worse status',
      input: { window: simulate([healthy(10), { seconds: 30, members: [], capacityPerSec: [0, 0, 0, 0] }]), thresholds: { maxLagMessages: 1 } },
      expected: { pipeline: 'stop', reason: /no consumer/, partitions: ['stop', 'stop', 'stop', 'stop'] },
    },
    {
      desc: 'Kafka not read this cycle is unknown, with the reason',
      input: { window: simulate([healthy(10), { seconds: 2, kafkaGap: true }]) },
      expected: { pipeline: 'unknown', reason: /^Kafka not read: KafkaJSConnectionError/, partitions: [] },
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const status = evaluateStatus(input.window, input.thresholds);
    expect(status.pipeline.kind).toBe(expected.pipeline);
    expect(status.pipeline.reason).toMatch(expected.reason);
    expect(status.partitions.map((p) => p.status.kind)).toEqual(expected.partitions);
  });

  it('STALL and REWIND carry the offsets', () => {
    const stall = evaluateStatus(simulate([healthy(30, { producePerSec: [0, 0, 0, 0], capacityPerSec: [0, 0, 0, 0] })], { initialLag: [100, 0, 0, 0] })).pipeline;
    expect(stall).toMatchObject({ kind: 'stall', stuckAtOffset: 9_900n });
    const rewind = evaluateStatus(simulate([healthy(20), { seconds: 10, capacityPerSec: [1000, 100, 1000, 1000], rewindBy: { 1: 500 } }])).pipeline;
    expect(rewind).toMatchObject({ kind: 'rewind', fromOffset: 11_000n, toOffset: 10_600n });
  });

  it('an unassigned partition in a group with members is not STOP', () => {
    const window = simulate([healthy(10), { seconds: 30, members: [member('a', [1, 2, 3])], capacityPerSec: [0, 1000, 1000, 1000] }]);
    expect(evaluateStatus(window).partitions[0]!.status.kind).toBe('err');
  });
});
