import { describe, expect, it } from 'vitest';
import { evaluateRate, type CounterReading, type RateOutcome } from '../../../lib/pipelines/evaluate-rate';

describe('evaluateRate', () => {
  const cases: { desc: string; input: { prev: CounterReading; next: CounterReading; maxGapMs?: number }; expected: RateOutcome }[] = [
    {
      desc: 'offsets: 500 messages in 5 s',
      input: { prev: { value: 100n, atMs: 0 }, next: { value: 600n, atMs: 5_000 } },
      expected: { kind: 'rate', perSecond: 100, elapsedMs: 5_000 },
    },
    {
      desc: 'a float counter',
      input: { prev: { value: 1.5, atMs: 1_000 }, next: { value: 4.5, atMs: 2_500 } },
      expected: { kind: 'rate', perSecond: 2, elapsedMs: 1_500 },
    },
    {
      desc: 'a bigint and a number',
      input: { prev: { value: 10n, atMs: 0 }, next: { value: 30, atMs: 2_000 } },
      expected: { kind: 'rate', perSecond: 10, elapsedMs: 2_000 },
    },
    {
      desc: 'an unchanged counter is a zero rate',
      input: { prev: { value: 42n, atMs: 0 }, next: { value: 42n, atMs: 1_000 } },
      expected: { kind: 'rate', perSecond: 0, elapsedMs: 1_000 },
    },
    {
      desc: 'bigints beyond 2^53 keep an exact difference',
      input: { prev: { value: 2n ** 60n, atMs: 0 }, next: { value: 2n ** 60n + 3n, atMs: 1_000 } },
      expected: { kind: 'rate', perSecond: 3, elapsedMs: 1_000 },
    },
    {
      desc: 'a decrease is a reset, never a negative rate',
      input: { prev: { value: 500n, atMs: 0 }, next: { value: 10n, atMs: 1_000 } },
      expected: { kind: 'reset', elapsedMs: 1_000 },
    },
    {
      desc: 'a decrease across a gap is still a reset',
      input: { prev: { value: 500, atMs: 0 }, next: { value: 10, atMs: 120_000 } },
      expected: { kind: 'reset', elapsedMs: 120_000 },
    },
    {
      desc: 'two readings at the same instant',
      input: { prev: { value: 1n, atMs: 1_000 }, next: { value: 5n, atMs: 1_000 } },
      expected: { kind: 'zero-elapsed' },
    },
    {
      desc: 'readings out of order',
      input: { prev: { value: 1n, atMs: 2_000 }, next: { value: 5n, atMs: 1_000 } },
      expected: { kind: 'out-of-order', elapsedMs: -1_000 },
    },
    {
      desc: 'exactly the default gap bound (30 s) is still a rate',
      input: { prev: { value: 0, atMs: 0 }, next: { value: 300, atMs: 30_000 } },
      expected: { kind: 'rate', perSecond: 10, elapsedMs: 30_000 },
    },
    {
      desc: 'past the default gap bound is a gap',
      input: { prev: { value: 0, atMs: 0 }, next: { value: 300, atMs: 30_001 } },
      expected: { kind: 'gap', elapsedMs: 30_001 },
    },
    {
      desc: 'a caller-chosen gap bound',
      input: { prev: { value: 0, atMs: 0 }, next: { value: 300, atMs: 6_000 }, maxGapMs: 5_000 },
      expected: { kind: 'gap', elapsedMs: 6_000 },
    },
    {
      desc: 'a NaN value (Prometheus can send one)',
      input: { prev: { value: NaN, atMs: 0 }, next: { value: 3, atMs: 1_000 } },
      expected: { kind: 'invalid', reason: 'non-finite-value' },
    },
    {
      desc: 'an infinite value',
      input: { prev: { value: 0, atMs: 0 }, next: { value: Infinity, atMs: 1_000 } },
      expected: { kind: 'invalid', reason: 'non-finite-value' },
    },
    {
      desc: 'a non-finite time',
      input: { prev: { value: 0, atMs: NaN }, next: { value: 3, atMs: 1_000 } },
      expected: { kind: 'invalid', reason: 'non-finite-time' },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(evaluateRate(input.prev, input.next, input.maxGapMs)).toEqual(expected));
});
