import type { IncidentStore } from '../../lib/incidents/incident-store';

/** The store's writes, by the method name /metrics labels them with. */
export const STORE_WRITES = [
  'recordChanges',
  'recordEvidence',
  'thinEvidence',
  'acknowledge',
  'addNote',
  'resolveByHand',
  'mutePipeline',
  'unmute',
  'recordExternalAlert',
  'pruneExpired',
  'enqueueNotifications',
  'settleNotification',
  'recordLastActive',
] as const satisfies readonly (keyof IncidentStore)[];

export type StoreWrite = (typeof STORE_WRITES)[number];

/** One write as it finished: `failed` when the database threw (unreachable, a constraint), not for an answer such as "no such incident". */
export type StoreWriteObserver = (write: { operation: StoreWrite; durationMs: number; failed: boolean }) => void;

/** The same store, each write timed and its failures counted for /metrics; reads are passed through untouched. */
export function timeStoreWrites(store: IncidentStore, observe: StoreWriteObserver): IncidentStore {
  const timed: Partial<IncidentStore> = {};
  for (const operation of STORE_WRITES) {
    const write = store[operation].bind(store) as (...args: unknown[]) => Promise<unknown>;
    (timed as Record<string, unknown>)[operation] = async (...args: unknown[]) => {
      const startedMs = performance.now();
      try {
        const result = await write(...args);
        observe({ operation, durationMs: performance.now() - startedMs, failed: false });
        return result;
      } catch (error) {
        observe({ operation, durationMs: performance.now() - startedMs, failed: true });
        throw error;
      }
    };
  }
  // Reads are called on the store itself: a class store's private fields are not reachable through the proxy.
  return new Proxy(store, {
    get: (target, key) => {
      if (key in timed) return timed[key as keyof IncidentStore];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
