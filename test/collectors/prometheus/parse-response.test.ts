import { describe, expect, it } from 'vitest';
import { parseQueryResponse } from '../../../collectors/prometheus/parse-response';
import type { QueryOutcome } from '../../../lib/signals/query-result';

const TS = 1435781451.781;
const TS_MS = 1_435_781_451_781;
const histogramWire = { count: '42', sum: '34593.34', buckets: [[3, '-0.25', '0.25', '3'], [0, '0.25', '0.5', '12'], [1, '1', '2', '6'], [2, '2', '4', '+Inf']] };
const histogram = {
  count: 42,
  sum: 34593.34,
  buckets: [
    { lower: -0.25, upper: 0.25, count: 3, lowerInclusive: true, upperInclusive: true },
    { lower: 0.25, upper: 0.5, count: 12, lowerInclusive: false, upperInclusive: true },
    { lower: 1, upper: 2, count: 6, lowerInclusive: true, upperInclusive: false },
    { lower: 2, upper: 4, count: Infinity, lowerInclusive: false, upperInclusive: false },
  ],
};

const success = (data: unknown, extra: object = {}) => ({ status: 'success', data, ...extra });
const vector = (result: unknown) => success({ resultType: 'vector', result });

describe('parseQueryResponse: successes', () => {
  const cases: { desc: string; input: unknown; expected: QueryOutcome }[] = [
    {
      desc: 'a vector with labels, NaN and ±Inf preserved, timestamps in ms',
      input: vector([
        { metric: { __name__: 'up', job: 'kafka' }, value: [TS, '1'] },
        { metric: { job: 'sink' }, value: [TS, 'NaN'] },
        { metric: {}, value: [TS, '+Inf'] },
        { metric: {}, value: [TS, '-Inf'] },
        { metric: {}, value: [TS, '1e-07'] },
      ]),
      expected: {
        ok: true,
        result: {
          kind: 'vector',
          samples: [
            { labels: { __name__: 'up', job: 'kafka' }, timestampMs: TS_MS, value: 1 },
            { labels: { job: 'sink' }, timestampMs: TS_MS, value: NaN },
            { labels: {}, timestampMs: TS_MS, value: Infinity },
            { labels: {}, timestampMs: TS_MS, value: -Infinity },
            { labels: {}, timestampMs: TS_MS, value: 1e-7 },
          ],
          histogramSamples: [],
        },
        warnings: [],
        infos: [],
      },
    },
    {
      desc: 'an empty vector',
      input: vector([]),
      expected: { ok: true, result: { kind: 'vector', samples: [], histogramSamples: [] }, warnings: [], infos: [] },
    },
    {
      desc: 'a vector with a native histogram sample beside a float sample',
      input: vector([
        { metric: { le: 'x' }, value: [TS, '2'] },
        { metric: { __name__: 'sink_latency_seconds' }, histogram: [TS, histogramWire] },
      ]),
      expected: {
        ok: true,
        result: {
          kind: 'vector',
          samples: [{ labels: { le: 'x' }, timestampMs: TS_MS, value: 2 }],
          histogramSamples: [{ labels: { __name__: 'sink_latency_seconds' }, timestampMs: TS_MS, histogram }],
        },
        warnings: [],
        infos: [],
      },
    },
    {
      desc: 'a histogram with every bucket empty has no buckets field',
      input: vector([{ metric: {}, histogram: [TS, { count: '0', sum: '0' }] }]),
      expected: {
        ok: true,
        result: { kind: 'vector', samples: [], histogramSamples: [{ labels: {}, timestampMs: TS_MS, histogram: { count: 0, sum: 0, buckets: [] } }] },
        warnings: [],
        infos: [],
      },
    },
    {
      desc: 'a matrix, including a series of histograms only',
      input: success({
        resultType: 'matrix',
        result: [
          { metric: { topic: 'orders' }, values: [[1, '10'], [2, '12.5']] },
          { metric: { topic: 'dlq' }, histograms: [[3, histogramWire]] },
        ],
      }),
      expected: {
        ok: true,
        result: {
          kind: 'matrix',
          series: [
            { labels: { topic: 'orders' }, points: [{ timestampMs: 1_000, value: 10 }, { timestampMs: 2_000, value: 12.5 }], histogramPoints: [] },
            { labels: { topic: 'dlq' }, points: [], histogramPoints: [{ timestampMs: 3_000, histogram }] },
          ],
        },
        warnings: [],
        infos: [],
      },
    },
    {
      desc: 'a scalar',
      input: success({ resultType: 'scalar', result: [TS, '1.5'] }),
      expected: { ok: true, result: { kind: 'scalar', timestampMs: TS_MS, value: 1.5 }, warnings: [], infos: [] },
    },
    {
      desc: 'a string',
      input: success({ resultType: 'string', result: [TS, 'hello'] }),
      expected: { ok: true, result: { kind: 'string', timestampMs: TS_MS, value: 'hello' }, warnings: [], infos: [] },
    },
    {
      desc: 'warnings and infos are kept with the data',
      input: success({ resultType: 'vector', result: [] }, { warnings: ['PromQL warning: x'], infos: ['PromQL info: y'] }),
      expected: { ok: true, result: { kind: 'vector', samples: [], histogramSamples: [] }, warnings: ['PromQL warning: x'], infos: ['PromQL info: y'] },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(parseQueryResponse(input)).toEqual(expected));
});

describe('parseQueryResponse: Prometheus errors', () => {
  const cases = [
    { desc: 'bad_data', input: { errorType: 'bad_data', error: 'parse error at char 4' }, expected: 'bad-data' },
    { desc: 'timeout', input: { errorType: 'timeout', error: 'query timed out in expression evaluation' }, expected: 'timeout' },
    { desc: 'canceled', input: { errorType: 'canceled', error: 'query was canceled' }, expected: 'canceled' },
    { desc: 'execution', input: { errorType: 'execution', error: 'many-to-many matching not allowed' }, expected: 'execution' },
    { desc: 'internal', input: { errorType: 'internal', error: 'boom' }, expected: 'internal' },
    { desc: 'unavailable', input: { errorType: 'unavailable', error: 'not ready' }, expected: 'unavailable' },
    { desc: 'not_found', input: { errorType: 'not_found', error: 'no such thing' }, expected: 'not-found' },
    { desc: 'not_acceptable', input: { errorType: 'not_acceptable', error: 'wrong codec' }, expected: 'not-acceptable' },
    { desc: 'an errorType added later', input: { errorType: 'too_many_samples', error: 'limit' }, expected: 'prometheus' },
  ];
  it.each(cases)('$desc', ({ input, expected }) =>
    expect(parseQueryResponse({ status: 'error', ...input })).toEqual({
      ok: false,
      error: { type: expected, message: input.error, errorType: input.errorType },
      warnings: [],
      infos: [],
    }),
  );

  it('keeps warnings on an error', () => {
    expect(parseQueryResponse({ status: 'error', errorType: 'execution', error: 'e', warnings: ['w'], data: {} })).toEqual({
      ok: false,
      error: { type: 'execution', message: 'e', errorType: 'execution' },
      warnings: ['w'],
      infos: [],
    });
  });
});

describe('parseQueryResponse: malformed bodies are bad-response values naming the field', () => {
  const cases = [
    { desc: 'null', input: null, expected: 'response: expected an object, got null' },
    { desc: 'an array', input: [], expected: 'response: expected an object, got an array of 0' },
    { desc: 'HTML text', input: '<html>502 Bad Gateway</html>', expected: 'response: expected an object, got "<html>502 Bad Gateway</html>"' },
    { desc: 'no status', input: { data: {} }, expected: 'status: expected "success" or "error", got nothing' },
    { desc: 'an unknown status', input: { status: 'partial' }, expected: 'status: expected "success" or "error", got "partial"' },
    { desc: 'no data', input: { status: 'success' }, expected: 'data: expected an object, got nothing' },
    { desc: 'an unknown resultType', input: success({ resultType: 'table', result: [] }), expected: 'data.resultType: expected "vector", "matrix", "scalar" or "string", got "table"' },
    { desc: 'a vector result that is not an array', input: vector({}), expected: 'data.result: expected an array of samples, got an object' },
    { desc: 'a sample that is not an object', input: vector([1]), expected: 'data.result[0]: expected a sample object, got number 1' },
    { desc: 'a sample without metric', input: vector([{ value: [TS, '1'] }]), expected: 'data.result[0].metric: expected a label object, got nothing' },
    { desc: 'a numeric label value', input: vector([{ metric: { partition: 0 }, value: [TS, '1'] }]), expected: 'data.result[0].metric.partition: expected a label value string, got number 0' },
    { desc: 'a sample value as a JSON number', input: vector([{ metric: {}, value: [TS, 1.5] }]), expected: 'data.result[0].value[1]: expected a sample value string, got number 1.5' },
    { desc: 'a sample value that is not a float', input: vector([{ metric: {}, value: [TS, 'abc'] }]), expected: 'data.result[0].value[1]: expected a float, "NaN", "+Inf" or "-Inf", got "abc"' },
    { desc: 'a timestamp as a string', input: vector([{ metric: {}, value: ['1435781451.781', '1'] }]), expected: 'data.result[0].value[0]: expected unix seconds as a number, got "1435781451.781"' },
    { desc: 'a value pair of one', input: vector([{ metric: {}, value: [TS] }]), expected: 'data.result[0].value: expected [unix seconds, value], got an array of 1' },
    { desc: 'a sample with neither value nor histogram', input: vector([{ metric: {} }]), expected: 'data.result[0]: expected a value or a histogram, got "neither"' },
    { desc: 'a sample with both value and histogram', input: vector([{ metric: {}, value: [TS, '1'], histogram: [TS, histogramWire] }]), expected: 'data.result[0]: expected either value or histogram, got "both"' },
    { desc: 'a second bad sample is found too', input: vector([{ metric: {}, value: [TS, '1'] }, { metric: {}, value: [TS, ''] }]), expected: 'data.result[1].value[1]: expected a float, "NaN", "+Inf" or "-Inf", got ""' },
    { desc: 'a histogram bucket with an unknown boundary rule', input: vector([{ metric: {}, histogram: [TS, { count: '1', sum: '1', buckets: [[4, '0', '1', '1']] }] }]), expected: 'data.result[0].histogram[1].buckets[0][0]: expected a boundary rule 0–3, got number 4' },
    { desc: 'a histogram without count', input: vector([{ metric: {}, histogram: [TS, { sum: '1' }] }]), expected: 'data.result[0].histogram[1].count: expected a sample value string, got nothing' },
    { desc: 'matrix values that are not an array', input: success({ resultType: 'matrix', result: [{ metric: {}, values: 'x' }] }), expected: 'data.result[0].values: expected an array, got "x"' },
    { desc: 'a matrix point with a bad value', input: success({ resultType: 'matrix', result: [{ metric: {}, values: [[1, '1'], [2, 'Infinity']] }] }), expected: 'data.result[0].values[1][1]: expected a float, "NaN", "+Inf" or "-Inf", got "Infinity"' },
    { desc: 'a matrix result that is not an array', input: success({ resultType: 'matrix', result: null }), expected: 'data.result: expected an array of series, got null' },
    { desc: 'a scalar that is not a pair', input: success({ resultType: 'scalar', result: '1' }), expected: 'data.result: expected [unix seconds, value], got "1"' },
    { desc: 'a string result that is not a string', input: success({ resultType: 'string', result: [TS, 5] }), expected: 'data.result[1]: expected a string, got number 5' },
    { desc: 'warnings that are not an array', input: success({ resultType: 'vector', result: [] }, { warnings: 'w' }), expected: 'warnings: expected an array of strings, got "w"' },
    { desc: 'a warning that is not a string', input: success({ resultType: 'vector', result: [] }, { warnings: ['ok', 3] }), expected: 'warnings[1]: expected a string, got number 3' },
    { desc: 'infos that are not an array', input: success({ resultType: 'vector', result: [] }, { infos: {} }), expected: 'infos: expected an array of strings, got an object' },
    { desc: 'an error without errorType', input: { status: 'error', error: 'x' }, expected: 'errorType: expected a string, got nothing' },
    { desc: 'an error without a message', input: { status: 'error', errorType: 'bad_data' }, expected: 'error: expected a string, got nothing' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const outcome = parseQueryResponse(input);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toEqual({ type: 'bad-response', message: expected });
  });

  it('keeps warnings that parsed before the shape went wrong', () => {
    expect(parseQueryResponse({ status: 'success', warnings: ['w'], data: null })).toEqual({
      ok: false,
      error: { type: 'bad-response', message: 'data: expected an object, got null' },
      warnings: ['w'],
      infos: [],
    });
  });

  it('truncates a long string in the message', () => {
    const outcome = parseQueryResponse('x'.repeat(500));
    expect(!outcome.ok && outcome.error.message).toBe(`response: expected an object, got "${'x'.repeat(40)}…"`);
  });
});
