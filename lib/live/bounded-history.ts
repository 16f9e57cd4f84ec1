/**
 * Recent entries, oldest first, bounded by count and by age: a server that runs for months keeps
 * flat memory. Immutable; `push` returns the new history.
 */
export interface HistoryLimits {
  maxEntries: number;
  maxAgeMs: number;
}

export interface Timed {
  atMs: number;
}

export function pushBounded<T extends Timed>(history: readonly T[], entry: T, limits: HistoryLimits): T[] {
  const oldestAllowedMs = entry.atMs - limits.maxAgeMs;
  const kept = history.filter((e) => e.atMs >= oldestAllowedMs);
  kept.push(entry);
  return kept.length > limits.maxEntries ? kept.slice(kept.length - limits.maxEntries) : kept;
}
