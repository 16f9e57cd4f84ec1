import type { FloatPoint, HistogramPoint, Labels, NativeHistogram } from '../../lib/signals/query-result';
import { isRecord, parseEach, parsedValue, problem, type Parsed } from './parsed';

const SPECIAL_VALUES: Readonly<Record<string, number>> = {
  NaN: NaN,
  '+Inf': Infinity,
  Inf: Infinity,
  '-Inf': -Infinity,
};
// Number() alone would read "", " 1" and "0x10" as numbers and "+Inf" as NaN.
const DECIMAL_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseSampleValue(raw: unknown, path: string): Parsed<number> {
  if (typeof raw !== 'string') return problem(path, 'a sample value string', raw);
  const special = SPECIAL_VALUES[raw];
  if (special !== undefined) return parsedValue(special);
  if (!DECIMAL_FLOAT.test(raw)) return problem(path, 'a float, "NaN", "+Inf" or "-Inf"', raw);
  return parsedValue(Number(raw));
}

/** Unix seconds with millisecond decimals → epoch milliseconds. */
export function parseTimestampMs(raw: unknown, path: string): Parsed<number> {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return problem(path, 'unix seconds as a number', raw);
  return parsedValue(Math.round(raw * 1000));
}

export function parseLabels(raw: unknown, path: string): Parsed<Labels> {
  if (!isRecord(raw)) return problem(path, 'a label object', raw);
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string') return problem(`${path}.${name}`, 'a label value string', value);
  }
  return parsedValue(raw as Labels);
}

/**
 * Prometheus's `[unix seconds, value]` pair, the shape of every sample and point; `expected`
 * names the whole pair in a problem, `parseSecond` checks the value at `${path}[1]`.
 */
export function parseStampedPair<T>(
  raw: unknown,
  path: string,
  expected: string,
  parseSecond: (raw: unknown, path: string) => Parsed<T>,
): Parsed<{ timestampMs: number; value: T }> {
  if (!Array.isArray(raw) || raw.length !== 2) return problem(path, expected, raw);
  const timestampMs = parseTimestampMs(raw[0], `${path}[0]`);
  if (!timestampMs.ok) return timestampMs;
  const value = parseSecond(raw[1], `${path}[1]`);
  if (!value.ok) return value;
  return parsedValue({ timestampMs: timestampMs.value, value: value.value });
}

export function parseFloatPoint(raw: unknown, path: string): Parsed<FloatPoint> {
  return parseStampedPair(raw, path, '[unix seconds, value]', parseSampleValue);
}

export function parseHistogramPoint(raw: unknown, path: string): Parsed<HistogramPoint> {
  const pair = parseStampedPair(raw, path, '[unix seconds, histogram]', parseHistogram);
  return pair.ok ? parsedValue({ timestampMs: pair.value.timestampMs, histogram: pair.value.value }) : pair;
}

function parseHistogram(raw: unknown, path: string): Parsed<NativeHistogram> {
  if (!isRecord(raw)) return problem(path, 'a histogram object', raw);
  const count = parseSampleValue(raw.count, `${path}.count`);
  if (!count.ok) return count;
  const sum = parseSampleValue(raw.sum, `${path}.sum`);
  if (!sum.ok) return sum;
  if (raw.buckets === undefined) return parsedValue({ count: count.value, sum: sum.value, buckets: [] });
  if (!Array.isArray(raw.buckets)) return problem(`${path}.buckets`, 'an array', raw.buckets);
  const buckets = parseEach(raw.buckets, `${path}.buckets`, parseBucket);
  if (!buckets.ok) return buckets;
  return parsedValue({ count: count.value, sum: sum.value, buckets: buckets.value });
}

// Index = Prometheus's boundary rule.
const BOUNDARY_RULES = [
  { lowerInclusive: false, upperInclusive: true },
  { lowerInclusive: true, upperInclusive: false },
  { lowerInclusive: false, upperInclusive: false },
  { lowerInclusive: true, upperInclusive: true },
] as const;

function parseBucket(raw: unknown, path: string): Parsed<NativeHistogram['buckets'][number]> {
  if (!Array.isArray(raw) || raw.length !== 4) return problem(path, '[boundary rule, lower, upper, count]', raw);
  const rule = typeof raw[0] === 'number' && Number.isInteger(raw[0]) ? BOUNDARY_RULES[raw[0]] : undefined;
  if (rule === undefined) return problem(`${path}[0]`, 'a boundary rule 0–3', raw[0]);
  const lower = parseSampleValue(raw[1], `${path}[1]`);
  if (!lower.ok) return lower;
  const upper = parseSampleValue(raw[2], `${path}[2]`);
  if (!upper.ok) return upper;
  const count = parseSampleValue(raw[3], `${path}[3]`);
  if (!count.ok) return count;
  return parsedValue({ lower: lower.value, upper: upper.value, count: count.value, ...rule });
}
