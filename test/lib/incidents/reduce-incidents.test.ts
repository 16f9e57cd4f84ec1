import { describe, expect, it } from 'vitest';
import type { FailureType, Severity } from '../../../lib/diagnosis/failure-table';
import type { Finding } from '../../../lib/diagnosis/finding';
import { DEFAULT_INCIDENT_OPTIONS, type CycleLag, type IncidentChange, type IncidentInput, type IncidentOptions } from '../../../lib/incidents/incident';
import { EMPTY_INCIDENT_STATE, projectIncidents, reduceIncidentInputs, reduceIncidents, replayIncidents } from '../../../lib/incidents/reduce-incidents';

const T = 1_800_000_000_000;
const SEVERITY: Record<FailureType, Severity> = {
  'transient-sink-error': 'warning',
  'permanent-data-error': 'warning',
  'slow-sink': 'warning',
  'kafka-rebalance': 'info',
  'sink-unavailable': 'critical',
  'consumer-stopped': 'critical',
  'upstream-stall': 'warning',
  'hot-partition': 'warning',
  'lag-near-retention': 'critical',
};

/** The reducer reads a finding's type, severity and first evidence text only; facts are beside the point here. */
function finding(type: FailureType): Finding {
  return {
    type,
    confidence: 'high',
    severity: SEVERITY[type],
    evidence: [{ signal: 'lagMessages', value: 1, comparison: { kind: 'observed' }, text: `${type} evidence` }],
    partitions: [],
    members: [],
    kafkaOnly: false,
    facts: {},
  } as unknown as Finding;
}

const lagOf = (lagMessages: number | null, timeToDrain: CycleLag['timeToDrain']): CycleLag => ({ lagMessages, timeToDrain });
const BAD = lagOf(5_000, 'not-draining');
const GOOD = lagOf(100, 'drained');

/** One cycle per second of pipeline `fraud` (or another), `types` found, or none. */
function cycle(second: number, types: FailureType[], lag: CycleLag = types.length > 0 ? BAD : GOOD, pipelineId = 'fraud'): IncidentInput {
  const base = { pipelineId, atMs: T + second * 1000, lag };
  return types.length > 0 ? { kind: 'finding-observed', ...base, findings: types.map(finding) } : { kind: 'cycle-without-finding', ...base };
}

/** Cycles from `from`, one per second, each with the types given for it. */
function cycles(from: number, pattern: FailureType[][], lag?: CycleLag): IncidentInput[] {
  return pattern.map((types, i) => cycle(from + i, types, lag));
}

const S: FailureType[] = ['slow-sink'];
const Q: FailureType[] = [];
const repeat = <X>(n: number, x: X): X[] => Array.from({ length: n }, () => x);
const kinds = (changes: IncidentChange[]) => changes.map((c) => c.kind);

describe('incidents: opening', () => {
  const cases: { desc: string; input: { inputs: IncidentInput[]; options?: Partial<IncidentOptions> }; expected: { opened: { id: string; atMs: number }[] } }[] = [
    { desc: 'two cycles are not enough', input: { inputs: cycles(0, [S, S]) }, expected: { opened: [] } },
    { desc: 'three consecutive cycles open one incident, dated from the first', input: { inputs: cycles(0, [S, S, S, S]) }, expected: { opened: [{ id: `fraud/slow-sink/${T}`, atMs: T + 2000 }] } },
    { desc: 'a gap in the run starts the count again', input: { inputs: cycles(0, [S, S, Q, S, S]) }, expected: { opened: [] } },
    { desc: 'openAfterSamples is an option', input: { inputs: cycles(0, [S]), options: { openAfterSamples: 1 } }, expected: { opened: [{ id: `fraud/slow-sink/${T}`, atMs: T }] } },
    { desc: 'alternating noise never opens one', input: { inputs: cycles(0, repeat(20, [S, Q]).flat() as FailureType[][]) }, expected: { opened: [] } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const { changes } = replayIncidents(input.inputs, { ...DEFAULT_INCIDENT_OPTIONS, ...input.options });
    expect(changes.flatMap((c) => (c.kind === 'opened' ? [{ id: c.incident.id, atMs: c.atMs }] : []))).toEqual(expected.opened);
  });
});

