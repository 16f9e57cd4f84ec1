import { describe, expect, it } from 'vitest';
import type { FailureType } from '../../../lib/diagnosis/failure-table';
import {
  finalType,
  scoreRun,
  secondsSummary,
  type ConfusionRow,
  type EpisodeScore,
  type IncidentVerdict,
  type ScoreInput,
  type ScoredIncident,
  type TypeScore,
} from '../../../lab/bench/score-evaluate';
import type { FaultEpisode } from '../../../lab/bench/score-ground-truth';
import { EXPECTED_TYPE } from '../../../lab/bench/score-schedule';

const S = 1_000;
const GRACE = 30 * S;

const LABELS: Partial<Record<FaultEpisode['fault'], [string, Record<string, number>]>> = {
  'slow-sink': ['slow-sink latencyMs=400', { latencyMs: 400 }],
  'transient-errors': ['transient-errors rate=0.3', { rate: 0.3 }],
  'producer-burst': ['producer-burst rate=5', { rate: 5 }],
};

/** A fault from startS to endS, in seconds from the run's start. */
const ep = (fault: FaultEpisode['fault'], startS: number, endS: number): FaultEpisode => {
  const [label, params] = LABELS[fault] ?? [fault, {}];
  return { fault, params, label, startMs: startS * S, endMs: endS * S, endCause: 'expired' };
};

/** An incident opened at openS, first seen 2 s earlier, resolved at resolvedS (null: still open); in seconds. */
const inc = (id: string, types: FailureType[], openS: number, resolvedS: number | null): ScoredIncident => ({
  id,
  family: types[0]!,
  types,
  firstSeenAtMs: openS * S - 2 * S,
  openedAtMs: openS * S,
  resolvedAtMs: resolvedS === null ? null : resolvedS * S,
  summary: `${types.join(' → ')} incident`,
});

const run = (episodes: FaultEpisode[], incidents: ScoredIncident[], span: Partial<ScoreInput> = {}): ScoreInput => ({
  episodes,
  incidents,
  runStartMs: 0,
  runEndMs: 2_000 * S,
  graceMs: GRACE,
  expected: EXPECTED_TYPE,
  ...span,
});

const ESCALATED: FailureType[] = ['transient-sink-error', 'sink-unavailable'];

type EpisodeExpectation = Omit<EpisodeScore, 'episode'>;
const miss = (expected: FailureType | null, more: Partial<EpisodeExpectation> = {}): EpisodeExpectation => ({
  expected,
  overlapped: false,
  incidentIds: [],
  detectedBy: null,
  timeToDetectMs: null,
  timeToResolveMs: null,
  resolved: false,
  flaps: 0,
  otherTypes: [],
  ...more,
});

