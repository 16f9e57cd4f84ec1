/**
 * ECMAScript dates reach ±8.64e15 ms from 1970 (about ±273,790 years); past that `new Date()` is
 * an Invalid Date and `toISOString()` throws. A stored time can be anything an older Pipewatch
 * accepted, so formatting checks first.
 */
export const MAX_DATE_MS = 8_640_000_000_000_000;

export const INVALID_TIME = 'invalid time';

export function isDateMs(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS;
}

/** The ISO 8601 string, or null for a time no date can hold. */
export function isoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined || !isDateMs(ms) ? null : new Date(ms).toISOString();
}

/** The last millisecond of the year 9999: the latest time Pipewatch stores or accepts in a query. */
export const MAX_STORED_TIME_MS = 253_402_300_799_999;
