import { INVALID_TIME, isDateMs } from '../units/date-range';
import { formatSeconds, MISSING } from '../units/format-units';

/**
 * Times for people on call: relative ("12 s ago") next to absolute UTC ("03:12:40 UTC"), so a
 * screenshot pasted into a channel still says when. `nowMs` is always passed in: the screens tick
 * it once a second, the tests pin it.
 */

const pad = (n: number) => String(n).padStart(2, '0');

function isTime(atMs: number | null | undefined): atMs is number {
  return atMs !== null && atMs !== undefined && Number.isFinite(atMs);
}

/** A time a date can hold; stored values from older versions may not be. */
function isShownTime(atMs: number | null | undefined): atMs is number {
  return isTime(atMs) && isDateMs(atMs);
}

/** What shows instead of a time: "–" when there is none, "invalid time" when no date can hold it. */
function notATime(atMs: number | null | undefined): string {
  return isTime(atMs) ? INVALID_TIME : MISSING;
}

/** "03:12:40 UTC". */
export function formatUtcTime(atMs: number | null | undefined): string {
  if (!isShownTime(atMs)) return notATime(atMs);
  const d = new Date(atMs);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** "2026-11-24 03:12:40 UTC". */
export function formatUtcDateTime(atMs: number | null | undefined): string {
  if (!isShownTime(atMs)) return notATime(atMs);
  const d = new Date(atMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${formatUtcTime(atMs)}`;
}

/** The time alone on the day of `nowMs` (UTC), the date and time otherwise. */
export function formatUtcStamp(atMs: number | null | undefined, nowMs: number): string {
  if (!isShownTime(atMs)) return notATime(atMs);
  const sameDay = new Date(atMs).toISOString().slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10);
  return sameDay ? formatUtcTime(atMs) : formatUtcDateTime(atMs);
}

/**
 * "just now", "12 s ago", "4 m ago", "2 h 05 m ago", "3 d ago"; "in 4 s" for the future. Up to a
 * second in the future reads as now: the clocks of two machines never agree exactly.
 */
export function formatRelative(atMs: number | null | undefined, nowMs: number): string {
  if (!isShownTime(atMs)) return notATime(atMs);
  const diffMs = nowMs - atMs;
  if (diffMs > -1_000 && diffMs < 1_000) return 'just now';
  const text = formatSpan(Math.abs(diffMs));
  return diffMs > 0 ? `${text} ago` : `in ${text}`;
}

/** "03:12:40 UTC (12 s ago)". */
export function formatAbsoluteAndRelative(atMs: number | null | undefined, nowMs: number): string {
  if (!isShownTime(atMs)) return notATime(atMs);
  return `${formatUtcStamp(atMs, nowMs)} (${formatRelative(atMs, nowMs)})`;
}

/** A duration in milliseconds as prose, spaced: "45 s", "3 m 05 s", "2 h 05 m". */
export function formatDurationText(ms: number | null | undefined): string {
  if (!isTime(ms) || ms < 0) return MISSING;
  return formatSeconds(Math.round(ms / 1_000));
}

/** Coarser than formatSeconds: "12 s", "4 m", "2 h 05 m", "3 d". Relative times need no seconds after a minute. */
function formatSpan(ms: number): string {
  const seconds = Math.floor(ms / 1_000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${pad(minutes % 60)} m`;
  return `${Math.floor(hours / 24)} d`;
}
