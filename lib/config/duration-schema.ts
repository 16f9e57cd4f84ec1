import * as z from 'zod';
import { formatDurationMs } from '../units/format-duration';
import { DURATION_FORMS, parseDurationMs, type DurationResult } from '../units/parse-duration';

export interface DurationBounds {
  minMs: number;
  maxMs: number;
}

/** A duration key: "5s" or a bare number of seconds in the file, milliseconds after parsing. */
export function durationSchema({ minMs, maxMs }: DurationBounds) {
  return z.union([z.string(), z.number()], { error: `expected a duration: ${DURATION_FORMS}` }).transform((value, ctx) => {
    const parsed = typeof value === 'number' ? secondsToDuration(value) : parseDurationMs(value);
    const shown = JSON.stringify(value);
    const fail = (message: string) => {
      ctx.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    };
    if (!parsed.ok) return fail(parsed.error);
    if (parsed.valueMs < minMs) return fail(`must be at least ${formatDurationMs(minMs)}, got ${shown}`);
    if (parsed.valueMs > maxMs) {
      // kafkajs and many clients take timeouts in milliseconds; `requestTimeout: 30000` is the likely slip.
      const hint = isBareNumber(value) ? ` (a bare number is seconds; write ${String(value).trim()}ms for milliseconds)` : '';
      return fail(`must be at most ${formatDurationMs(maxMs)}, got ${shown}${hint}`);
    }
    return parsed.valueMs;
  });
}

function secondsToDuration(seconds: number): DurationResult {
  if (!Number.isFinite(seconds) || seconds < 0) {
    return { ok: false, error: `${seconds} is not a duration: write ${DURATION_FORMS}` };
  }
  return { ok: true, valueMs: Math.round(seconds * 1_000) };
}

function isBareNumber(value: string | number): boolean {
  return typeof value === 'number' || /^\s*\d+(?:\.\d+)?\s*$/.test(value);
}
