/**
 * Flag values of the benchmark scripts. Kept apart from the lab CLI's parsers so the benchmarks
 * can change their flags without touching the lab's.
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "500ms", "30s", "2m", "1h"; a bare number is seconds. */
export function parseBenchDurationMs(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`--${flag} ${JSON.stringify(text)} is not a duration: write e.g. 500ms, 30s, 2m or 1h.`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']!);
}

/** A whole number at least `min`; "10,000" and "10_000" are read as 10000. */
export function parseWholeNumber(text: string, flag: string, min = 1): number {
  const value = Number(text.trim().replace(/[,_]/g, ''));
  if (!Number.isInteger(value) || value < min) throw new Error(`--${flag} ${JSON.stringify(text)} must be a whole number of at least ${min}.`);
  return value;
}

export function parseWholeNumberList(text: string, flag: string, min = 1): number[] {
  const values = text.split(/[\s,]+/).filter(Boolean).map((part) => parseWholeNumber(part, flag, min));
  if (values.length === 0) throw new Error(`--${flag} needs at least one number.`);
  return values;
}

export interface BenchSize {
  partitions: number;
  groups: number;
  /** Names topics and groups of this size: `bench-t<label>-<i>`, `bench-g<label>-<i>`. */
  label: string;
}

/** "100x10,1000x50": partitions × groups, comma-separated. */
export function parseSizes(text: string, flag: string): BenchSize[] {
  const sizes = text.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const match = /^(\d[\d_]*)x(\d[\d_]*)$/i.exec(part);
    if (!match) throw new Error(`--${flag} ${JSON.stringify(part)} is not a size: write partitions x groups, e.g. 1000x50.`);
    const partitions = parseWholeNumber(match[1]!, flag);
    const groups = parseWholeNumber(match[2]!, flag);
    return { partitions, groups, label: `${partitions}x${groups}` };
  });
  if (sizes.length === 0) throw new Error(`--${flag} needs at least one size, e.g. 1000x50.`);
  return sizes;
}
