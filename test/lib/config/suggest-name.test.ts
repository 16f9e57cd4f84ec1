import { describe, expect, it } from 'vitest';
import { editDistance, suggestName } from '../../../lib/config/suggest-name';

describe('editDistance', () => {
  const cases: { desc: string; input: [string, string]; expected: number }[] = [
    { desc: 'equal', input: ['interval', 'interval'], expected: 0 },
    { desc: 'one substitution', input: ['port', 'post'], expected: 1 },
    { desc: 'one insertion', input: ['brokers', 'brokerss'], expected: 1 },
    { desc: 'one deletion', input: ['brokers', 'broker'], expected: 1 },
    { desc: 'neighbours swapped count once', input: ['intreval', 'interval'], expected: 1 },
    { desc: 'from empty', input: ['', 'abc'], expected: 3 },
    { desc: 'nothing in common', input: ['abc', 'xyz'], expected: 3 },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(editDistance(...input)).toBe(expected);
  });
});

describe('suggestName', () => {
  const keys = ['interval', 'kafkaTimeout', 'prometheusTimeout', 'maxConcurrentRequests', 'backoff'];
  const cases: { desc: string; input: string; expected: string | null }[] = [
    { desc: 'a swap', input: 'intreval', expected: 'interval' },
    { desc: 'case only', input: 'kafkatimeout', expected: 'kafkaTimeout' },
    { desc: 'snake case finds camel case', input: 'max_concurrent_requests', expected: 'maxConcurrentRequests' },
    { desc: 'too many edits for the length', input: 'timeout', expected: null },
    { desc: 'a missing letter', input: 'backof', expected: 'backoff' },
    { desc: 'a short word needs to be close', input: 'int', expected: null },
    { desc: 'unrelated', input: 'thresholds', expected: null },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(suggestName(input, keys)).toBe(expected);
  });
});
