import type { Kysely, Migration } from 'kysely';

/**
 * 003_retention_indexes. The retention pass looks for the oldest resolved incidents and the
 * oldest unlinked alerts; without these it would scan both tables every few minutes.
 */
export function buildRetentionIndexMigration(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('incidents_resolved_idx').on('incidents').columns(['resolved_at_ms', 'id']).execute();
      await db.schema.createIndex('external_alerts_received_idx').on('external_alerts').columns(['received_at_ms', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('external_alerts_received_idx').execute();
      await db.schema.dropIndex('incidents_resolved_idx').execute();
    },
  };
}
