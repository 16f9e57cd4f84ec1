import { describe, expect, it } from 'vitest';
import type { ClusterSample, GroupSample } from '../../../lib/cluster/cluster-sample';
import { classifyActivity, type ActivityInput, type ActivityMemory, type ActivityState } from '../../../lib/pipelines/group-activity';
import { EMPTY_COLLECTOR_STATE, evaluateCycle, type CollectorState } from '../../../lib/pipelines/evaluate-cycle';
import type { PipelineDefinition } from '../../../lib/pipelines/pipeline-definition';
import type { PipelineSnapshot } from '../../../lib/pipelines/pipeline-snapshot';
import { diagnoseCycle, EMPTY_DIAGNOSIS_STATE, type DiagnosisState } from '../../../lib/diagnosis/diagnose-cycle';

const T0 = 1_800_000_000_000;
const DAY_MS = 86_400_000;

function groupSample(state: GroupSample['state'], members: number, committed: number[] = [100]): GroupSample {
  return {
    groupId: 'g',
    protocol: 'classic',
    state,
    membership: { kind: 'visible', members: Array.from({ length: members }, (_, i) => ({ memberId: `m${i}`, clientId: `c${i}`, host: 'h', assignment: [] })) },
    committed: committed.map((offset, partition) => ({ topic: 't', partition, offset: BigInt(offset) })),
  };
}

const lagging = { lag: { kind: 'ok', lagMessages: 50n, committedAheadOfEnd: false }, lagSeconds: { kind: 'unknown', reason: 'no-produce-rate' } } as const;
const lost = { lag: { kind: 'lost-to-retention', lagMessages: 50n, lostMessages: 10n }, lagSeconds: { kind: 'unknown', reason: 'no-produce-rate' } } as const;
const estimated = (seconds: number, capped = false) =>
  ({ lag: { kind: 'ok', lagMessages: 50n, committedAheadOfEnd: false }, lagSeconds: { kind: 'estimated', seconds, confidence: 'extrapolated', capped } }) as const;

const base: ActivityInput = {
  atMs: T0,
  declared: false,
  group: groupSample('Empty', 0),
  commitsAdvanced: false,
  partitions: [lagging],
  storedLastActiveAtMs: null,
  inactiveAfterMs: DAY_MS,
};

describe('classifyActivity', () => {
  const cases: { desc: string; previous?: ActivityMemory; input: Partial<ActivityInput>; expected: { state: ActivityState; sinceMs: number; positionAtMs: number | null; positionBound: string | null } }[] = [
    { desc: 'members present: active', input: { group: groupSample('Stable', 2) }, expected: { state: 'active', sinceMs: T0, positionAtMs: null, positionBound: null } },
    { desc: 'Empty but commits moved (a consumer committing from outside the group protocol): active', input: { commitsAdvanced: true }, expected: { state: 'active', sinceMs: T0, positionAtMs: null, positionBound: null } },
    { desc: 'Empty at first sight: inactive, position at least as old as first sight', input: {}, expected: { state: 'inactive', sinceMs: T0, positionAtMs: T0, positionBound: 'at-least' } },
    {
      desc: 'Empty since first seen two hours ago: inactive, the position two hours old at least',
      previous: { firstSeenAtMs: T0 - 7_200_000, lastActiveAtMs: null, state: 'inactive', sinceMs: T0 - 7_200_000 },
      input: {},
      expected: { state: 'inactive', sinceMs: T0 - 7_200_000, positionAtMs: T0 - 7_200_000, positionBound: 'at-least' },
    },
    { desc: 'the offset/time table dates the position 3 days back: abandoned', input: { partitions: [estimated(3 * 86_400)] }, expected: { state: 'abandoned', sinceMs: T0, positionAtMs: T0 - 3 * DAY_MS, positionBound: 'estimated' } },
    { desc: 'a capped extrapolation is a lower bound', input: { partitions: [estimated(600, true)] }, expected: { state: 'inactive', sinceMs: T0, positionAtMs: T0 - 600_000, positionBound: 'at-least' } },
    { desc: 'committed below the log start: abandoned at once', input: { partitions: [lagging, lost] }, expected: { state: 'abandoned', sinceMs: T0, positionAtMs: T0, positionBound: 'at-least' } },
    {
      desc: 'watched Empty for longer than inactiveAfter: abandoned from then on',
      previous: { firstSeenAtMs: T0 - 2 * DAY_MS, lastActiveAtMs: null, state: 'inactive', sinceMs: T0 - 2 * DAY_MS },
      input: {},
      expected: { state: 'abandoned', sinceMs: T0, positionAtMs: T0 - 2 * DAY_MS, positionBound: 'at-least' },
    },
    { desc: 'declared in pipelines: never inactive, stopped at first sight', input: { declared: true }, expected: { state: 'stopped', sinceMs: T0, positionAtMs: T0, positionBound: 'at-least' } },
    { desc: 'declared and abandoned-looking: still stopped', input: { declared: true, partitions: [lost] }, expected: { state: 'stopped', sinceMs: T0, positionAtMs: T0, positionBound: 'at-least' } },
    {
      desc: 'active before a restart (the store says so), Empty after: stopped since then',
      input: { storedLastActiveAtMs: T0 - 60_000 },
      expected: { state: 'stopped', sinceMs: T0 - 60_000, positionAtMs: T0 - 60_000, positionBound: 'at-least' },
    },
    {
      desc: 'seen active by this Pipewatch, then Empty: stopped from now',
      previous: { firstSeenAtMs: T0 - 60_000, lastActiveAtMs: T0 - 5_000, state: 'active', sinceMs: T0 - 60_000 },
      input: {},
      expected: { state: 'stopped', sinceMs: T0, positionAtMs: T0 - 5_000, positionBound: 'at-least' },
    },
    {
      desc: 'an abandoned group that starts consuming: active',
      previous: { firstSeenAtMs: T0 - DAY_MS, lastActiveAtMs: null, state: 'abandoned', sinceMs: T0 - DAY_MS },
      input: { group: groupSample('Stable', 1) },
      expected: { state: 'active', sinceMs: T0, positionAtMs: null, positionBound: null },
    },
  ];

  it.each(cases)('$desc', ({ previous, input, expected }) => {
    const { activity } = classifyActivity(previous, { ...base, ...input });
    expect({ state: activity.state, sinceMs: activity.sinceMs, positionAtMs: activity.positionAtMs, positionBound: activity.positionBound }).toEqual(expected);
  });

  it('remembers the last time it was active, and when it was first seen', () => {
    const first = classifyActivity(undefined, { ...base, group: groupSample('Stable', 1) });
    const second = classifyActivity(first.memory, { ...base, atMs: T0 + 5_000 });
    expect(second.memory).toEqual({ firstSeenAtMs: T0, lastActiveAtMs: T0, state: 'stopped', sinceMs: T0 + 5_000 });
    expect(second.activity.lastActiveAtMs).toBe(T0);
  });
});

