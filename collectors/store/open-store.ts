import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { IncidentStore } from '../../lib/incidents/incident-store';
import { KyselyIncidentStore } from './kysely-incident-store';
import { migrateStore } from './store-migrations';
import { lockSqliteFile } from './sqlite-process-lock';
import type { StoreDatabase, StoreDialect } from './store-schema';

export type StoreOptions =
  /** A file; its directory is created. WAL journal, so readers do not block the writer. */
  | { kind: 'sqlite'; path: string }
  /** `schema` (default public) is created if missing and used as the search_path: tests isolate themselves with it. */
  | { kind: 'postgres'; url: string; schema?: string };

export interface StoreDeps {
  now?: () => number;
  /** An idle PostgreSQL connection failed (server restart); the pool replaces it. Without a listener pg would crash the process. */
  onBackgroundError?: (error: Error) => void;
  /** Refuse a SQLite file another process serves from (pipewatch serve); PostgreSQL is shared by design. */
  exclusive?: boolean;
  /** PostgreSQL's application_name for the store's connections (pg_stat_activity tells replicas apart). */
  applicationName?: string;
}

export type OpenStoreError =
  | { kind: 'invalid'; message: string }
  | { kind: 'unavailable'; message: string }
  /** Another process serves from the same SQLite file. */
  | { kind: 'in-use'; message: string }
  | { kind: 'migration-failed'; migration: string | null; message: string };

export type OpenStoreResult = { ok: true; store: IncidentStore; location: string } | { ok: false; error: OpenStoreError };

/** How long SQLite waits on another writer's lock, and PostgreSQL on a connection, before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const PG_CONNECT_TIMEOUT_MS = 5_000;
const PG_INT8_OID = 20;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens the database, migrates it to the newest schema, and returns the store; the one place that touches drivers. */
export async function openStore(options: StoreOptions, deps: StoreDeps = {}): Promise<OpenStoreResult> {
  const lock = options.kind === 'sqlite' && deps.exclusive === true && options.path !== ':memory:' ? lockSqliteFile(resolve(options.path)) : null;
  if (lock !== null && !lock.ok) return { ok: false, error: { kind: 'in-use', message: lock.message } };
  const release = () => (lock?.ok ? lock.release() : undefined);
  const opened = options.kind === 'sqlite' ? openSqlite(options.path) : await openPostgres(options.url, options.schema, deps.onBackgroundError ?? (() => {}), deps.applicationName ?? 'pipewatch');
  if (!opened.ok) {
    release();
    return opened;
  }
  const { db, dialect, location, schema } = opened;
  try {
    const migrated = await migrateStore(db, dialect, schema);
    if (!migrated.ok) {
      await db.destroy();
      release();
      return { ok: false, error: { kind: 'migration-failed', migration: migrated.failed, message: `${location}: ${migrated.message}` } };
    }
  } catch (error) {
    await db.destroy();
    release();
    return { ok: false, error: { kind: 'unavailable', message: `${location}: ${messageOf(error)}` } };
  }
  return { ok: true, location, store: new KyselyIncidentStore(db, { dialect, now: deps.now ?? Date.now, onClose: release }) };
}

type Opened = { ok: true; db: Kysely<StoreDatabase>; dialect: StoreDialect; location: string; schema?: string } | { ok: false; error: OpenStoreError };

function openSqlite(path: string): Opened {
  if (path.trim() === '') return { ok: false, error: { kind: 'invalid', message: 'the SQLite path is empty' } };
  const location = path === ':memory:' ? path : resolve(path);
  try {
    if (path !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    const database = new Database(location);
    database.pragma('journal_mode = WAL');
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    database.pragma('foreign_keys = ON');
    // With WAL, NORMAL never corrupts the file; a power cut may lose the last transactions, which the next cycles re-emit.
    database.pragma('synchronous = NORMAL');
    return { ok: true, db: new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database }) }), dialect: 'sqlite', location };
  } catch (error) {
    return { ok: false, error: { kind: 'unavailable', message: `SQLite ${location}: ${messageOf(error)}` } };
  }
}

async function openPostgres(url: string, schema: string | undefined, onBackgroundError: (error: Error) => void, applicationName: string): Promise<Opened> {
  const location = redactUrl(url);
  if (location === null) return { ok: false, error: { kind: 'invalid', message: 'the PostgreSQL URL is not a URL (postgres://user@host:5432/database)' } };
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) return { ok: false, error: { kind: 'invalid', message: `schema ${JSON.stringify(schema)} must be lower-case letters, digits and _` } };
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    application_name: applicationName,
    // Epoch ms live in bigint columns, which pg returns as strings; every one fits a double exactly.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === PG_INT8_OID ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', onBackgroundError);
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    else await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    return { ok: false, error: { kind: 'unavailable', message: `PostgreSQL ${location}: ${messageOf(error)}` } };
  }
  return { ok: true, db, dialect: 'postgres', location: schema === undefined ? location : `${location} (schema ${schema})`, ...(schema === undefined ? {} : { schema }) };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(messageOf).join('; ');
  return error instanceof Error ? error.message || error.name : String(error);
}
