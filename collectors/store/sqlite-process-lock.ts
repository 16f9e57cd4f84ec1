import Database from 'better-sqlite3';

export type SqliteProcessLock = { ok: true; release: () => void } | { ok: false; message: string };

/**
 * One serving process per SQLite file: an exclusive transaction held open on `<file>-lock` for the
 * process's life. The operating system drops it when the process ends, however it ends, so a
 * crash leaves no stale lock behind.
 */
export function lockSqliteFile(location: string): SqliteProcessLock {
  const lockPath = `${location}-lock`;
  let database: Database.Database;
  try {
    database = new Database(lockPath);
    database.pragma('busy_timeout = 0');
  } catch (error) {
    return { ok: false, message: `cannot open the lock file ${lockPath}: ${(error as Error).message}` };
  }
  try {
    database.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    database.close();
    if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') return { ok: false, message: `cannot lock ${lockPath}: ${(error as Error).message}` };
    return {
      ok: false,
      message:
        `another Pipewatch process is serving from ${location} (it holds ${lockPath}). SQLite keeps one process per file: ` +
        'stop the other one, give this one its own store.path, or run several replicas on PostgreSQL (DATABASE_URL)',
    };
  }
  return { ok: true, release: () => database.close() };
}
