/**
 * Query responses exactly as the Prometheus HTTP API sends them.
 * https://prometheus.io/docs/prometheus/latest/querying/api/#format-overview
 * https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats
 * Only parse-response.ts reads these; everything past it sees lib/signals/query-result.
 */

export type WireResponse = WireSuccess | WireError;

export interface WireSuccess {
  status: 'success';
  data: WireQueryData;
  warnings?: string[];
  infos?: string[];
}

export interface WireError {
  status: 'error';
  /** "timeout", "canceled", "execution", "bad_data", "internal", "unavailable", "not_found", "not_acceptable". */
  errorType: string;
  error: string;
  /** The API allows data alongside an error; nothing here uses it. */
  data?: unknown;
  warnings?: string[];
  infos?: string[];
}

export type WireQueryData =
  | { resultType: 'vector'; result: WireVectorSample[] }
  | { resultType: 'matrix'; result: WireRangeSeries[] }
  | { resultType: 'scalar'; result: WireFloatPoint }
  | { resultType: 'string'; result: [WireUnixSeconds, string] };

/** Seconds since the epoch, up to three decimals: 1435781451.781. */
export type WireUnixSeconds = number;

/** Go's float formatting in a string: "1.5", "1e-07", "NaN", "+Inf", "-Inf". */
export type WireSampleValue = string;

export type WireFloatPoint = [WireUnixSeconds, WireSampleValue];

export type WireHistogramPoint = [WireUnixSeconds, WireHistogram];

export interface WireHistogram {
  count: WireSampleValue;
  sum: WireSampleValue;
  /** Absent when every bucket is empty. */
  buckets?: WireHistogramBucket[];
}

/**
 * [boundaryRule, lower, upper, count]; boundaryRule 0: (lower, upper], 1: [lower, upper),
 * 2: (lower, upper), 3: [lower, upper].
 */
export type WireHistogramBucket = [0 | 1 | 2 | 3, WireSampleValue, WireSampleValue, WireSampleValue];

/** Exactly one of `value` (float sample) and `histogram` (native histogram sample). */
export interface WireVectorSample {
  metric: Record<string, string>;
  value?: WireFloatPoint;
  histogram?: WireHistogramPoint;
}

export interface WireRangeSeries {
  metric: Record<string, string>;
  values?: WireFloatPoint[];
  histograms?: WireHistogramPoint[];
}
