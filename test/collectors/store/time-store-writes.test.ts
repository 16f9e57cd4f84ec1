import { describe, expect, it } from 'vitest';
import type { IncidentStore } from '../../../lib/incidents/incident-store';
import { timeStoreWrites, type StoreWriteObserver } from '../../../collectors/store/time-store-writes';

const answered = async () => ({ ok: true });

/** A store class with a private field, as the Kysely stores have: reads must still reach it. */
class FakeStore {
  #rows = 3;
  async recordChanges(): Promise<{ recorded: number }> {
    return { recorded: this.#rows };
  }
  async addNote(): Promise<never> {
    throw new Error('connection terminated');
  }
  async openIncidents(): Promise<number> {
    return this.#rows;
  }
  recordEvidence = answered;
  thinEvidence = answered;
  acknowledge = answered;
  resolveByHand = answered;
  mutePipeline = answered;
  unmute = answered;
  recordExternalAlert = answered;
  pruneExpired = answered;
  enqueueNotifications = answered;
  settleNotification = answered;
  recordLastActive = answered;
}

describe('timeStoreWrites', () => {
  it('times each write, counts a thrown one as failed, and passes reads through', async () => {
    const seen: Parameters<StoreWriteObserver>[0][] = [];
    const store = timeStoreWrites(new FakeStore() as unknown as IncidentStore, (write) => seen.push(write));
    expect(await store.recordChanges([])).toEqual({ recorded: 3 });
    await expect(store.addNote('i', 'ana', 'x')).rejects.toThrow('connection terminated');
    expect(await store.openIncidents()).toBe(3);
    expect(seen.map(({ operation, failed }) => ({ operation, failed }))).toEqual([
      { operation: 'recordChanges', failed: false },
      { operation: 'addNote', failed: true },
    ]);
    expect(seen.every((w) => w.durationMs >= 0)).toBe(true);
  });
});
