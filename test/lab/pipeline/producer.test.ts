import { describe, expect, it } from 'vitest';
import { accrueCredit } from '../../../lab/pipeline/producer';

describe('accrueCredit', () => {
  const cases = [
    { desc: '50/s over 100 ms is 5 events', input: { remainder: 0, rate: 50, elapsedMs: 100, max: 5_000 }, expected: { count: 5, remainder: 0 } },
    { desc: 'fractions carry over', input: { remainder: 0, rate: 3, elapsedMs: 100, max: 5_000 }, expected: { count: 0, remainder: 0.3 } },
    { desc: 'carried fractions add up', input: { remainder: 0.9, rate: 3, elapsedMs: 100, max: 5_000 }, expected: { count: 1, remainder: 0.2 } },
    { desc: 'a late tick sends what is owed', input: { remainder: 0, rate: 50, elapsedMs: 300, max: 5_000 }, expected: { count: 15, remainder: 0 } },
    { desc: 'a long stall is capped and the excess dropped', input: { remainder: 0, rate: 1_000, elapsedMs: 60_000, max: 5_000 }, expected: { count: 5_000, remainder: 1 } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const credit = accrueCredit(input.remainder, input.rate, input.elapsedMs, input.max);
    expect(credit.count).toBe(expected.count);
    expect(credit.remainder).toBeCloseTo(expected.remainder, 9);
  });
});