describe('scoreRun: episodes', () => {
  const cases: { desc: string; input: ScoreInput; expected: EpisodeExpectation[] }[] = [
    {
      desc: 'an incident of the expected type during the fault detects it, timed from the fault start',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 110, 215)]),
      expected: [miss('slow-sink', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: 15 * S, resolved: true })],
    },
    {
      desc: 'an incident opening at the last moment of the grace still detects',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 230, 240)]),
      expected: [miss('slow-sink', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 130 * S, timeToResolveMs: 40 * S, resolved: true })],
    },
    {
      desc: 'an incident opening a millisecond after the grace is a miss',
      input: run([ep('slow-sink', 100, 200)], [{ ...inc('a', ['slow-sink'], 230, 240), openedAtMs: 230 * S + 1 }]),
      expected: [miss('slow-sink')],
    },
    {
      desc: 'an incident opening a millisecond before the fault starts is not its incident',
      input: run([ep('slow-sink', 100, 200)], [{ ...inc('a', ['slow-sink'], 100, 150), openedAtMs: 100 * S - 1 }]),
      expected: [miss('slow-sink')],
    },
    {
      desc: 'no incident at all is a miss',
      input: run([ep('sink-down', 100, 200)], []),
      expected: [miss('sink-unavailable')],
    },
    {
      desc: 'an incident of another type does not detect and counts as another type',
      input: run([ep('slow-sink', 100, 200)], [inc('b', ['consumer-stopped'], 120, 130)]),
      expected: [miss('slow-sink', { incidentIds: ['b'], otherTypes: ['consumer-stopped'] })],
    },
    {
      desc: 'a transient incident escalated to sink-unavailable detects an outage, timed at its open',
      input: run([ep('sink-down', 100, 200)], [inc('a', ESCALATED, 105, 205)]),
      expected: [miss('sink-unavailable', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 5 * S, timeToResolveMs: 5 * S, resolved: true })],
    },
    {
      desc: 'the same escalated incident detects transient errors too and is not another type',
      input: run([ep('transient-errors', 100, 200)], [inc('a', ESCALATED, 110, 210)]),
      expected: [miss('transient-sink-error', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: 10 * S, resolved: true })],
    },
    {
      desc: 'a flap: the first incident detects, the last one resolves, one flap',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 110, 140), inc('b', ['slow-sink'], 160, 220)]),
      expected: [miss('slow-sink', { incidentIds: ['a', 'b'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: 20 * S, resolved: true, flaps: 1 })],
    },
    {
      desc: 'a flap whose last incident is still open is not resolved, though the first was',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 110, 140), inc('b', ['slow-sink'], 160, null)]),
      expected: [miss('slow-sink', { incidentIds: ['a', 'b'], detectedBy: 'a', timeToDetectMs: 10 * S, flaps: 1 })],
    },
    {
      desc: 'incidents are taken in open order, whatever the input order',
      input: run([ep('slow-sink', 100, 200)], [inc('b', ['slow-sink'], 160, 220), inc('a', ['slow-sink'], 110, 140)]),
      expected: [miss('slow-sink', { incidentIds: ['a', 'b'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: 20 * S, resolved: true, flaps: 1 })],
    },
    {
      desc: 'a detecting incident still open at the end of the run is not resolved',
      input: run([ep('consumer-stop', 100, 200)], [inc('a', ['consumer-stopped'], 120, null)]),
      expected: [miss('consumer-stopped', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 20 * S })],
    },
    {
      desc: 'an incident resolved before the fault ended has a negative resolve time',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 110, 150)]),
      expected: [miss('slow-sink', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: -50 * S, resolved: true })],
    },
    {
      desc: "an overlapping fault's expected type is not another type of the outer fault",
      input: run([ep('sink-down', 100, 300), ep('slow-sink', 150, 250)], [inc('a', ['slow-sink'], 160, 255)]),
      expected: [
        miss('sink-unavailable', { overlapped: true, incidentIds: ['a'] }),
        miss('slow-sink', { overlapped: true, incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: 5 * S, resolved: true }),
      ],
    },
    {
      desc: 'a burst expects no type: nothing detects it and each incident during it is another type',
      input: run([ep('producer-burst', 100, 200)], [inc('a', ['slow-sink'], 120, 130)]),
      expected: [miss(null, { incidentIds: ['a'], otherTypes: ['slow-sink'] })],
    },
    {
      desc: "an incident in one fault's grace that opens during the next fault is that fault's other type",
      input: run([ep('slow-sink', 100, 200), ep('sink-down', 210, 300)], [inc('a', ['slow-sink'], 215, 220)]),
      expected: [
        miss('slow-sink', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 115 * S, timeToResolveMs: 20 * S, resolved: true }),
        miss('sink-unavailable', { incidentIds: ['a'], otherTypes: ['slow-sink'] }),
      ],
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const scores = scoreRun(input).episodes;
    expect(scores.map((s) => s.episode)).toEqual(input.episodes);
    expect(scores.map(({ episode: _episode, ...rest }) => rest)).toEqual(expected);
  });
});

