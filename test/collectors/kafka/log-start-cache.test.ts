import { describe, expect, it } from 'vitest';
import { isLogStartDue, LogStartCache } from '../../../collectors/kafka/log-start-cache';

describe('isLogStartDue', () => {
  const base = { cached: { logStartOffset: 100n, readAtCycle: 10 }, logEndOffset: 1_100n, committed: [900n], cycle: 11, everyCycles: 12 };
  const cases = [
    { desc: 'never read', input: { ...base, cached: undefined }, expected: true },
    { desc: 'no end offset yet', input: { ...base, logEndOffset: undefined }, expected: true },
    { desc: 'read recently, commits far from the log start', input: base, expected: false },
    { desc: 'every N cycles', input: { ...base, cycle: 22 }, expected: true },
    { desc: 'a commit in the oldest tenth of the retained records', input: { ...base, committed: [900n, 150n] }, expected: true },
    { desc: 'a commit already below the log start', input: { ...base, committed: [50n] }, expected: true },
    { desc: 'a commit just past the oldest tenth', input: { ...base, committed: [200n] }, expected: false },
    { desc: 'nothing committed', input: { ...base, committed: [null] }, expected: false },
    { desc: 'an empty partition, committed at its end', input: { ...base, logEndOffset: 100n, committed: [100n] }, expected: false },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(isLogStartDue(input)).toBe(expected));
});

describe('LogStartCache', () => {
  it('keeps log start and end by topic id, and forgets partitions no longer sampled', () => {
    const cache = new LogStartCache();
    cache.setLogStart('t1', 0, 5n, 1);
    cache.setLogEnd('t1', 0, 50n);
    cache.setLogStart('t2', 0, 7n, 1);
    expect(cache.get('t1', 0)).toEqual({ logStartOffset: 5n, readAtCycle: 1, logEndOffset: 50n });
    // The same name created again has a new topic id: nothing is carried over.
    expect(cache.get('t1-recreated', 0)).toBeUndefined();
    cache.retain(new Set(['t1/0']));
    expect(cache.get('t2', 0)).toBeUndefined();
    expect(cache.get('t1', 0)?.logStartOffset).toBe(5n);
  });
});
