// Kysely 0.28 (the newest line that supports Node 20) exports the migrator from its root; 0.29 moved it to kysely/migration.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { buildInitialMigration } from './initial-migration';
import { buildClampTimesMigration } from './clamp-times-migration';
import { buildRetentionIndexMigration } from './retention-index-migration';
import { buildLastActiveMigration } from './last-active-migration';
import { buildLeadershipMigration } from './leadership-migration';
import type { StoreDatabase, StoreDialect } from './store-schema';

/** Migrations live in code: nothing is read from disk at runtime, so a bundled server migrates too. */
export function buildStoreMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '001_initial': buildInitialMigration(dialect),
    '002_clamp_times': buildClampTimesMigration(),
    '003_retention_indexes': buildRetentionIndexMigration(),
    '004_pipeline_last_active': buildLastActiveMigration(),
    '005_leadership': buildLeadershipMigration(),
  };
}

export class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(this.migrations);
  }
}

export type MigrateOutcome = { ok: true; applied: string[] } | { ok: false; failed: string | null; message: string };

/** Brings the schema to the newest migration; Kysely's lock table keeps two servers from doing it at once. */
export async function migrateStore(db: Kysely<StoreDatabase>, dialect: StoreDialect, migrationTableSchema?: string): Promise<MigrateOutcome> {
  const migrator = new Migrator({
    // Migrations see the schema as it was when they were written, not StoreDatabase.
    db: db as Kysely<any>,
    provider: new InCodeMigrationProvider(buildStoreMigrations(dialect)),
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error === undefined) return { ok: true, applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  return {
    ok: false,
    failed: results.find((r) => r.status === 'Error')?.migrationName ?? null,
    message: error instanceof Error ? error.message : String(error),
  };
}
