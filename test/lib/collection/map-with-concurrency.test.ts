import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../../lib/collection/map-with-concurrency';

describe('mapWithConcurrency', () => {
  it.each([
    { desc: 'fewer items than the limit', items: 3, limit: 8, expectedPeak: 3 },
    { desc: 'more items than the limit', items: 20, limit: 4, expectedPeak: 4 },
    { desc: 'limit of one is sequential', items: 5, limit: 1, expectedPeak: 1 },
  ])('$desc: keeps order and never exceeds the limit', async ({ items, limit, expectedPeak }) => {
    let inFlight = 0;
    let peak = 0;
    const input = Array.from({ length: items }, (_, i) => i);
    const output = await mapWithConcurrency(input, limit, async (item) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (items - item) % 3));
      inFlight--;
      return item * 10;
    });
    expect(output).toEqual(input.map((i) => i * 10));
    expect(peak).toBe(expectedPeak);
  });

  it('returns an empty array for no items', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });

  it('rejects with the first failure', async () => {
    await expect(mapWithConcurrency([1, 2, 3], 2, async (i) => (i === 2 ? Promise.reject(new Error('boom 2')) : i))).rejects.toThrow('boom 2');
  });
});