describe('incidents: deduplication', () => {
  const cases: { desc: string; input: IncidentInput[]; expected: string[] }[] = [
    { desc: 'one fault held for a minute is one incident', input: cycles(0, repeat(60, S)), expected: [`fraud/slow-sink/${T}`] },
    { desc: 'two types on one pipeline are two incidents', input: cycles(0, repeat(3, ['slow-sink', 'hot-partition'] as FailureType[])), expected: [`fraud/slow-sink/${T}`, `fraud/hot-partition/${T}`] },
    {
      desc: 'one type on two pipelines is two incidents',
      input: [0, 1, 2].flatMap((s) => [cycle(s, S), cycle(s, S, BAD, 'billing')]),
      expected: [`fraud/slow-sink/${T}`, `billing/slow-sink/${T}`],
    },
    { desc: 'transient errors and an outage together are one incident (one family)', input: cycles(0, repeat(3, ['transient-sink-error', 'sink-unavailable'] as FailureType[])), expected: [`fraud/sink-unavailable/${T}`] },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const { changes, state } = replayIncidents(input);
    expect(changes.filter((c) => c.kind === 'opened').map((c) => (c.kind === 'opened' ? c.incident.id : ''))).toEqual(expected);
    expect([...state.open.keys()]).toEqual(expected);
  });
});

describe('incidents: escalation keeps one incident', () => {
  it('transient errors that become an outage are reclassified, with a timeline entry', () => {
    const inputs = cycles(0, [...repeat(4, ['transient-sink-error'] as FailureType[]), ...repeat(3, ['sink-unavailable'] as FailureType[]), ['transient-sink-error']]);
    const { changes, state } = replayIncidents(inputs);
    expect(kinds(changes).filter((k) => k === 'opened')).toHaveLength(1);
    const [incident] = state.open.values();
    expect(incident).toMatchObject({ id: `fraud/sink-unavailable/${T}`, type: 'sink-unavailable', severity: 'critical', status: 'open' });
    expect(incident!.timeline.map((e) => e.kind)).toEqual(['opened', 'reclassified']);
    expect(incident!.timeline[1]).toEqual({ kind: 'reclassified', atMs: T + 4000, from: 'transient-sink-error', to: 'sink-unavailable', summary: 'Sink unavailable (extended outage): sink-unavailable evidence' });
  });

  it('an escalation before the incident opens opens it as the escalated type', () => {
    const { state } = replayIncidents(cycles(0, [['transient-sink-error'], ['transient-sink-error'], ['sink-unavailable']]));
    expect([...state.open.values()].map((i) => [i.id, i.type, i.timeline.map((e) => e.kind)])).toEqual([[`fraud/sink-unavailable/${T}`, 'sink-unavailable', ['opened']]]);
  });
});

describe('incidents: resolve only after verified recovery', () => {
  const before = cycles(0, repeat(10, Q), lagOf(100, 'not-draining'));
  const fault = cycles(10, repeat(3, S));
  const resolvedAt = (inputs: IncidentInput[]) => replayIncidents(inputs).changes.flatMap((c) => (c.kind === 'resolved' ? [c.atMs - T] : []));

  const cases: { desc: string; input: IncidentInput[]; expected: { resolvedAtMs: number[]; status?: string } }[] = [
    { desc: 'the trigger gone but lag still high and not draining: stays open', input: [...before, ...fault, ...cycles(13, repeat(20, Q), BAD)], expected: { resolvedAtMs: [], status: 'open' } },
    { desc: 'draining but far above the pre-incident baseline: stays open', input: [...before, ...fault, ...cycles(13, repeat(20, Q), lagOf(3_000, 'draining'))], expected: { resolvedAtMs: [], status: 'open' } },
    { desc: 'back within the margin of its baseline but not draining: stays open', input: [...before, ...fault, ...cycles(13, repeat(20, Q), lagOf(180, 'not-draining'))], expected: { resolvedAtMs: [], status: 'open' } },
    { desc: 'within the margin and draining for five cycles: resolved on the fifth', input: [...before, ...fault, ...cycles(13, repeat(5, Q), lagOf(180, 'draining'))], expected: { resolvedAtMs: [17_000] } },
    { desc: 'at its baseline for five cycles: resolved', input: [...before, ...fault, ...cycles(13, repeat(6, Q), lagOf(90, 'not-draining'))], expected: { resolvedAtMs: [17_000] } },
    { desc: 'four healthy cycles are not enough', input: [...before, ...fault, ...cycles(13, repeat(4, Q), GOOD)], expected: { resolvedAtMs: [], status: 'recovering' } },
    {
      desc: 'a cycle without Kafka neither counts nor resets the healthy run',
      input: [...before, ...fault, ...cycles(13, repeat(2, Q), GOOD), cycle(15, Q, lagOf(null, 'unknown')), ...cycles(16, repeat(3, Q), GOOD)],
      expected: { resolvedAtMs: [18_000] },
    },
    {
      desc: 'a relapse during recovery keeps the incident and starts the count again',
      input: [...before, ...fault, ...cycles(13, [Q, Q, Q, S, Q, Q, Q, Q, Q])],
      expected: { resolvedAtMs: [21_000] },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(resolvedAt(input)).toEqual(expected.resolvedAtMs);
    if (expected.status) expect([...replayIncidents(input).state.open.values()].map((i) => i.status)).toEqual([expected.status]);
  });

  it('measures recovery against the lag before the fault, and records the timeline', () => {
    const { changes } = replayIncidents([...before, ...fault, ...cycles(13, [Q, S, Q, Q, Q, Q, Q], GOOD)]);
    const resolved = changes.find((c) => c.kind === 'resolved');
    expect(resolved?.kind === 'resolved' && resolved.incident).toMatchObject({ baselineLagMessages: 100, peakLagMessages: 5_000, status: 'resolved', resolvedAtMs: T + 19_000 });
    expect(resolved?.kind === 'resolved' && resolved.incident.timeline.map((e) => e.kind)).toEqual(['opened', 'recovering', 'relapsed', 'recovering', 'resolved']);
    expect(resolved?.kind === 'resolved' && resolved.incident.timeline.at(-1)).toEqual({ kind: 'resolved', atMs: T + 19_000, durationMs: 9_000, summary: 'recovery verified over 5 cycles' });
  });

  it('one fault with flapping symptoms is one incident, not a series', () => {
    const flapping = cycles(13, repeat(15, [S, Q]).flat() as FailureType[][], BAD);
    const { changes } = replayIncidents([...before, ...fault, ...flapping, ...cycles(43, repeat(5, Q), GOOD)]);
    expect(kinds(changes).filter((k) => k !== 'updated')).toEqual(['opened', 'resolved']);
  });
});

