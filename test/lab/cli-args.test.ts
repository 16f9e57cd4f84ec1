import { describe, expect, it } from 'vitest';
import { parseDurationFlag, parseFraction, parsePositiveNumber } from '../../lab/cli-args';

describe('parseDurationFlag', () => {
  const cases = [
    { desc: 'seconds', input: '90s', expected: 90_000 },
    { desc: 'minutes', input: '2m', expected: 120_000 },
    { desc: 'milliseconds', input: '250ms', expected: 250 },
    { desc: 'hours', input: '1h', expected: 3_600_000 },
    { desc: 'bare number is seconds', input: '15', expected: 15_000 },
    { desc: 'fractional', input: '1.5s', expected: 1_500 },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(parseDurationFlag(input, 'for')).toBe(expected));

  it.each(['', 'soon', '-5s', '10 days', '5x'])('rejects %j naming the flag and the accepted forms', (input) => {
    expect(() => parseDurationFlag(input, 'for')).toThrow(/^--for ".*" is not a duration: write a number with a unit \(500ms, 30s/);
  });
});

describe('parseFraction and parsePositiveNumber', () => {
  it.each([
    { input: '0.25', expected: 0.25 },
    { input: '20%', expected: 0.2 },
    { input: '1', expected: 1 },
    { input: '0', expected: 0 },
  ])('fraction $input', ({ input, expected }) => expect(parseFraction(input, 'rate')).toBeCloseTo(expected));

  it.each(['1.5', '150%', 'half', '-0.1'])('rejects fraction %j', (input) => {
    expect(() => parseFraction(input, 'rate')).toThrow(/--rate .* is not a fraction/);
  });

  it('accepts a positive rate and rejects zero', () => {
    expect(parsePositiveNumber('500', 'rate')).toBe(500);
    expect(() => parsePositiveNumber('0', 'rate')).toThrow(/--rate "0" must be a positive number/);
  });
});
