import { describe, expect, it } from 'vitest';
import type { FailureType } from '../../../lib/diagnosis/failure-table';
import { finalType, scoreRun, secondsSummary, type ConfusionRow, type ScoreInput, type TypeScore } from '../../../lab/bench/score-evaluate';
import { ep, ESCALATED, inc, run, S } from './score-fixtures';

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
