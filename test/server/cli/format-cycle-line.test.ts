import { describe, expect, it } from 'vitest';
import type { ClusterSample } from '../../../lib/cluster/cluster-sample';
import { INITIAL_SOURCE_HEALTH, reduceSourceHealth } from '../../../lib/collection/source-health';
import { EMPTY_COLLECTOR_STATE, evaluateCycle } from '../../../lib/pipelines/evaluate-cycle';
import { formatCycleLine } from '../../../server/cli/format-cycle-line';

const T0 = 1_800_000_000_000;
const ok = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'succeeded', atMs: T0, durationMs: 5, problems: [] });
const down = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'failed', atMs: T0, durationMs: 5, message: 'ECONNREFUSED', retryAtMs: T0 + 1_000 });
const disabled = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'disabled' });

/** Two pipelines on one partition each: `fraud` 1,500 behind, `billing` caught up. */
function snapshots() {
  const sample: ClusterSample = {
    takenAtMs: T0,
    brokerCount: 1,
    topics: new Map([['payments', [{ partition: 0, logStartOffset: 0n, logEndOffset: 2_000n }]]]),
    groups: [
      { groupId: 'fraud', protocol: 'classic', state: 'Stable', membership: { kind: 'visible', members: [] }, committed: [{ topic: 'payments', partition: 0, offset: 500n }] },
      { groupId: 'billing', protocol: 'classic', state: 'Stable', membership: { kind: 'visible', members: [] }, committed: [{ topic: 'payments', partition: 0, offset: 2_000n }] },
    ],
    retentionMsByTopic: new Map(),
    roundTrips: 9,
  };
  return evaluateCycle(EMPTY_COLLECTOR_STATE, { atMs: T0, cluster: { kind: 'ok', sample }, signals: { kind: 'disabled' }, pipelines: [], dlqNames: () => [] }).snapshots;
}

describe('formatCycleLine', () => {
  const cases = [
    {
      desc: 'a healthy cycle with one lagging pipeline',
      input: { durationMs: 42, roundTrips: 9, snapshots: snapshots(), sources: { kafka: ok, prometheus: ok }, skippedCycles: 0 },
      expected: 'cycle 42 ms, 9 round trips; 2 pipelines, 1 lagging, total lag 1,500; Kafka ok, Prometheus ok',
    },
    {
      desc: 'Kafka down, Prometheus off, cycles skipped',
      input: { durationMs: 5_000, roundTrips: null, snapshots: [], sources: { kafka: down, prometheus: disabled }, skippedCycles: 3 },
      expected: 'cycle 5000 ms, – round trips; 0 pipelines, 0 lagging, total lag 0; Kafka down, Prometheus off; 3 cycles skipped so far',
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(formatCycleLine(input)).toBe(expected);
  });
});