describe('scoreRun: incident verdicts', () => {
  const cases: { desc: string; input: ScoreInput; expected: Record<string, IncidentVerdict> }[] = [
    { desc: 'the expected type during the fault is matched', input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 150, 160)]), expected: { a: 'matched' } },
    { desc: 'the expected type in the grace after the fault is matched', input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 225, 240)]), expected: { a: 'matched' } },
    { desc: 'an incident far from any fault is healthy', input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 1_000, 1_010)]), expected: { a: 'healthy' } },
    { desc: 'an incident with no faults in the run is healthy', input: run([], [inc('a', ['sink-unavailable'], 10, 20)]), expected: { a: 'healthy' } },
    {
      desc: 'an incident a millisecond outside the grace before a fault is healthy',
      input: run([ep('slow-sink', 100, 200)], [{ ...inc('a', ['slow-sink'], 70, 80), openedAtMs: 70 * S - 1 }]),
      expected: { a: 'healthy' },
    },
    { desc: 'another type during a fault is wrong-type', input: run([ep('slow-sink', 100, 200)], [inc('a', ['consumer-stopped'], 150, 160)]), expected: { a: 'wrong-type' } },
    {
      // Not matched (it opened before the fault) and not healthy (within the grace): the module calls it
      // wrong-type, though the fault does expect this type.
      desc: 'the expected type in the grace before the fault started is wrong-type',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 90, 110)]),
      expected: { a: 'wrong-type' },
    },
    { desc: 'an incident during a burst alone is during-burst', input: run([ep('producer-burst', 100, 200)], [inc('a', ['slow-sink'], 150, 160)]), expected: { a: 'during-burst' } },
    { desc: 'an incident in the grace before a burst is during-burst', input: run([ep('producer-burst', 100, 200)], [inc('a', ['upstream-stall'], 80, 90)]), expected: { a: 'during-burst' } },
    {
      desc: 'another type during a burst overlapping a typed fault is wrong-type',
      input: run([ep('producer-burst', 100, 300), ep('sink-down', 150, 250)], [inc('a', ['slow-sink'], 200, 210)]),
      expected: { a: 'wrong-type' },
    },
    {
      desc: "the typed fault's type during a burst overlapping it is matched",
      input: run([ep('producer-burst', 100, 300), ep('sink-down', 150, 250)], [inc('a', ['sink-unavailable'], 200, 260)]),
      expected: { a: 'matched' },
    },
    { desc: 'a transient incident escalated during an outage is matched', input: run([ep('sink-down', 100, 200)], [inc('a', ESCALATED, 105, 205)]), expected: { a: 'matched' } },
    {
      desc: 'a transient incident escalated during transient errors is wrong-type, by its final type',
      input: run([ep('transient-errors', 100, 200)], [inc('a', ESCALATED, 105, 205)]),
      expected: { a: 'wrong-type' },
    },
    {
      desc: 'each incident gets its own verdict',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 110, 120), inc('b', ['kafka-rebalance'], 130, 140), inc('c', ['slow-sink'], 900, 910)]),
      expected: { a: 'matched', b: 'wrong-type', c: 'healthy' },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(scoreRun(input).verdicts).toEqual(expected);
  });
});

const typeScore = (type: FailureType, more: Partial<TypeScore>): TypeScore => ({
  type,
  episodes: 0,
  detected: 0,
  incidents: 0,
  matched: 0,
  recall: NaN,
  precision: NaN,
  timeToDetectMs: [],
  timeToResolveMs: [],
  notResolved: 0,
  flaps: 0,
  otherTypes: 0,
  healthy: 0,
  ...more,
});

/**
 * Two slow-sink faults (one detected with a flap, one missed behind a consumer-stopped incident),
 * an outage detected by an escalated incident that never resolves, a burst with a slow-sink
 * incident in it, and a healthy slow-sink false positive.
 */
const mixed = run(
  [ep('slow-sink', 100, 200), ep('sink-down', 400, 500), ep('slow-sink', 700, 800), ep('producer-burst', 1_000, 1_100)],
  [
    inc('i1', ['slow-sink'], 105, 140),
    inc('i2', ['slow-sink'], 150, 220),
    inc('i3', ESCALATED, 410, null),
    inc('i4', ['consumer-stopped'], 720, 730),
    inc('i5', ['slow-sink'], 1_050, 1_060),
    inc('i6', ['slow-sink'], 1_500, 1_510),
  ],
);

