import type { Kysely, Migration } from 'kysely';

/**
 * 004_pipeline_last_active. Per pipeline, when Pipewatch last saw it consuming, so a group that
 * was active before a restart and is Empty after it is stopped (an incident), not inactive.
 */
export function buildLastActiveMigration(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('pipeline_activity')
        .addColumn('pipeline_id', 'text', (c) => c.primaryKey())
        .addColumn('last_active_at_ms', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('pipeline_activity').execute();
    },
  };
}
