import { describe, expect, it } from 'vitest';
import {
  appendObservation,
  EMPTY_OFFSET_TIME_TABLE,
  type AppendOutcome,
  type OffsetTimeTable,
  type OffsetTimeTableLimits,
} from '../../../lib/time-lag/offset-time-table';

type Point = [logEndOffset: number, observedAtMs: number];

function appendAll(points: Point[], limits?: OffsetTimeTableLimits): AppendOutcome[] {
  const outcomes: AppendOutcome[] = [];
  let table: OffsetTimeTable = EMPTY_OFFSET_TIME_TABLE;
  for (const [offset, atMs] of points) {
    const outcome = appendObservation(table, { logEndOffset: BigInt(offset), observedAtMs: atMs }, limits);
    outcomes.push(outcome);
    table = outcome.table;
  }
  return outcomes;
}

function points(table: OffsetTimeTable): Point[] {
  return table.map((point) => [Number(point.logEndOffset), point.observedAtMs]);
}

describe('appendObservation', () => {
  const cases: { desc: string; input: { points: Point[]; limits?: OffsetTimeTableLimits }; expected: { kinds: string[]; table: Point[] } }[] = [
    {
      desc: 'the first observation starts the table',
      input: { points: [[100, 0]] },
      expected: { kinds: ['appended'], table: [[100, 0]] },
    },
    {
      desc: 'growing offsets are all kept',
      input: { points: [[100, 0], [150, 1_000], [210, 2_000]] },
      expected: { kinds: ['appended', 'appended', 'appended'], table: [[100, 0], [150, 1_000], [210, 2_000]] },
    },
    {
      desc: 'a flat run keeps its first and last point only',
      input: { points: [[100, 0], [100, 1_000], [100, 2_000], [100, 3_000]] },
      expected: { kinds: ['appended', 'appended', 'appended', 'appended'], table: [[100, 0], [100, 3_000]] },
    },
    {
      desc: 'a flat run followed by growth keeps when the run started and when it ended',
      input: { points: [[50, 0], [100, 1_000], [100, 2_000], [100, 3_000], [150, 4_000]] },
      expected: { kinds: ['appended', 'appended', 'appended', 'appended', 'appended'], table: [[50, 0], [100, 1_000], [100, 3_000], [150, 4_000]] },
    },
    {
      desc: 'end offset going backwards (topic recreated) resets the table',
      input: { points: [[100, 0], [200, 1_000], [30, 2_000]] },
      expected: { kinds: ['appended', 'appended', 'reset'], table: [[30, 2_000]] },
    },
    {
      desc: 'an observation at the same time as the last is ignored',
      input: { points: [[100, 1_000], [120, 1_000]] },
      expected: { kinds: ['appended', 'ignored'], table: [[100, 1_000]] },
    },
    {
      desc: 'an observation older than the last is ignored, not a reset',
      input: { points: [[100, 1_000], [90, 500]] },
      expected: { kinds: ['appended', 'ignored'], table: [[100, 1_000]] },
    },
    {
      desc: 'a non-finite time is ignored',
      input: { points: [[100, 0], [120, NaN]] },
      expected: { kinds: ['appended', 'ignored'], table: [[100, 0]] },
    },
    {
      desc: 'a negative offset is ignored',
      input: { points: [[100, 0], [-1, 1_000]] },
      expected: { kinds: ['appended', 'ignored'], table: [[100, 0]] },
    },
    {
      desc: 'points older than maxAgeMs before the newest are dropped; the boundary point stays',
      input: { points: [[0, 0], [10, 5_000], [20, 10_000], [30, 15_000]], limits: { maxPoints: 100, maxAgeMs: 10_000 } },
      expected: { kinds: ['appended', 'appended', 'appended', 'appended'], table: [[10, 5_000], [20, 10_000], [30, 15_000]] },
    },
    {
      desc: 'age drops the start of a long flat run but keeps its end',
      input: { points: [[100, 0], [100, 1_000], [100, 20_000], [150, 21_000]], limits: { maxPoints: 100, maxAgeMs: 10_000 } },
      expected: { kinds: ['appended', 'appended', 'appended', 'appended'], table: [[100, 20_000], [150, 21_000]] },
    },
    {
      desc: 'count bound on steady flow thins the oldest interior points, keeping the first',
      input: { points: [[0, 0], [10, 1_000], [20, 2_000], [30, 3_000], [40, 4_000], [50, 5_000]], limits: { maxPoints: 4, maxAgeMs: 3_600_000 } },
      expected: { kinds: Array(6).fill('appended'), table: [[0, 0], [30, 3_000], [40, 4_000], [50, 5_000]] },
    },
    {
      desc: 'count bound keeps the end of a flat run before a burst',
      input: { points: [[0, 0], [0, 1_000], [100, 2_000], [200, 3_000], [300, 4_000]], limits: { maxPoints: 4, maxAgeMs: 3_600_000 } },
      expected: { kinds: Array(5).fill('appended'), table: [[0, 0], [0, 1_000], [200, 3_000], [300, 4_000]] },
    },
    {
      desc: 'a count bound below two still keeps two points',
      input: { points: [[0, 0], [10, 1_000], [20, 2_000]], limits: { maxPoints: 1, maxAgeMs: 3_600_000 } },
      expected: { kinds: Array(3).fill('appended'), table: [[0, 0], [20, 2_000]] },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const outcomes = appendAll(input.points, input.limits);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(expected.kinds);
    expect(points(outcomes.at(-1)!.table)).toEqual(expected.table);
  });

  it('reports the end offset a reset discarded', () => {
    const outcome = appendAll([[100, 0], [200, 1_000], [30, 2_000]]).at(-1);
    expect(outcome).toEqual({ kind: 'reset', table: [{ logEndOffset: 30n, observedAtMs: 2_000 }], previousLogEndOffset: 200n });
  });

  it('says why an observation was ignored and returns the same table', () => {
    const table: OffsetTimeTable = [{ logEndOffset: 100n, observedAtMs: 1_000 }];
    expect(appendObservation(table, { logEndOffset: 120n, observedAtMs: 1_000 })).toEqual({ kind: 'ignored', table, reason: 'not-newer' });
    expect(appendObservation(table, { logEndOffset: 120n, observedAtMs: Infinity })).toEqual({ kind: 'ignored', table, reason: 'invalid-observation' });
    expect(appendObservation(table, { logEndOffset: 120n, observedAtMs: 1_000 }).table).toBe(table);
  });

  it('never mutates the table it was given', () => {
    const table: OffsetTimeTable = Object.freeze([Object.freeze({ logEndOffset: 100n, observedAtMs: 0 })]);
    const outcome = appendObservation(table, { logEndOffset: 150n, observedAtMs: 1_000 });
    expect(table).toHaveLength(1);
    expect(outcome.table).toHaveLength(2);
  });

  it('stays within the default bounds after two hours of one-second samples', () => {
    let table: OffsetTimeTable = EMPTY_OFFSET_TIME_TABLE;
    for (let second = 0; second <= 7_200; second++) {
      // Bursty: 50 messages a second for 20 s, then 10 s of nothing.
      const offset = BigInt(Math.floor(second / 30) * 1_000 + Math.min(second % 30, 20) * 50);
      table = appendObservation(table, { logEndOffset: offset, observedAtMs: second * 1_000 }).table;
    }
    expect(table.length).toBeLessThanOrEqual(720);
    expect(table[0]!.observedAtMs).toBeGreaterThanOrEqual(7_200_000 - 3_600_000);
    expect(table.at(-1)!.observedAtMs).toBe(7_200_000);
  });
});
