import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentChange } from '../../../lib/incidents/incident';
import type { IncidentStore } from '../../../lib/incidents/incident-store';
import { notificationOf } from '../../../lib/notify/notification';
import { FencedWriteError } from '../../../collectors/store/fenced-write-error';
import { openStore } from '../../../collectors/store/open-store';
import { createPostgresLeaderLease } from '../../../collectors/store/postgres-leader-lease';
import { createTestDatabase } from '../../../lab/replicas/replica-process';
import { scenario } from '../../lib/incidents/incident-fixtures';

/**
 * The lease and the fence on the machine's PostgreSQL, in a database of this file's own: who
 * holds the lease, what a lapsed lease lets another replica do, and which writes the token refuses.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let store: IncidentStore;
const LEASE_MS = 1_500;
const lease = (holder: string) => createPostgresLeaderLease({ url: database.url, leaseMs: LEASE_MS, queryTimeoutMs: 2_000, applicationName: `pipewatch ${holder} lease` });

beforeAll(async () => {
  database = await createTestDatabase();
  const opened = await openStore({ kind: 'postgres', url: database.url });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.store;
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const opened = (): IncidentChange[] => scenario().changes.filter((c) => c.kind === 'opened').slice(0, 1);
const deliveriesOf = (changes: IncidentChange[]) => changes.flatMap((c) => {
  const notification = notificationOf(c);
  return notification === null ? [] : [{ targetId: 'hook', notification }];
});

describe('the PostgreSQL lease', () => {
  it('one holder at a time; a lapsed lease goes to the next claimer under a higher token, and the old token is refused', async () => {
    const a = lease('a');
    const b = lease('b');
    try {
      const first = await a.claim('a', null);
      expect(first).toEqual({ token: expect.any(Number) });
      expect(await b.claim('b', null)).toBeNull();
      expect(await a.claim('a', first!.token)).toEqual(first);

      await sleep(LEASE_MS + 300);
      const second = await b.claim('b', null);
      expect(second!.token).toBe(first!.token + 1);
      // The old holder's renewal finds its token overtaken and the lease held: nothing.
      expect(await a.claim('a', first!.token)).toBeNull();

      await b.release('b', second!.token);
      const third = await a.claim('a', null);
      expect(third!.token).toBe(second!.token + 1);
      await a.release('a', third!.token);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('tells its holder when its connection is terminated', async () => {
    const a = lease('cut-me');
    try {
      const lost = new Promise<void>((resolve) => a.onConnectionLost(resolve));
      const held = await a.claim('cut-me', null);
      await database.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'pipewatch cut-me lease' and datname = $1", [database.name]);
      await lost;
      // A new connection on the next call: the lease is still this holder's until it lapses.
      expect(await a.claim('cut-me', held!.token)).toEqual(held);
      await a.release('cut-me', held!.token);
    } finally {
      await a.close();
    }
  });
});

describe('fenced incident writes and the outbox', () => {
  it("refuses a stale token's changes and their notifications, and records the holder's with them in one transaction", async () => {
    const a = lease('writer-a');
    const b = lease('writer-b');
    try {
      const old = await a.claim('writer-a', null);
      await sleep(LEASE_MS + 300);
      const current = await b.claim('writer-b', null);
      const changes = opened();
      await expect(store.recordChanges(changes, { fence: { holder: 'writer-a', token: old!.token }, notifications: deliveriesOf(changes) })).rejects.toBeInstanceOf(FencedWriteError);
      expect(await store.openIncidents()).toEqual([]);
      expect(await store.pendingNotifications(10)).toEqual([]);
      const evidence = store.recordEvidence(changes[0]!.kind === 'rejected' ? '' : changes[0]!.incident.id, [], { holder: 'writer-a', token: old!.token });
      await expect(evidence).rejects.toBeInstanceOf(FencedWriteError);

      const summary = await store.recordChanges(changes, { fence: { holder: 'writer-b', token: current!.token }, notifications: deliveriesOf(changes) });
      expect(summary.incidentsWritten).toBe(1);
      const due = await store.pendingNotifications(10);
      expect(due.map((d) => `${d.targetId} ${d.notification.key}`)).toEqual(deliveriesOf(changes).map((d) => `hook ${d.notification.key}`));
      // The notification comes back whole: the incident inside it as the reducer had it.
      expect(due[0]!.notification).toEqual(deliveriesOf(changes)[0]!.notification);

      // Due twice (a replay, another replica) is one row; settled, it is no longer due.
      expect(await store.enqueueNotifications(deliveriesOf(changes))).toBe(0);
      await store.settleNotification('hook', due[0]!.notification.key, 'delivered');
      expect(await store.pendingNotifications(10)).toEqual([]);
      expect(await database.query('select outcome from notification_outbox')).toEqual([{ outcome: 'delivered' }]);
      await b.release('writer-b', current!.token);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