describe('incidents: acknowledgement', () => {
  it('adds an entry to an open incident; an unknown id is rejected, not thrown', () => {
    const id = `fraud/slow-sink/${T}`;
    const { state, changes } = replayIncidents([
      ...cycles(0, [S, S, S]),
      { kind: 'acknowledged', incidentId: id, atMs: T + 5000, by: 'ana', note: 'looking at the sink' },
      { kind: 'acknowledged', incidentId: 'nope', atMs: T + 6000, by: 'ana', note: null },
    ]);
    expect(state.open.get(id)?.acknowledged).toEqual({ atMs: T + 5000, by: 'ana' });
    expect(state.open.get(id)?.timeline.at(-1)).toEqual({ kind: 'acknowledged', atMs: T + 5000, by: 'ana', note: 'looking at the sink' });
    expect(changes.at(-1)).toMatchObject({ kind: 'rejected', reason: 'no open incident nope' });
  });
});

describe('incidents: resolved by hand', () => {
  const id = `fraud/slow-sink/${T}`;
  it.each([
    {
      desc: 'closes the open incident with who and why, and a fault that persists opens a new one',
      inputs: [...cycles(0, [S, S, S]), { kind: 'resolved-by-hand', incidentId: id, atMs: T + 3_500, by: 'ana', reason: 'sink scaled up' } as IncidentInput, ...cycles(4, [S, S, S])],
      expected: { kinds: ['opened', 'resolved', 'opened'], open: [`fraud/slow-sink/${T + 4_000}`], entry: { kind: 'resolved', atMs: T + 3_500, durationMs: 1_500, summary: 'resolved by ana: sink scaled up', by: 'ana' } },
    },
    {
      desc: 'an unknown or already resolved incident is rejected',
      inputs: [...cycles(0, [S, S, S]), { kind: 'resolved-by-hand', incidentId: id, atMs: T + 3_500, by: 'ana', reason: 'x' } as IncidentInput, { kind: 'resolved-by-hand', incidentId: id, atMs: T + 3_600, by: 'bo', reason: 'y' } as IncidentInput],
      expected: { kinds: ['opened', 'resolved', 'rejected'], open: [], entry: null },
    },
  ])('$desc', ({ inputs, expected }) => {
    const { state, changes } = replayIncidents(inputs);
    expect(kinds(changes.filter((c) => c.kind !== 'updated'))).toEqual(expected.kinds);
    expect([...state.open.keys()]).toEqual(expected.open);
    if (expected.entry) expect(changes.find((c) => c.kind === 'resolved')?.incident.timeline.at(-1)).toEqual(expected.entry);
  });
});

