/**
 * Durations as people write them in flags and config files. A bare number is seconds, as the lab
 * CLI has always read `--interval 15`; compound forms ("1m30s") follow Prometheus and Go.
 */

export type DurationResult = { ok: true; valueMs: number } | { ok: false; error: string };

export const DURATION_FORMS = 'a number with a unit (500ms, 30s, 1.5m, 1h, 1d, 1m30s) or a bare number of seconds (15)';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const UNITS_DESCENDING = ['d', 'h', 'm', 's', 'ms'];
const BARE_SECONDS = /^\d+(?:\.\d+)?$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

export function parseDurationMs(text: string): DurationResult {
  const trimmed = text.trim();
  if (BARE_SECONDS.test(trimmed)) return { ok: true, valueMs: Math.round(Number(trimmed) * 1_000) };
  const invalid: DurationResult = { ok: false, error: `${JSON.stringify(text)} is not a duration: write ${DURATION_FORMS}` };
  if (trimmed === '') return invalid;

  let totalMs = 0;
  let lastUnitIndex = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < trimmed.length) {
    const match = PART.exec(trimmed);
    if (!match) return invalid;
    const unit = match[2]!;
    const unitIndex = UNITS_DESCENDING.indexOf(unit);
    // "30s1m" or "1m1m" is more likely a typo than a sum.
    if (unitIndex <= lastUnitIndex) return invalid;
    lastUnitIndex = unitIndex;
    totalMs += Number(match[1]) * UNIT_MS[unit]!;
  }
  return { ok: true, valueMs: Math.round(totalMs) };
}
