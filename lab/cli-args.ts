/** Parses the values of the lab command line's flags; pure, so every accepted form is unit-tested. */
import { parseDurationMs } from '../lib/units/parse-duration';

/** "90s", "2m", "500ms", "1h"; a bare number is seconds. */
export function parseDurationFlag(text: string, flag: string): number {
  const parsed = parseDurationMs(text);
  if (!parsed.ok) throw new Error(`--${flag} ${parsed.error}`);
  return parsed.valueMs;
}

/** A fraction ("0.2") or a percentage ("20%"). */
export function parseFraction(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(%)?$/.exec(text.trim());
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new Error(`--${flag} ${JSON.stringify(text)} is not a fraction: write a number from 0 to 1, or a percentage like 20%.`);
  }
  return value;
}

export function parsePositiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${flag} ${JSON.stringify(text)} must be a positive number.`);
  }
  return value;
}
