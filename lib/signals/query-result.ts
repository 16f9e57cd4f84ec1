/**
 * A Prometheus query's result as the domain sees it: numbers (NaN and ±Infinity kept), times in
 * milliseconds, labels as a plain record. Wire JSON stops at collectors/prometheus.
 */

export type Labels = Readonly<Record<string, string>>;

export interface FloatPoint {
  timestampMs: number;
  value: number;
}

export interface HistogramBucket {
  lower: number;
  upper: number;
  count: number;
  lowerInclusive: boolean;
  upperInclusive: boolean;
}

/** A native histogram sample; only non-empty buckets are sent. */
export interface NativeHistogram {
  count: number;
  sum: number;
  buckets: HistogramBucket[];
}

export interface HistogramPoint {
  timestampMs: number;
  histogram: NativeHistogram;
}

export interface FloatSample extends FloatPoint {
  labels: Labels;
}

export interface HistogramSample extends HistogramPoint {
  labels: Labels;
}

export interface RangeSeries {
  labels: Labels;
  points: FloatPoint[];
  histogramPoints: HistogramPoint[];
}

export type QueryResult =
  /** Float and native-histogram samples are kept apart, as Prometheus sends them. */
  | { kind: 'vector'; samples: FloatSample[]; histogramSamples: HistogramSample[] }
  | { kind: 'matrix'; series: RangeSeries[] }
  | { kind: 'scalar'; timestampMs: number; value: number }
  | { kind: 'string'; timestampMs: number; value: string };

/** Prometheus's own errorType values, kebab-cased; 'prometheus' stands for any value not listed here. */
export type PrometheusErrorType =
  | 'timeout'
  | 'canceled'
  | 'execution'
  | 'bad-data'
  | 'internal'
  | 'unavailable'
  | 'not-found'
  | 'not-acceptable'
  | 'prometheus';

export type QueryError =
  /** Prometheus answered with status "error"; `errorType` is its raw value. */
  | { type: PrometheusErrorType; message: string; errorType: string }
  /** The body is not a response the API documents; `message` names the offending field. */
  | { type: 'bad-response'; message: string };

export type QueryOutcome =
  | { ok: true; result: QueryResult; warnings: string[]; infos: string[] }
  | { ok: false; error: QueryError; warnings: string[]; infos: string[] };
