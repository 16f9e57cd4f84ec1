import { describe, expect, it } from 'vitest';
import { DEFAULT_DIAGNOSIS_LIMITS, diagnoseCycle, EMPTY_DIAGNOSIS_STATE, type DiagnosisLimits, type DiagnosisState } from '../../../lib/diagnosis/diagnose-cycle';
import { summarizePartitions } from '../../../lib/pipelines/summarize-partitions';
import type { PartitionSnapshot, PipelineSnapshot } from '../../../lib/pipelines/pipeline-snapshot';

// The cost's shape, not its time: what one cycle's status and diagnosis touch per partition must
// not depend on how many cycles the window holds, and must grow linearly with the partitions.

const T0 = 1_800_000_000_000;
const TOPIC = 'payments';
const OWNER = { memberId: 'a-uuid', clientId: 'client-a', host: '10.0.0.1' };

/** A steady pipeline: 50 records a second per partition, committed every cycle, 100 behind. */
function snapshotAt(cycle: number, partitions: number): PipelineSnapshot {
  const end = BigInt(10_000 + cycle * 50);
  const parts: PartitionSnapshot[] = Array.from({ length: partitions }, (_, partition) => ({
    topic: TOPIC,
    partition,
    logStartOffset: 0n,
    logEndOffset: end,
    committedOffset: end - 100n,
    lag: { kind: 'ok', lagMessages: 100n, committedAheadOfEnd: false },
    lagSeconds: { kind: 'estimated', seconds: 2, confidence: 'interpolated' },
    produceRatePerSec: 50,
    consumeRatePerSec: 50,
    owner: OWNER,
    retentionMs: 604_800_000,
  }));
  return {
    pipelineId: 'fraud',
    name: 'fraud',
    groupId: 'fraud',
    takenAtMs: T0 + cycle * 1_000,
    topics: [TOPIC],
    dlqTopics: [],
    kafka: {
      kind: 'sampled',
      group: { state: 'Stable', protocol: 'classic', membership: { kind: 'visible', members: [{ ...OWNER, assignment: [{ topic: TOPIC, partitions: parts.map((p) => p.partition) }] }] }, exists: true },
      partitions: parts,
      totals: summarizePartitions(parts),
      dlq: { depthMessages: 0, growthPerSec: 0, topics: [] },
      recentEvents: [],
    },
    signals: { kind: 'disabled' },
    activity: { state: 'active', sinceMs: T0, lastActiveAtMs: T0 + cycle * 1_000, positionAtMs: null, positionBound: null, belowLogStart: false, declared: false },
  };
}

/** Every partition record of a snapshot counts the reads of its fields, whenever they happen. */
function counted(snapshot: PipelineSnapshot, reads: { count: number }): PipelineSnapshot {
  if (snapshot.kafka.kind !== 'sampled') return snapshot;
  const handler: ProxyHandler<PartitionSnapshot> = {
    get(target, property, receiver) {
      reads.count++;
      return Reflect.get(target, property, receiver);
    },
  };
  return { ...snapshot, kafka: { ...snapshot.kafka, partitions: snapshot.kafka.partitions.map((p) => new Proxy(p, handler)) } };
}

/** Runs enough cycles to fill the window, then counts what the next one touches. */
function measureOneCycle(partitions: number, maxSnapshots: number): { reads: number; steps: number; statuses: string[] } {
  const limits: DiagnosisLimits = { windowMs: 3_600_000, maxSnapshots };
  const reads = { count: 0 };
  let state: DiagnosisState = EMPTY_DIAGNOSIS_STATE;
  for (let n = 0; n <= maxSnapshots + 2; n++) state = diagnoseCycle(state, [counted(snapshotAt(n, partitions), reads)], limits).state;
  const window = state.windows.get('fraud')!;
  const stepsBefore = window.steps();
  reads.count = 0;
  const last = diagnoseCycle(state, [counted(snapshotAt(maxSnapshots + 3, partitions), reads)], limits);
  return { reads: reads.count, steps: window.steps() - stepsBefore, statuses: last.diagnoses.map((d) => d.status.pipeline.kind) };
}

describe('one cycle of status and diagnosis', () => {
  // 360 snapshots is the diagnosis window's default maximum.
  const shapes = [30, 1_000].map((partitions) => ({ partitions, short: measureOneCycle(partitions, 12), long: measureOneCycle(partitions, DEFAULT_DIAGNOSIS_LIMITS.maxSnapshots) }));

  it.each(shapes)('touches $partitions partitions the same number of times at window 12 and at the window maximum', ({ short, long }) => {
    expect([short.statuses, long.statuses]).toEqual([['ok'], ['ok']]);
    expect(long.reads).toBe(short.reads);
    expect(long.steps).toBe(short.steps);
    expect(short.reads).toBeGreaterThan(0);
    expect(short.steps).toBeGreaterThan(0);
  });

  it('grows linearly with the partitions', () => {
    const [few, many] = shapes as [(typeof shapes)[number], (typeof shapes)[number]];
    const ratio = 1_000 / 30;
    // Reads and steps per partition stay within 20 % between 30 and 1,000 partitions.
    expect(many.long.reads / few.long.reads).toBeGreaterThan(ratio * 0.8);
    expect(many.long.reads / few.long.reads).toBeLessThan(ratio * 1.2);
    expect(many.long.steps / few.long.steps).toBeGreaterThan(ratio * 0.8);
    expect(many.long.steps / few.long.steps).toBeLessThan(ratio * 1.2);
  });
});
