import { describe, expect, it } from 'vitest';
import { estimateLagSeconds, type TimeLagEstimate } from '../../../lib/time-lag/estimate-lag-seconds';
import { appendObservation, EMPTY_OFFSET_TIME_TABLE, type OffsetTimeTable } from '../../../lib/time-lag/offset-time-table';

const at = (offset: number | bigint, observedAtMs: number) => ({ logEndOffset: BigInt(offset), observedAtMs });

/** 100 messages/s, observed every second for a minute: end offset 1,000 at 0 s to 7,000 at 60 s. */
const steady: OffsetTimeTable = Array.from({ length: 61 }, (_, second) => at(1_000 + 100 * second, second * 1_000));

/** Idle 10 s, a burst of 1,000 in the 11th second, idle again until 100 s (flat runs compacted). */
const burstThenIdle: OffsetTimeTable = [at(0, 0), at(0, 10_000), at(1_000, 11_000), at(1_000, 100_000)];

/** Nothing produced for an hour. */
const idle: OffsetTimeTable = [at(5_000, 0), at(5_000, 3_600_000)];

/** A long topic (a million messages) observed for its last minute at 100/s. */
const longTopic: OffsetTimeTable = Array.from({ length: 61 }, (_, second) => at(1_000_000 + 100 * second, second * 1_000));

const nearInt64Max = 9_223_372_036_000_000_000n;
const hugeTopic: OffsetTimeTable = Array.from({ length: 61 }, (_, second) => at(nearInt64Max + 100n * BigInt(second), second * 1_000));

