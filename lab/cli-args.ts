/** Parses the values of the lab command line's flags; pure, so every accepted form is unit-tested. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "90s", "2m", "500ms", "1h"; a bare number is seconds. */
export function parseDurationMs(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) {
    throw new Error(`--${flag} ${JSON.stringify(text)} is not a duration: write e.g. 500ms, 30s, 2m or 1h.`);
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']!);
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
