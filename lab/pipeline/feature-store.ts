import { eventTimeMs, type TransactionEvent } from './events';

/** The online features of one card: the latest transaction wins, by event time. */
export interface FeatureRow {
  entityId: string;
  eventId: string;
  lastAmount: number;
  currency: string;
  eventTimeMs: number;
}

export type UpsertOutcome =
  | { kind: 'written' }
  | { kind: 'duplicate' }
  | { kind: 'stale'; currentEventTimeMs: number }
  | { kind: 'rejected'; reason: 'business-rule'; detail: string };

export interface FeatureStoreStats {
  written: number;
  duplicates: number;
  stale: number;
  rejected: number;
  entities: number;
  rememberedEventIds: number;
}

export interface FeatureStore {
  upsert(event: TransactionEvent): UpsertOutcome;
  get(entityId: string): FeatureRow | undefined;
  stats(): FeatureStoreStats;
}

export interface FeatureStoreLimits {
  /** How many event ids are remembered for de-duplication; a redelivery older than that is caught by the stale guard instead. */
  maxEventIds: number;
  maxEntities: number;
}

export const DEFAULT_FEATURE_STORE_LIMITS: FeatureStoreLimits = { maxEventIds: 200_000, maxEntities: 100_000 };

/**
 * Idempotent upsert keyed by event_id plus a write-time guard that ignores events older than the
 * entity's current value, so at-least-once delivery and out-of-order arrivals leave the same state
 * as exactly-once, in-order delivery would.
 */
export function createFeatureStore(limits: FeatureStoreLimits = DEFAULT_FEATURE_STORE_LIMITS): FeatureStore {
  const rows = new Map<string, FeatureRow>();
  const seenEventIds = new Set<string>();
  const counts = { written: 0, duplicates: 0, stale: 0, rejected: 0 };

  function remember(eventId: string): void {
    seenEventIds.add(eventId);
    evictOldest(seenEventIds, limits.maxEventIds);
  }

  return {
    upsert(event) {
      if (event.amount < 0) {
        counts.rejected += 1;
        return { kind: 'rejected', reason: 'business-rule', detail: `amount ${event.amount} is negative` };
      }
      if (seenEventIds.has(event.event_id)) {
        counts.duplicates += 1;
        return { kind: 'duplicate' };
      }
      remember(event.event_id);
      const timeMs = eventTimeMs(event);
      const current = rows.get(event.entity_id);
      if (current && timeMs < current.eventTimeMs) {
        counts.stale += 1;
        return { kind: 'stale', currentEventTimeMs: current.eventTimeMs };
      }
      // Delete first so Map order stays least-recently-written first, which eviction relies on.
      rows.delete(event.entity_id);
      rows.set(event.entity_id, {
        entityId: event.entity_id,
        eventId: event.event_id,
        lastAmount: event.amount,
        currency: event.currency,
        eventTimeMs: timeMs,
      });
      evictOldest(rows, limits.maxEntities);
      counts.written += 1;
      return { kind: 'written' };
    },
    get: (entityId) => rows.get(entityId),
    stats: () => ({ ...counts, entities: rows.size, rememberedEventIds: seenEventIds.size }),
  };
}

function evictOldest(collection: Set<string> | Map<string, unknown>, max: number): void {
  for (const key of collection.keys()) {
    if (collection.size <= max) return;
    collection.delete(key);
  }
}