describe('estimateLagSeconds', () => {
  const cases: {
    desc: string;
    input: { table: OffsetTimeTable; committed: bigint | null; nowMs: number; bound?: { spanFactor: number; maxMs: number } };
    expected: TimeLagEstimate;
  }[] = [
    {
      desc: 'steady flow: caught up is exactly zero',
      input: { table: steady, committed: 7_000n, nowMs: 60_000 },
      expected: { kind: 'caught-up', seconds: 0 },
    },
    {
      desc: 'committed ahead of the latest end is caught up',
      input: { table: steady, committed: 7_005n, nowMs: 60_000 },
      expected: { kind: 'caught-up', seconds: 0 },
    },
    {
      desc: 'steady flow: record 6,499 was appended when the end reached 6,500, at 55 s',
      input: { table: steady, committed: 6_499n, nowMs: 60_000 },
      expected: { kind: 'estimated', seconds: 5, confidence: 'interpolated' },
    },
    {
      desc: 'steady flow: 500 messages behind at 100/s ≈ 5 s (one message younger: 4.99 s)',
      input: { table: steady, committed: 6_500n, nowMs: 60_000 },
      expected: { kind: 'estimated', seconds: 4.99, confidence: 'interpolated' },
    },
    {
      desc: 'a late now adds real time',
      input: { table: steady, committed: 6_499n, nowMs: 70_000 },
      expected: { kind: 'estimated', seconds: 15, confidence: 'interpolated' },
    },
    {
      desc: 'a now older than the record reads as zero, not negative',
      input: { table: steady, committed: 6_499n, nowMs: 50_000 },
      expected: { kind: 'estimated', seconds: 0, confidence: 'interpolated' },
    },
    {
      desc: 'burst then idle: a consumer stuck inside the burst ages in real time (100 s)',
      input: { table: burstThenIdle, committed: 500n, nowMs: 100_000 },
      expected: { kind: 'estimated', seconds: 89.499, confidence: 'interpolated' },
    },
    {
      desc: 'burst then idle: the same consumer 100 s later is 100 s older',
      input: { table: burstThenIdle, committed: 500n, nowMs: 200_000 },
      expected: { kind: 'estimated', seconds: 189.499, confidence: 'interpolated' },
    },
    {
      desc: 'burst then idle: the burst is timed by the end of the flat run, not its start',
      input: { table: burstThenIdle, committed: 0n, nowMs: 100_000 },
      expected: { kind: 'estimated', seconds: 89.999, confidence: 'interpolated' },
    },
    {
      desc: 'burst then idle: caught up is zero however long ago the burst was',
      input: { table: burstThenIdle, committed: 1_000n, nowMs: 1_000_000_000 },
      expected: { kind: 'caught-up', seconds: 0 },
    },
    {
      desc: 'idle topic with a caught-up consumer: zero forever',
      input: { table: idle, committed: 5_000n, nowMs: 3_600_000 + 86_400_000 },
      expected: { kind: 'caught-up', seconds: 0 },
    },
    {
      desc: 'idle topic, consumer behind on records older than the table: no rate to extrapolate with',
      input: { table: idle, committed: 4_000n, nowMs: 3_600_000 },
      expected: { kind: 'unknown', reason: 'no-produce-rate' },
    },
    {
      desc: 'record appended exactly at the oldest observation: extrapolated by nothing',
      input: { table: steady, committed: 999n, nowMs: 60_000 },
      expected: { kind: 'estimated', seconds: 60, confidence: 'extrapolated', capped: false },
    },
    {
      desc: 'slightly older than the table: extrapolated at the table rate, within the bound',
      input: { table: steady, committed: 0n, nowMs: 60_000 },
      expected: { kind: 'estimated', seconds: 69.99, confidence: 'extrapolated', capped: false },
    },
    {
      desc: 'reprocessing from 0 of a long topic seen for a minute: capped at 10 × span (600 s) past the table',
      input: { table: longTopic, committed: 0n, nowMs: 60_000 },
      expected: { kind: 'estimated', seconds: 660, confidence: 'extrapolated', capped: true },
    },
    {
      desc: 'the absolute bound applies when it is tighter than the span factor',
      input: { table: longTopic, committed: 0n, nowMs: 60_000, bound: { spanFactor: 10, maxMs: 120_000 } },
      expected: { kind: 'estimated', seconds: 180, confidence: 'extrapolated', capped: true },
    },
    {
      desc: 'offsets near int64 max: reprocessing from 0 stays finite and capped',
      input: { table: hugeTopic, committed: 0n, nowMs: 60_000 },
      expected: { kind: 'estimated', seconds: 660, confidence: 'extrapolated', capped: true },
    },
    {
      desc: 'offsets near int64 max: interpolation keeps its precision',
      input: { table: hugeTopic, committed: nearInt64Max + 5_499n, nowMs: 60_000 },
      expected: { kind: 'estimated', seconds: 5, confidence: 'interpolated' },
    },
    {
      desc: 'a single observation knows when the consumer is caught up',
      input: { table: [at(100, 0)], committed: 100n, nowMs: 5_000 },
      expected: { kind: 'caught-up', seconds: 0 },
    },
    {
      desc: 'a single observation has no rate for a consumer behind it',
      input: { table: [at(100, 0)], committed: 50n, nowMs: 5_000 },
      expected: { kind: 'unknown', reason: 'no-produce-rate' },
    },
    {
      desc: 'no observations',
      input: { table: [], committed: 50n, nowMs: 5_000 },
      expected: { kind: 'unknown', reason: 'no-observations' },
    },
    {
      desc: 'no commit',
      input: { table: steady, committed: null, nowMs: 60_000 },
      expected: { kind: 'unknown', reason: 'no-commit' },
    },
    {
      desc: 'a non-finite now',
      input: { table: steady, committed: 6_500n, nowMs: NaN },
      expected: { kind: 'unknown', reason: 'invalid-clock' },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const estimate = estimateLagSeconds(input.table, input.committed, input.nowMs, input.bound);
    if (estimate.kind === 'estimated' && expected.kind === 'estimated') {
      expect({ ...estimate, seconds: 0 }).toEqual({ ...expected, seconds: 0 });
      expect(estimate.seconds).toBeCloseTo(expected.seconds, 6);
    } else {
      expect(estimate).toEqual(expected);
    }
  });

  it('after the topic is recreated, only the new history counts', () => {
    let table: OffsetTimeTable = EMPTY_OFFSET_TIME_TABLE;
    for (const point of [...steady.slice(0, 6), at(50, 6_000), at(150, 7_000)]) table = appendObservation(table, point).table;
    expect(estimateLagSeconds(table, 99n, 7_000)).toEqual({ kind: 'estimated', seconds: 0.5, confidence: 'interpolated' });
  });

  it.each([
    { desc: 'steady', input: steady },
    { desc: 'burst then idle', input: burstThenIdle },
    { desc: 'long topic', input: longTopic },
  ])('$desc: never negative or non-finite, and never grows as the consumer advances', ({ input }) => {
    const lastOffset = input.at(-1)!.logEndOffset;
    let previousSeconds = Infinity;
    for (let committed = 0n; committed <= lastOffset + 10n; committed += lastOffset / 997n + 1n) {
      const estimate = estimateLagSeconds(input, committed, 100_000);
      const seconds = estimate.kind === 'unknown' ? null : estimate.seconds;
      expect(seconds).not.toBeNull();
      expect(Number.isFinite(seconds)).toBe(true);
      expect(seconds).toBeGreaterThanOrEqual(0);
      expect(seconds).toBeLessThanOrEqual(previousSeconds);
      previousSeconds = seconds!;
    }
  });
});
