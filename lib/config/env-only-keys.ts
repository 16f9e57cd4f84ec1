import type { ConfigKeyPath } from './config-error';

/** Keys the environment sets and the file may not: secrets that a file would carry into backups and version control. */
export const ENV_ONLY_KEYS: readonly { path: readonly string[]; variable: string; why: string }[] = [
  { path: ['server', 'token'], variable: 'PIPEWATCH_TOKEN', why: 'a token in a file ends up in backups and version control' },
  { path: ['server', 'ingestToken'], variable: 'PIPEWATCH_INGEST_TOKEN', why: 'a token in a file ends up in backups and version control' },
  { path: ['store', 'url'], variable: 'DATABASE_URL', why: 'the URL usually holds a password; the file sets store.path for SQLite' },
];

/** Key paths whose values are secrets: never repeated in an error message, replaced by redactConfig. */
const SECRET_PATHS: readonly (readonly (string | null)[])[] = [
  ['server', 'token'],
  ['server', 'ingestToken'],
  ['store', 'url'],
  // null: any list index.
  ['notifications', 'webhooks', null, 'url'],
  ['notifications', 'slack', null, 'url'],
];

/** Env-only keys the file sets, each with its message. */
export function findEnvOnlyKeysInFile(fromFile: unknown): { path: ConfigKeyPath; message: string }[] {
  return ENV_ONLY_KEYS.filter(({ path }) => valueAt(fromFile, path) !== undefined).map(({ path, variable, why }) => ({
    path,
    message: `not read from the file: set ${variable} instead (${why})`,
  }));
}

export function isEnvOnlyKey(path: ConfigKeyPath): boolean {
  return ENV_ONLY_KEYS.some((key) => key.path.length === path.length && key.path.every((segment, i) => segment === path[i]));
}

export function isSecretPath(path: ConfigKeyPath): boolean {
  return SECRET_PATHS.some((secret) => secret.length === path.length && secret.every((segment, i) => segment === null || segment === path[i]));
}

function valueAt(raw: unknown, path: readonly string[]): unknown {
  let value = raw;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
