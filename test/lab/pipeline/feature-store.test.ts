import { describe, expect, it } from 'vitest';
import type { TransactionEvent } from '../../../lab/pipeline/events';
import { createFeatureStore } from '../../../lab/pipeline/feature-store';

function event(id: string, entity: string, second: number, amount = 10): TransactionEvent {
  return { event_id: id, entity_id: entity, amount, currency: 'EUR', event_time: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString() };
}

describe('createFeatureStore', () => {
  const cases = [
    {
      desc: 'the same event twice is one write',
      input: [event('a', 'card-1', 1), event('a', 'card-1', 1)],
      expected: { outcomes: ['written', 'duplicate'], lastEventId: 'a' },
    },
    {
      desc: 'a newer event overwrites',
      input: [event('a', 'card-1', 1), event('b', 'card-1', 2)],
      expected: { outcomes: ['written', 'written'], lastEventId: 'b' },
    },
    {
      desc: 'an older event arriving late is ignored as stale',
      input: [event('b', 'card-1', 2), event('a', 'card-1', 1)],
      expected: { outcomes: ['written', 'stale'], lastEventId: 'b' },
    },
    {
      desc: 'a redelivered stale event is a duplicate',
      input: [event('b', 'card-1', 2), event('a', 'card-1', 1), event('a', 'card-1', 1)],
      expected: { outcomes: ['written', 'stale', 'duplicate'], lastEventId: 'b' },
    },
    {
      desc: 'an equal event time is not stale: last writer wins',
      input: [event('a', 'card-1', 1), event('b', 'card-1', 1)],
      expected: { outcomes: ['written', 'written'], lastEventId: 'b' },
    },
    {
      desc: 'entities are independent',
      input: [event('a', 'card-1', 5), event('b', 'card-2', 1)],
      expected: { outcomes: ['written', 'written'], lastEventId: 'a' },
    },
    {
      desc: 'a negative amount is rejected and leaves the row alone',
      input: [event('a', 'card-1', 1), event('b', 'card-1', 2, -3)],
      expected: { outcomes: ['written', 'rejected'], lastEventId: 'a' },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const store = createFeatureStore();
    expect(input.map((e) => store.upsert(e).kind)).toEqual(expected.outcomes);
    expect(store.get('card-1')?.eventId).toBe(expected.lastEventId);
  });

  it('counts outcomes', () => {
    const store = createFeatureStore();
    [event('a', 'card-1', 2), event('a', 'card-1', 2), event('b', 'card-1', 1), event('c', 'card-2', 1, -1)].forEach((e) => store.upsert(e));
    expect(store.stats()).toEqual({ written: 1, duplicates: 1, stale: 1, rejected: 1, entities: 1, rememberedEventIds: 2 });
  });

  it('keeps its memory bounded, forgetting the oldest first', () => {
    const store = createFeatureStore({ maxEventIds: 2, maxEntities: 2 });
    ['card-1', 'card-2', 'card-3'].forEach((entity, i) => store.upsert(event(`e${i}`, entity, i)));
    expect(store.stats()).toMatchObject({ entities: 2, rememberedEventIds: 2 });
    expect(store.get('card-1')).toBeUndefined();
    // e0 was forgotten, so its redelivery is no longer recognised as a duplicate.
    expect(store.upsert(event('e0', 'card-1', 0)).kind).toBe('written');
    expect(store.upsert(event('e2', 'card-3', 2)).kind).toBe('duplicate');
  });
});