describe('activity through a cycle and its diagnosis', () => {
  function sample(atMs: number, groups: GroupSample[], end: number): ClusterSample {
    return {
      takenAtMs: atMs,
      brokerCount: 1,
      topics: new Map([['t', [{ partition: 0, logStartOffset: 0n, logEndOffset: BigInt(end) }]]]),
      groups,
      retentionMsByTopic: new Map(),
      roundTrips: 3,
    };
  }
  const named = (groupId: string, g: GroupSample): GroupSample => ({ ...g, groupId });

  function runCycles(cycles: { groups: GroupSample[]; end: number }[], pipelines: PipelineDefinition[] = [], seed: CollectorState = EMPTY_COLLECTOR_STATE) {
    let state = seed;
    let diagnosis: DiagnosisState = EMPTY_DIAGNOSIS_STATE;
    let snapshots: PipelineSnapshot[] = [];
    let opened: string[] = [];
    cycles.forEach((c, i) => {
      const atMs = T0 + i * 5_000;
      ({ state, snapshots } = evaluateCycle(state, { atMs, cluster: { kind: 'ok', sample: sample(atMs, c.groups, c.end) }, signals: { kind: 'disabled' }, pipelines, dlqNames: () => [] }));
      const diagnosed = diagnoseCycle(diagnosis, snapshots);
      diagnosis = diagnosed.state;
      opened = [...opened, ...diagnosed.changes.filter((ch) => ch.kind === 'opened').map((ch) => (ch.kind === 'opened' ? ch.incident.pipelineId : ''))];
    });
    return { snapshots, opened, byId: (id: string) => snapshots.find((s) => s.pipelineId === id)! };
  }

  // Records keep arriving: an abandoned group's lag grows without end.
  const live = (n: number) => Array.from({ length: n }, (_, i) => ({ end: 1_000 + i * 100 }));

  it('an Empty group on a live topic is inactive, never an incident; a declared one is stopped and opens one', () => {
    const declared: PipelineDefinition = { id: 'declared', name: 'declared', groupId: 'declared', topics: ['t'], dlqTopics: null };
    const { opened, byId } = runCycles(
      live(20).map(({ end }) => ({ end, groups: [named('old', groupSample('Empty', 0)), named('declared', groupSample('Empty', 0))] })),
      [declared],
    );
    expect(byId('old').activity.state).toBe('inactive');
    expect(byId('declared').activity.state).toBe('stopped');
    expect(opened).toEqual(['declared']);
  });

  it('a group seen consuming that stops is stopped and opens an incident', () => {
    const cycles = live(24).map(({ end }, i) => ({ end, groups: [named('svc', i < 4 ? groupSample('Stable', 1, [end - 10]) : groupSample('Empty', 0, [1_290]))] }));
    const { opened, byId } = runCycles(cycles);
    expect(byId('svc').activity.state).toBe('stopped');
    expect(opened).toEqual(['svc']);
  });

  it('after a restart, a group the store saw active is stopped, not inactive', () => {
    const seed: CollectorState = { ...EMPTY_COLLECTOR_STATE, storedLastActive: new Map([['svc', T0 - 30_000]]) };
    const { opened, byId } = runCycles(live(20).map(({ end }) => ({ end, groups: [named('svc', groupSample('Empty', 0))] })), [], seed);
    expect(byId('svc').activity).toMatchObject({ state: 'stopped', sinceMs: T0 - 30_000, lastActiveAtMs: T0 - 30_000 });
    expect(opened).toEqual(['svc']);
  });

  it('an inactive group that starts consuming is active, with a timeline event and no incident', () => {
    const cycles = live(12).map(({ end }, i) => ({ end, groups: [named('old', i < 6 ? groupSample('Empty', 0) : groupSample('Stable', 1, [end]))] }));
    const { opened, byId } = runCycles(cycles);
    const old = byId('old');
    expect(old.activity.state).toBe('active');
    expect(opened).toEqual([]);
    const events = old.kafka.kind === 'sampled' ? old.kafka.recentEvents : [];
    expect(events).toContainEqual({ kind: 'resumed', atMs: T0 + 6 * 5_000, dormantSinceMs: T0, was: 'inactive' });
  });
});
