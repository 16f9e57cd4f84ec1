import { describe, expect, it } from 'vitest';
import { formatCount, formatLatency, formatRate, formatSeconds } from '../../../lib/units/format-units';

describe('format units', () => {
  it.each([
    { input: null, expected: '–' },
    { input: 0, expected: '0' },
    { input: 1234567.4, expected: '1,234,567' },
    { input: NaN, expected: '–' },
  ])('count $input → $expected', ({ input, expected }) => expect(formatCount(input)).toBe(expected));

  it.each([
    { input: null, expected: '–' },
    { input: 0, expected: '0/s' },
    { input: 0.05, expected: '3.0/min' },
    { input: 4.26, expected: '4.3/s' },
    { input: 1234.5, expected: '1,235/s' },
  ])('rate $input → $expected', ({ input, expected }) => expect(formatRate(input)).toBe(expected));

  it.each([
    { input: null, expected: '–' },
    { input: 0, expected: '0 s' },
    { input: 4.94, expected: '4.9 s' },
    { input: 42.4, expected: '42 s' },
    { input: 185, expected: '3 m 05 s' },
    { input: 7_500, expected: '2 h 05 m' },
    { input: 273_600, expected: '3 d 04 h' },
    { input: Infinity, expected: '∞' },
    { input: -1, expected: '–' },
  ])('seconds $input → $expected', ({ input, expected }) => expect(formatSeconds(input)).toBe(expected));

  it.each([
    { input: 0.0084, expected: '8 ms' },
    { input: 2.345, expected: '2.3 s' },
    { input: Infinity, expected: '> top bucket' },
    { input: NaN, expected: '–' },
  ])('latency $input → $expected', ({ input, expected }) => expect(formatLatency(input)).toBe(expected));
});
