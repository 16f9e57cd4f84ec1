import { describe, expect, it } from 'vitest';
import type { ClusterSample } from '../../../lib/cluster/cluster-sample';
import { formatSnapshotTable, safe } from '../../../lib/pipelines/format-snapshot-table';
import { INITIAL_SOURCE_HEALTH, reduceSourceHealth } from '../../../lib/collection/source-health';
import { EMPTY_COLLECTOR_STATE, evaluateCycle, type CollectorState } from '../../../lib/pipelines/evaluate-cycle';
import type { PipelineSnapshot } from '../../../lib/pipelines/pipeline-snapshot';

const T0 = Date.parse('2026-11-24T03:00:00Z');
const ok = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'succeeded', atMs: T0, durationMs: 5, problems: [] });
const disabled = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'disabled' });

function sample(atMs: number, end: number, committed: number, groupId = 'fraud-features'): ClusterSample {
  return {
    takenAtMs: atMs,
    brokerCount: 1,
    topics: new Map([
      ['payments', [{ partition: 0, logStartOffset: 0n, logEndOffset: BigInt(end) }]],
      ['payments.dlq', [{ partition: 0, logStartOffset: 0n, logEndOffset: 3n }]],
    ]),
    groups: [
      {
        groupId,
        protocol: 'classic',
        state: 'Stable',
        membership: { kind: 'visible', members: [{ memberId: 'm1', clientId: 'member-0', host: '10.1.2.3', assignment: [{ topic: 'payments', partitions: [0] }] }] },
        committed: [{ topic: 'payments', partition: 0, offset: BigInt(committed) }],
      },
    ],
    retentionMsByTopic: new Map(),
  roundTrips: 6,
  };
}

function snapshotsOf(samples: ClusterSample[]): PipelineSnapshot[] {
  let state: CollectorState = EMPTY_COLLECTOR_STATE;
  let snapshots: PipelineSnapshot[] = [];
  for (const s of samples) {
    ({ state, snapshots } = evaluateCycle(state, { atMs: s.takenAtMs, cluster: { kind: 'ok', sample: s }, signals: { kind: 'disabled' }, pipelines: [], dlqNames: (t) => [`${t}.dlq`] }));
  }
  return snapshots;
}

/** The same topic, with a second group that has been Empty since before the first sample. */
function withInactive(s: ClusterSample, groupId: string): ClusterSample {
  return { ...s, groups: [...s.groups, { groupId, protocol: 'classic', state: 'Empty', membership: { kind: 'visible', members: [] }, committed: [{ topic: 'payments', partition: 0, offset: 10n }] }] };
}

describe('formatSnapshotTable with inactive groups', () => {
  const snapshots = snapshotsOf([0, 1, 2].map((s) => withInactive(sample(T0 + s * 1_000, 1_000 + 100 * s, 900 + 100 * s), 'old-replay')));
  const input = { takenAtMs: T0 + 2_000, sources: { kafka: ok, prometheus: disabled }, snapshots };

  it('prints them after the active ones, with the age of their position and what to do', () => {
    const text = formatSnapshotTable(input, { partitions: false });
    const lines = text.split('\n');
    const dormantHeader = lines.findIndex((l) => l.startsWith('1 inactive group'));
    expect(lines.findIndex((l) => l.startsWith('fraud-features'))).toBeLessThan(dormantHeader);
    expect(lines[dormantHeader + 1]).toMatch(/^ACTIVITY\s+PIPELINE\s+STATE\s+LAG\s+POSITION AGE\s+TOPICS$/);
    // Dated off the offset/time table: 10 records back at 100/s before the first reading, 2 s ago.
    expect(lines[dormantHeader + 2]).toMatch(/^INACTIVE\s+old-replay\s+Empty\s+1,190\s+12 s\s+payments$/);
    expect(text).toContain('kafka-consumer-groups --bootstrap-server <broker> --delete --group');
    expect(text).toContain('declare it under pipelines:');
  });

  it('--hide-inactive only counts them', () => {
    const text = formatSnapshotTable(input, { partitions: false, hideInactive: true });
    expect(text).not.toContain('old-replay');
    expect(text).toContain('1 inactive group hidden (--hide-inactive).');
  });
});

describe('formatSnapshotTable', () => {
  it('prints one row per pipeline with units, and partitions on request', () => {
    const snapshots = snapshotsOf([0, 1, 2, 3, 4].map((s) => sample(T0 + s * 1_000, 1_000 + 100 * s, 1_000 + 100 * s - 300)));
    const text = formatSnapshotTable({ takenAtMs: T0 + 4_000, sources: { kafka: ok, prometheus: disabled }, snapshots }, { partitions: true });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Pipewatch snapshot at 2026-11-24T03:00:04.000Z');
    expect(lines[1]).toBe('Sources — Kafka: ok; Prometheus: not configured');
    expect(lines[3]).toMatch(/^PIPELINE\s+STATE\s+MEMBERS\s+LAG\s+LAG TIME\s+PRODUCE/);
    expect(lines[4]).toMatch(/^fraud-features\s+Stable\s+1\s+300\s+3\.0 s\s+100\/s\s+100\/s\s+not draining\s+3\s+0\/s\s+–\s+–\s+–\s+–$/);
    expect(text).toContain('member-0@10.1.2.3');
    expect(text).toMatch(/payments\s+0\s+0\s+1400\s+1100\s+300\s+3\.0 s\s+100\/s\s+100\/s/);
  });

  it('says when Kafka gave no data instead of printing zeros', () => {
    let state: CollectorState = EMPTY_COLLECTOR_STATE;
    const first = sample(T0, 10, 10);
    ({ state } = evaluateCycle(state, { atMs: T0, cluster: { kind: 'ok', sample: first }, signals: { kind: 'disabled' }, pipelines: [], dlqNames: () => [] }));
    const { snapshots } = evaluateCycle(state, { atMs: T0 + 1_000, cluster: { kind: 'failed', reason: 'Kafka did not answer within 5000 ms' }, signals: { kind: 'disabled' }, pipelines: [], dlqNames: () => [] });
    const text = formatSnapshotTable({ takenAtMs: T0 + 1_000, sources: { kafka: ok, prometheus: disabled }, snapshots }, { partitions: false });
    expect(text).toContain('no data: Kafka did not answer within 5000 ms');
    expect(text).not.toMatch(/fraud-features\s+Stable/);
  });

  it('explains an empty result', () => {
    expect(formatSnapshotTable({ takenAtMs: T0, sources: { kafka: ok, prometheus: disabled }, snapshots: [] }, { partitions: false })).toContain('No pipelines');
  });

  it.each([
    { desc: 'terminal escape sequences are shown, not run', input: 'evil\u001b[2J\u0007group', expected: 'evil\\x1b[2J\\x07group' },
    { desc: 'very long names are cut', input: 'x'.repeat(100), expected: `${'x'.repeat(47)}…` },
    { desc: 'unicode and HTML pass as text', input: '<b>zahlungen-✓</b>', expected: '<b>zahlungen-✓</b>' },
  ])('safe: $desc', ({ input, expected }) => expect(safe(input)).toBe(expected));
});
