/**
 * Makes a domain value JSON-safe: bigint offsets become decimal strings (int64 does not fit a JSON
 * number), everything else is kept. The one conversion every JSON output goes through.
 */
export type JsonSafe<T> = T extends bigint
  ? string
  : T extends (infer U)[]
    ? JsonSafe<U>[]
    : T extends object
      ? { [K in keyof T]: JsonSafe<T[K]> }
      : T;

export function toJsonSafe<T>(value: T): JsonSafe<T> {
  if (typeof value === 'bigint') return value.toString() as JsonSafe<T>;
  if (Array.isArray(value)) return value.map(toJsonSafe) as JsonSafe<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJsonSafe(inner)])) as JsonSafe<T>;
  }
  return value as JsonSafe<T>;
}
