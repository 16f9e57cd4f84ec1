import type {
  FloatSample,
  HistogramSample,
  PrometheusErrorType,
  QueryError,
  QueryOutcome,
  QueryResult,
  RangeSeries,
} from '../../lib/signals/query-result';
import { isRecord, parseEach, parsedValue, problem, type Parsed } from './parsed';
import { parseFloatPoint, parseHistogramPoint, parseLabels, parseStampedPair } from './parse-sample';

/**
 * Turns the body of /api/v1/query or /api/v1/query_range (already JSON-decoded) into a typed
 * outcome. Never throws: a body the API does not document becomes a `bad-response` error naming
 * the field. See wire-types.ts for the shapes.
 */
export function parseQueryResponse(json: unknown): QueryOutcome {
  if (!isRecord(json)) return badResponse(problem('response', 'an object', json), [], []);
  const warnings = parseStringList(json.warnings, 'warnings');
  if (!warnings.ok) return badResponse(warnings, [], []);
  const infos = parseStringList(json.infos, 'infos');
  if (!infos.ok) return badResponse(infos, warnings.value, []);

  switch (json.status) {
    case 'success': {
      const result = parseQueryData(json.data);
      if (!result.ok) return badResponse(result, warnings.value, infos.value);
      return { ok: true, result: result.value, warnings: warnings.value, infos: infos.value };
    }
    case 'error': {
      const error = parsePrometheusError(json);
      if (!error.ok) return badResponse(error, warnings.value, infos.value);
      return { ok: false, error: error.value, warnings: warnings.value, infos: infos.value };
    }
    default:
      return badResponse(problem('status', '"success" or "error"', json.status), warnings.value, infos.value);
  }
}

const KNOWN_ERROR_TYPES: Readonly<Record<string, PrometheusErrorType>> = {
  timeout: 'timeout',
  canceled: 'canceled',
  execution: 'execution',
  bad_data: 'bad-data',
  internal: 'internal',
  unavailable: 'unavailable',
  not_found: 'not-found',
  not_acceptable: 'not-acceptable',
};

function parsePrometheusError(json: Record<string, unknown>): Parsed<QueryError> {
  const { errorType, error } = json;
  if (typeof errorType !== 'string') return problem('errorType', 'a string', errorType);
  if (typeof error !== 'string') return problem('error', 'a string', error);
  return parsedValue({ type: KNOWN_ERROR_TYPES[errorType] ?? 'prometheus', message: error, errorType });
}

function badResponse(failure: { problem: string }, warnings: string[], infos: string[]): QueryOutcome {
  return { ok: false, error: { type: 'bad-response', message: failure.problem }, warnings, infos };
}

function parseStringList(raw: unknown, path: string): Parsed<string[]> {
  if (raw === undefined) return parsedValue([]);
  if (!Array.isArray(raw)) return problem(path, 'an array of strings', raw);
  return parseEach(raw, path, parseString);
}

function parseString(raw: unknown, path: string): Parsed<string> {
  return typeof raw === 'string' ? parsedValue(raw) : problem(path, 'a string', raw);
}

function parseQueryData(data: unknown): Parsed<QueryResult> {
  if (!isRecord(data)) return problem('data', 'an object', data);
  const { resultType, result } = data;
  switch (resultType) {
    case 'vector':
      return parseVector(result);
    case 'matrix': {
      if (!Array.isArray(result)) return problem('data.result', 'an array of series', result);
      const series = parseEach(result, 'data.result', parseRangeSeries);
      return series.ok ? parsedValue({ kind: 'matrix', series: series.value }) : series;
    }
    case 'scalar': {
      const point = parseFloatPoint(result, 'data.result');
      return point.ok ? parsedValue({ kind: 'scalar', ...point.value }) : point;
    }
    case 'string':
      return parseStringResult(result);
    default:
      return problem('data.resultType', '"vector", "matrix", "scalar" or "string"', resultType);
  }
}

function parseVector(result: unknown): Parsed<QueryResult> {
  if (!Array.isArray(result)) return problem('data.result', 'an array of samples', result);
  const samples: FloatSample[] = [];
  const histogramSamples: HistogramSample[] = [];
  for (const [index, raw] of result.entries()) {
    const path = `data.result[${index}]`;
    if (!isRecord(raw)) return problem(path, 'a sample object', raw);
    const labels = parseLabels(raw.metric, `${path}.metric`);
    if (!labels.ok) return labels;
    if (raw.value !== undefined && raw.histogram !== undefined) return problem(path, 'either value or histogram', 'both');
    if (raw.value !== undefined) {
      const point = parseFloatPoint(raw.value, `${path}.value`);
      if (!point.ok) return point;
      samples.push({ labels: labels.value, ...point.value });
    } else if (raw.histogram !== undefined) {
      const point = parseHistogramPoint(raw.histogram, `${path}.histogram`);
      if (!point.ok) return point;
      histogramSamples.push({ labels: labels.value, ...point.value });
    } else {
      return problem(path, 'a value or a histogram', 'neither');
    }
  }
  return parsedValue({ kind: 'vector', samples, histogramSamples });
}

function parseRangeSeries(raw: unknown, path: string): Parsed<RangeSeries> {
  if (!isRecord(raw)) return problem(path, 'a series object', raw);
  const labels = parseLabels(raw.metric, `${path}.metric`);
  if (!labels.ok) return labels;
  const points = parseOptionalList(raw.values, `${path}.values`, parseFloatPoint);
  if (!points.ok) return points;
  const histogramPoints = parseOptionalList(raw.histograms, `${path}.histograms`, parseHistogramPoint);
  if (!histogramPoints.ok) return histogramPoints;
  return parsedValue({ labels: labels.value, points: points.value, histogramPoints: histogramPoints.value });
}

function parseOptionalList<T>(raw: unknown, path: string, parseItem: (item: unknown, path: string) => Parsed<T>): Parsed<T[]> {
  if (raw === undefined) return parsedValue([]);
  if (!Array.isArray(raw)) return problem(path, 'an array', raw);
  return parseEach(raw, path, parseItem);
}

function parseStringResult(result: unknown): Parsed<QueryResult> {
  const pair = parseStampedPair(result, 'data.result', '[unix seconds, string]', parseString);
  return pair.ok ? parsedValue({ kind: 'string', ...pair.value }) : pair;
}
