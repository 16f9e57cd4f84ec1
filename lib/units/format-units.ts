/** Numbers with their units, the same in the terminal and on screen. Missing values read as "–", never 0. */

export const MISSING = '–';

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return Math.round(value).toLocaleString('en-US');
}

export function formatRate(perSec: number | null | undefined): string {
  if (perSec === null || perSec === undefined || !Number.isFinite(perSec)) return MISSING;
  if (perSec === 0) return '0/s';
  if (perSec < 0.1) return `${(perSec * 60).toFixed(1)}/min`;
  return `${perSec < 10 ? perSec.toFixed(1) : Math.round(perSec).toLocaleString('en-US')}/s`;
}

/** "0 s", "4.9 s", "3 m 05 s", "2 h 05 m", "3 d 04 h". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return MISSING;
  if (seconds === Infinity) return '∞';
  if (seconds < 0) return MISSING;
  if (seconds === 0) return '0 s';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const total = Math.round(seconds);
  if (total < 3_600) return `${Math.floor(total / 60)} m ${pad(total % 60)} s`;
  if (total < 86_400) return `${Math.floor(total / 3_600)} h ${pad(Math.floor((total % 3_600) / 60))} m`;
  return `${Math.floor(total / 86_400)} d ${pad(Math.floor((total % 86_400) / 3_600))} h`;
}

/** Sink latencies: "8 ms", "2.3 s"; +Inf (top histogram bucket hit) reads as "> top bucket". */
export function formatLatency(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds) || seconds < 0) return MISSING;
  if (seconds === Infinity) return '> top bucket';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
}
