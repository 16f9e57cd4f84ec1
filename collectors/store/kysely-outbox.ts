import type { Kysely } from 'kysely';
import { toJsonSafe } from '../../lib/api/json-safe';
import type { OutboxDelivery, OutboxOutcome } from '../../lib/incidents/incident-store';
import { parseIncidentJson } from '../../lib/incidents/parse-incident-json';
import { NOTIFICATION_EVENTS, type Notification } from '../../lib/notify/notification';
import type { StoreDatabase } from './store-schema';
import { inChunks, insertedCount, type StoreTransaction } from './store-writes';

/** The notification outbox: due notifications written with the change that calls for them, settled once sent. */

/** Idempotent per target and notification key: a notification due twice is one row. Returns the rows added. */
export async function insertDeliveries(trx: StoreTransaction | Kysely<StoreDatabase>, deliveries: readonly OutboxDelivery[], nowMs: number): Promise<number> {
  let added = 0;
  for (const chunk of inChunks(deliveries)) {
    const result = await trx
      .insertInto('notification_outbox')
      .values(
        chunk.map(({ targetId, notification }) => ({
          target_id: targetId,
          notification_key: notification.key,
          incident_id: notification.incident.id,
          notification_json: JSON.stringify(toJsonSafe(notification)),
          enqueued_at_ms: nowMs,
          settled_at_ms: null,
          outcome: null,
        })),
      )
      .onConflict((oc) => oc.columns(['target_id', 'notification_key']).doNothing())
      .executeTakeFirst();
    added += insertedCount(result);
  }
  return added;
}

/** Due notifications, oldest first. */
export async function pendingDeliveries(db: Kysely<StoreDatabase>, limit: number): Promise<OutboxDelivery[]> {
  const rows = await db
    .selectFrom('notification_outbox')
    .select(['target_id', 'notification_json'])
    .where('settled_at_ms', 'is', null)
    .orderBy('enqueued_at_ms')
    .orderBy('notification_key')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ targetId: row.target_id, notification: parseNotificationJson(row.notification_json) }));
}

export async function settleDelivery(db: Kysely<StoreDatabase>, targetId: string, key: string, outcome: OutboxOutcome, nowMs: number): Promise<void> {
  await db
    .updateTable('notification_outbox')
    .set({ settled_at_ms: nowMs, outcome })
    .where('target_id', '=', targetId)
    .where('notification_key', '=', key)
    .where('settled_at_ms', 'is', null)
    .execute();
}

function parseNotificationJson(text: string): Notification {
  const value = JSON.parse(text) as { event?: unknown; key?: unknown; atMs?: unknown; incident?: unknown };
  if (!(NOTIFICATION_EVENTS as readonly unknown[]).includes(value.event) || typeof value.key !== 'string' || typeof value.atMs !== 'number') {
    throw new Error(`stored notification is not a Notification: ${text.slice(0, 200)}`);
  }
  return { event: value.event as Notification['event'], key: value.key, atMs: value.atMs, incident: parseIncidentJson(JSON.stringify(value.incident)) };
}
