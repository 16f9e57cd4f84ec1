import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from './store-schema';

/**
 * 001_initial. Written once for both dialects: bigint for epoch ms (SQLite reads it as INTEGER),
 * text for JSON; only the auto-numbered ids differ. Never edit it after release: add 002.
 */
export function buildInitialMigration(dialect: StoreDialect): Migration {
  const autoId = (db: Kysely<any>, table: string) =>
    dialect === 'sqlite'
      ? db.schema.createTable(table).addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      : db.schema.createTable(table).addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());

  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('pipeline_id', 'text', (c) => c.notNull())
        .addColumn('family', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('first_seen_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('opened_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at_ms', 'bigint')
        .addColumn('acknowledged_at_ms', 'bigint')
        .addColumn('acknowledged_by', 'text')
        .addColumn('resolved_by', 'text')
        .addColumn('resolve_reason', 'text')
        .addColumn('last_change_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('incident_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_opened_idx').on('incidents').columns(['opened_at_ms', 'id']).execute();
      await db.schema.createIndex('incidents_pipeline_status_idx').on('incidents').columns(['pipeline_id', 'status']).execute();
      await db.schema.createIndex('incidents_status_idx').on('incidents').column('status').execute();

      await autoId(db, 'timeline_entries')
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('entry_json', 'text', (c) => c.notNull())
        .addUniqueConstraint('timeline_entries_once', ['incident_id', 'kind', 'at_ms', 'digest'])
        .execute();
      await db.schema.createIndex('timeline_entries_incident_idx').on('timeline_entries').columns(['incident_id', 'at_ms']).execute();

      await db.schema
        .createTable('evidence_points')
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('point_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('evidence_points_pk', ['incident_id', 'at_ms'])
        .execute();

      await autoId(db, 'mutes')
        .addColumn('pipeline_id', 'text', (c) => c.notNull())
        .addColumn('from_ms', 'bigint', (c) => c.notNull())
        .addColumn('until_ms', 'bigint', (c) => c.notNull())
        .addColumn('muted_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('unmuted_at_ms', 'bigint')
        .addColumn('unmuted_by', 'text')
        .execute();
      await db.schema.createIndex('mutes_window_idx').on('mutes').columns(['until_ms', 'from_ms']).execute();
      await db.schema.createIndex('mutes_pipeline_idx').on('mutes').columns(['pipeline_id', 'until_ms']).execute();

      await autoId(db, 'external_alerts')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('starts_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('ends_at_ms', 'bigint')
        .addColumn('labels_json', 'text', (c) => c.notNull())
        .addColumn('annotations_json', 'text', (c) => c.notNull())
        .addColumn('pipeline_id', 'text')
        .addColumn('incident_id', 'text', (c) => c.references('incidents.id').onDelete('set null'))
        .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('external_alerts_once', ['fingerprint', 'starts_at_ms', 'status'])
        .execute();
      await db.schema.createIndex('external_alerts_incident_idx').on('external_alerts').column('incident_id').execute();
      await db.schema.createIndex('external_alerts_fingerprint_idx').on('external_alerts').columns(['fingerprint', 'received_at_ms']).execute();
    },

    async down(db: Kysely<any>) {
      for (const table of ['external_alerts', 'mutes', 'evidence_points', 'timeline_entries', 'incidents']) await db.schema.dropTable(table).execute();
    },
  };
}