describe('scoreRun: per-type scores', () => {
  const cases: { desc: string; input: ScoreInput; expected: TypeScore[] }[] = [
    {
      desc: 'recall, precision (burst incidents left out, healthy ones in), times, flaps, other types; in failure-table order',
      input: mixed,
      expected: [
        typeScore('slow-sink', {
          episodes: 2,
          detected: 1,
          incidents: 3,
          matched: 2,
          recall: 0.5,
          precision: 2 / 3,
          timeToDetectMs: [5 * S],
          timeToResolveMs: [20 * S],
          flaps: 1,
          otherTypes: 1,
          healthy: 1,
        }),
        typeScore('sink-unavailable', { episodes: 1, detected: 1, incidents: 1, matched: 1, recall: 1, precision: 1, timeToDetectMs: [10 * S], notResolved: 1 }),
        typeScore('consumer-stopped', { incidents: 1, precision: 0 }),
      ],
    },
    {
      desc: 'an escalation a transient fault did not earn: recall for transient, a false positive for sink-unavailable',
      input: run([ep('transient-errors', 100, 200)], [inc('a', ESCALATED, 110, 210)]),
      expected: [
        typeScore('transient-sink-error', { episodes: 1, detected: 1, recall: 1, timeToDetectMs: [10 * S], timeToResolveMs: [10 * S] }),
        typeScore('sink-unavailable', { incidents: 1, precision: 0 }),
      ],
    },
    {
      desc: 'an incident only during a burst is listed under its type but counts for nothing',
      input: run([ep('producer-burst', 100, 200)], [inc('a', ['slow-sink'], 150, 160)]),
      expected: [typeScore('slow-sink', {})],
    },
    {
      desc: 'a missed fault has recall 0 and no precision',
      input: run([ep('rebalance', 100, 200)], []),
      expected: [typeScore('kafka-rebalance', { episodes: 1, recall: 0 })],
    },
    {
      desc: 'healthy false positives alone give precision 0',
      input: run([], [inc('a', ['upstream-stall'], 100, 110), inc('b', ['upstream-stall'], 300, null)]),
      expected: [typeScore('upstream-stall', { incidents: 2, precision: 0, healthy: 2 })],
    },
    { desc: 'nothing at all scores no types', input: run([], []), expected: [] },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(scoreRun(input).types).toEqual(expected);
  });
});

describe('scoreRun: confusion matrix', () => {
  const cases: { desc: string; input: ScoreInput; expected: { columns: FailureType[]; rows: ConfusionRow[] } }[] = [
    {
      desc: 'rows by episode label, cells by final type, columns in failure-table order',
      input: mixed,
      expected: {
        columns: ['slow-sink', 'sink-unavailable', 'consumer-stopped'],
        rows: [
          { label: 'slow-sink latencyMs=400', episodes: 2, counts: { 'slow-sink': 2, 'consumer-stopped': 1 }, none: 0 },
          { label: 'sink-down', episodes: 1, counts: { 'sink-unavailable': 1 }, none: 0 },
          { label: 'producer-burst rate=5', episodes: 1, counts: { 'slow-sink': 1 }, none: 0 },
        ],
      },
    },
    {
      desc: 'an episode without incidents counts under none; a healthy incident is in no row',
      input: run([ep('consumer-stop', 100, 200), ep('consumer-stop', 300, 400)], [inc('a', ['consumer-stopped'], 110, 120), inc('b', ['slow-sink'], 900, 910)]),
      expected: { columns: ['consumer-stopped'], rows: [{ label: 'consumer-stop', episodes: 2, counts: { 'consumer-stopped': 1 }, none: 1 }] },
    },
    {
      desc: 'overlapping episodes get their own rows and both count a shared incident',
      input: run([ep('sink-down', 100, 300), ep('slow-sink', 150, 250), ep('sink-down', 600, 700)], [inc('a', ['slow-sink'], 160, 170)]),
      expected: {
        columns: ['slow-sink'],
        rows: [
          { label: 'sink-down (overlap)', episodes: 1, counts: { 'slow-sink': 1 }, none: 0 },
          { label: 'slow-sink latencyMs=400 (overlap)', episodes: 1, counts: { 'slow-sink': 1 }, none: 0 },
          { label: 'sink-down', episodes: 1, counts: {}, none: 1 },
        ],
      },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(scoreRun(input).confusion).toEqual(expected);
  });
});