describe('incidents: replay', () => {
  const inputs: IncidentInput[] = [
    ...cycles(0, repeat(5, Q), lagOf(50, 'drained')),
    ...cycles(5, repeat(4, ['transient-sink-error'] as FailureType[])),
    ...cycles(9, repeat(3, ['sink-unavailable', 'hot-partition'] as FailureType[])),
    { kind: 'acknowledged', incidentId: `fraud/sink-unavailable/${T + 5000}`, atMs: T + 12_500, by: 'ana', note: null },
    ...cycles(12, repeat(6, Q), lagOf(60, 'draining')),
    ...cycles(18, repeat(3, S)),
  ];

  it('gives the same incidents and the same changes every time', () => {
    expect(replayIncidents(inputs)).toEqual(replayIncidents(inputs));
  });

  it('emits changes from which every incident can be rebuilt, resolved ones included', () => {
    const { state, changes } = replayIncidents(inputs);
    const projected = projectIncidents(changes);
    expect([...projected.values()].map((i) => [i.id, i.type, i.status])).toEqual([
      [`fraud/sink-unavailable/${T + 5000}`, 'sink-unavailable', 'resolved'],
      [`fraud/hot-partition/${T + 9000}`, 'hot-partition', 'resolved'],
      [`fraud/slow-sink/${T + 18_000}`, 'slow-sink', 'open'],
    ]);
    for (const incident of state.open.values()) expect(projected.get(incident.id)).toEqual(incident);
  });

  it('keeps the timeline bounded, its first entry included', () => {
    const flapping = cycles(3, repeat(30, [Q, S]).flat() as FailureType[][], GOOD);
    const { state } = replayIncidents([...cycles(0, [S, S, S]), ...flapping], { ...DEFAULT_INCIDENT_OPTIONS, maxTimelineEntries: 5 });
    const [incident] = state.open.values();
    expect(incident!.timeline).toHaveLength(5);
    expect(incident!.timeline[0]!.kind).toBe('opened');
  });
});

describe('one cycle for many pipelines in one pass', () => {
  const TYPES: FailureType[] = ['sink-unavailable', 'slow-sink', 'consumer-stopped', 'transient-sink-error', 'kafka-rebalance'];
  /** A deterministic fleet: each pipeline's findings come and go on its own rhythm, with an acknowledgement and a hand resolve mixed in. */
  function cycleInputs(second: number, pipelines: number): IncidentInput[] {
    const inputs: IncidentInput[] = [];
    for (let p = 0; p < pipelines; p++) {
      const phase = (second + p * 7) % 23;
      const types = phase < 9 ? [TYPES[p % TYPES.length]!] : phase < 12 ? [TYPES[p % TYPES.length]!, TYPES[(p + 1) % TYPES.length]!] : [];
      inputs.push(cycle(second, types, undefined, `p${p}`));
    }
    return inputs;
  }

  it('gives the same incidents, candidates, baselines and changes as one reduceIncidents call per pipeline', () => {
    let batched = EMPTY_INCIDENT_STATE;
    let oneByOne = EMPTY_INCIDENT_STATE;
    for (let second = 0; second < 120; second++) {
      const inputs = cycleInputs(second, 40);
      const open = [...oneByOne.open.values()];
      if (second % 17 === 5 && open[0]) inputs.push({ kind: 'acknowledged', incidentId: open[0].id, atMs: T + second * 1000, by: 'ana', note: 'looking' });
      if (second % 29 === 7 && open[1]) inputs.push({ kind: 'resolved-by-hand', incidentId: open[1].id, atMs: T + second * 1000, by: 'ana', reason: 'fixed' });
      const fromBatch = reduceIncidentInputs(batched, inputs);
      const fromSingles: IncidentChange[] = [];
      for (const input of inputs) {
        const reduced = reduceIncidents(oneByOne, input);
        oneByOne = reduced.state;
        fromSingles.push(...reduced.changes);
      }
      batched = fromBatch.state;
      expect(fromBatch.changes).toEqual(fromSingles);
    }
    expect(batched.open).toEqual(oneByOne.open);
    expect(batched.candidates).toEqual(oneByOne.candidates);
    expect(batched.healthyLags).toEqual(oneByOne.healthyLags);
    expect(batched.open.size).toBeGreaterThan(0);
  });

  it('leaves the state it was given as it was', () => {
    const first = reduceIncidentInputs(EMPTY_INCIDENT_STATE, [0, 1, 2].flatMap((s) => cycleInputs(s, 5)));
    const openBefore = new Map(first.state.open);
    reduceIncidentInputs(first.state, cycleInputs(3, 5).concat(cycleInputs(40, 5)));
    expect(first.state.open).toEqual(openBefore);
  });
});

