import { describe, expect, it } from 'vitest';
import { evaluateTimeToDrain, type TimeToDrain } from '../../../lib/pipelines/evaluate-time-to-drain';

describe('evaluateTimeToDrain', () => {
  const cases: { desc: string; input: { lag: bigint | number; producePerSec: number; consumePerSec: number }; expected: TimeToDrain }[] = [
    { desc: 'no lag', input: { lag: 0n, producePerSec: 100, consumePerSec: 0 }, expected: { kind: 'drained' } },
    { desc: 'a negative lag is drained', input: { lag: -5, producePerSec: 100, consumePerSec: 0 }, expected: { kind: 'drained' } },
    { desc: 'no lag even with unusable rates', input: { lag: 0, producePerSec: NaN, consumePerSec: NaN }, expected: { kind: 'drained' } },
    { desc: '1,000 behind, net drain of 50/s', input: { lag: 1_000n, producePerSec: 100, consumePerSec: 150 }, expected: { kind: 'draining', seconds: 20 } },
    { desc: 'a number lag', input: { lag: 300, producePerSec: 0, consumePerSec: 60 }, expected: { kind: 'draining', seconds: 5 } },
    { desc: 'consume equals produce: not draining, zero growth', input: { lag: 1_000n, producePerSec: 100, consumePerSec: 100 }, expected: { kind: 'not-draining', netGrowthPerSec: 0 } },
    { desc: 'produce outpaces consume', input: { lag: 1_000n, producePerSec: 200, consumePerSec: 50 }, expected: { kind: 'not-draining', netGrowthPerSec: 150 } },
    { desc: 'a stopped consumer', input: { lag: 1_000n, producePerSec: 0, consumePerSec: 0 }, expected: { kind: 'not-draining', netGrowthPerSec: 0 } },
    { desc: 'a net drain too small to represent', input: { lag: 1e18, producePerSec: 0, consumePerSec: 5e-324 }, expected: { kind: 'not-draining', netGrowthPerSec: 0 } },
    { desc: 'a NaN rate', input: { lag: 10n, producePerSec: NaN, consumePerSec: 5 }, expected: { kind: 'unknown', reason: 'invalid-rate' } },
    { desc: 'a negative rate', input: { lag: 10n, producePerSec: 5, consumePerSec: -1 }, expected: { kind: 'unknown', reason: 'invalid-rate' } },
    { desc: 'an infinite rate', input: { lag: 10n, producePerSec: 5, consumePerSec: Infinity }, expected: { kind: 'unknown', reason: 'invalid-rate' } },
    { desc: 'a NaN lag', input: { lag: NaN, producePerSec: 5, consumePerSec: 10 }, expected: { kind: 'unknown', reason: 'invalid-lag' } },
  ];
  it.each(cases)('$desc', ({ input, expected }) =>
    expect(evaluateTimeToDrain(input.lag, input.producePerSec, input.consumePerSec)).toEqual(expected),
  );
});
