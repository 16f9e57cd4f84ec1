import { describe, expect, it } from 'vitest';
import { bigintToNumber } from '../../../lib/cluster/bigint-to-number';

describe('bigintToNumber', () => {
  const cases = [
    { desc: 'zero', input: 0n, expected: { value: 0, exact: true } },
    { desc: 'largest exact integer', input: 9_007_199_254_740_991n, expected: { value: 9_007_199_254_740_991, exact: true } },
    { desc: 'smallest exact integer', input: -9_007_199_254_740_991n, expected: { value: -9_007_199_254_740_991, exact: true } },
    { desc: 'one past exact', input: 9_007_199_254_740_992n, expected: { value: 9_007_199_254_740_992, exact: false } },
    { desc: 'rounds to the nearest double', input: 9_007_199_254_740_993n, expected: { value: 9_007_199_254_740_992, exact: false } },
    { desc: 'int64 max is still finite', input: 9_223_372_036_854_775_807n, expected: { value: 9_223_372_036_854_775_808, exact: false } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(bigintToNumber(input)).toEqual(expected));
});
