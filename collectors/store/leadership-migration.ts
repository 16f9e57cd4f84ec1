import type { Kysely, Migration } from 'kysely';

/**
 * 005_leadership. `leader_lease`: one row per role ('incidents'), the replica holding it, its
 * fencing token (raised by every new holder) and when it lapses by the database's clock.
 * `notification_outbox`: every notification due, written in the same transaction as the change
 * that calls for it, settled once delivered or given up: a new leader sends what the old one left.
 */
export function buildLeadershipMigration(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('leader_lease')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('token', 'bigint', (c) => c.notNull())
        .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('notification_outbox')
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('notification_key', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('notification_json', 'text', (c) => c.notNull())
        .addColumn('enqueued_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('settled_at_ms', 'bigint')
        .addColumn('outcome', 'text')
        .addPrimaryKeyConstraint('notification_outbox_pk', ['target_id', 'notification_key'])
        .execute();
      await db.schema.createIndex('notification_outbox_pending_idx').on('notification_outbox').columns(['settled_at_ms', 'enqueued_at_ms']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('notification_outbox').execute();
      await db.schema.dropTable('leader_lease').execute();
    },
  };
}