describe('scoreRun: healthy span and healthy incidents', () => {
  const RUN = { runStartMs: 0, runEndMs: 1_000 * S };
  const cases: { desc: string; input: ScoreInput; expected: { healthyMs: number; healthyIds: string[] } }[] = [
    { desc: 'no faults: the whole run is healthy', input: run([], [], RUN), expected: { healthyMs: 1_000 * S, healthyIds: [] } },
    { desc: 'one fault takes its span and both graces', input: run([ep('slow-sink', 100, 200)], [], RUN), expected: { healthyMs: 840 * S, healthyIds: [] } },
    {
      desc: 'graces that touch are not counted twice',
      input: run([ep('slow-sink', 100, 200), ep('sink-down', 250, 300)], [], RUN),
      expected: { healthyMs: 740 * S, healthyIds: [] },
    },
    {
      desc: 'a fault nested in another adds nothing',
      input: run([ep('sink-down', 100, 400), ep('slow-sink', 200, 300)], [], RUN),
      expected: { healthyMs: 640 * S, healthyIds: [] },
    },
    { desc: 'a fault at the run start is clamped to it', input: run([ep('slow-sink', 10, 100)], [], RUN), expected: { healthyMs: 870 * S, healthyIds: [] } },
    { desc: 'a fault open at the run end is clamped to it', input: run([ep('slow-sink', 900, 1_000)], [], RUN), expected: { healthyMs: 870 * S, healthyIds: [] } },
    { desc: 'a fault before the run start covers nothing', input: run([ep('slow-sink', -500, -100)], [], RUN), expected: { healthyMs: 1_000 * S, healthyIds: [] } },
    { desc: 'a fault over the whole run leaves nothing healthy', input: run([ep('slow-sink', 0, 1_000)], [], RUN), expected: { healthyMs: 0, healthyIds: [] } },
    { desc: 'the mixed run: four faults and one healthy false positive', input: mixed, expected: { healthyMs: 1_360 * S, healthyIds: ['i6'] } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const score = scoreRun(input);
    expect({ healthyMs: score.healthyMs, healthyIds: score.healthyIncidents.map((i) => i.id) }).toEqual(expected);
  });
});

describe('finalType', () => {
  const cases: { desc: string; input: FailureType[]; expected: FailureType }[] = [
    { desc: 'an incident that never escalated', input: ['slow-sink'], expected: 'slow-sink' },
    { desc: 'an escalated incident ends as its last type', input: ESCALATED, expected: 'sink-unavailable' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(finalType(inc('a', input, 100, null))).toBe(expected);
  });
});

describe('secondsSummary', () => {
  const cases: { desc: string; input: number[]; expected: { medianSeconds: number; p95Seconds: number } }[] = [
    { desc: 'no values: NaN', input: [], expected: { medianSeconds: NaN, p95Seconds: NaN } },
    { desc: 'one value is both', input: [1_500], expected: { medianSeconds: 1.5, p95Seconds: 1.5 } },
    { desc: 'nearest rank, in seconds, whatever the order', input: [4_000, 1_000, 3_000, 2_000], expected: { medianSeconds: 2, p95Seconds: 4 } },
    {
      desc: 'p95 of twenty values is the nineteenth',
      input: Array.from({ length: 20 }, (_, i) => (20 - i) * 1_000),
      expected: { medianSeconds: 10, p95Seconds: 19 },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(secondsSummary(input)).toEqual(expected);
  });
});
