import { describe, expect, it } from 'vitest';
import { evaluatePartitionLag } from '../../../lib/cluster/partition-lag';

describe('evaluatePartitionLag', () => {
  const cases = [
    {
      desc: 'no commit: what a consumer starting from earliest would face, and no lag number',
      input: { logStartOffset: 100n, logEndOffset: 250n, committedOffset: null },
      expected: { kind: 'no-commit', retainedMessages: 150n },
    },
    {
      desc: 'no commit on an empty partition',
      input: { logStartOffset: 0n, logEndOffset: 0n, committedOffset: null },
      expected: { kind: 'no-commit', retainedMessages: 0n },
    },
    {
      desc: 'no commit, start read after a retention pass overtook a stale end: clamped at zero',
      input: { logStartOffset: 300n, logEndOffset: 250n, committedOffset: null },
      expected: { kind: 'no-commit', retainedMessages: 0n },
    },
    {
      desc: 'committed below log start: lag is what can still be consumed, the rest is lost',
      input: { logStartOffset: 1_000n, logEndOffset: 1_500n, committedOffset: 400n },
      expected: { kind: 'lost-to-retention', lagMessages: 500n, lostMessages: 600n },
    },
    {
      desc: 'committed one below log start loses exactly one message',
      input: { logStartOffset: 1_000n, logEndOffset: 1_500n, committedOffset: 999n },
      expected: { kind: 'lost-to-retention', lagMessages: 500n, lostMessages: 1n },
    },
    {
      desc: 'lost to retention with a stale end below start: lag clamped, loss still counted',
      input: { logStartOffset: 120n, logEndOffset: 100n, committedOffset: 110n },
      expected: { kind: 'lost-to-retention', lagMessages: 0n, lostMessages: 10n },
    },
    {
      desc: 'committed exactly at log start is not a loss',
      input: { logStartOffset: 1_000n, logEndOffset: 1_500n, committedOffset: 1_000n },
      expected: { kind: 'ok', lagMessages: 500n, committedAheadOfEnd: false },
    },
    {
      desc: 'ordinary lag',
      input: { logStartOffset: 0n, logEndOffset: 1_000n, committedOffset: 900n },
      expected: { kind: 'ok', lagMessages: 100n, committedAheadOfEnd: false },
    },
    {
      desc: 'caught up',
      input: { logStartOffset: 0n, logEndOffset: 1_000n, committedOffset: 1_000n },
      expected: { kind: 'ok', lagMessages: 0n, committedAheadOfEnd: false },
    },
    {
      desc: 'committed ahead of end: clamped to zero and flagged',
      input: { logStartOffset: 0n, logEndOffset: 1_000n, committedOffset: 1_005n },
      expected: { kind: 'ok', lagMessages: 0n, committedAheadOfEnd: true },
    },
    {
      desc: 'offsets beyond 2^53 subtract exactly',
      input: { logStartOffset: 0n, logEndOffset: 9_007_199_254_740_995n, committedOffset: 9_007_199_254_740_993n },
      expected: { kind: 'ok', lagMessages: 2n, committedAheadOfEnd: false },
    },
  ] as const;
  it.each(cases)('$desc', ({ input, expected }) => expect(evaluatePartitionLag(input)).toEqual(expected));
});
