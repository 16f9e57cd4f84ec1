import { describe, expect, it } from 'vitest';
import { buildSignalOutcome } from '../../../collectors/prometheus/build-signal-outcome';
import type { ClientQueryOutcome } from '../../../lib/signals/prometheus-client';
import type { FloatSample, QueryResult } from '../../../lib/signals/query-result';
import type { SignalName, SignalOutcome } from '../../../lib/signals/signals';

const Q = 'the promql';
const sample = (labels: Record<string, string>, value: number): FloatSample => ({ labels, value, timestampMs: 1 });
const ok = (result: QueryResult, warnings: string[] = [], infos: string[] = []): ClientQueryOutcome => ({ ok: true, result, warnings, infos });
const vector = (...samples: FloatSample[]): QueryResult => ({ kind: 'vector', samples, histogramSamples: [] });
const groups = (entries: [string, number][], warnings: string[] = []): SignalOutcome => ({ kind: 'ok', byGroup: new Map(entries), warnings });

describe('buildSignalOutcome', () => {
  const cases: { desc: string; signal?: SignalName; outcome: ClientQueryOutcome; expected: SignalOutcome }[] = [
    {
      desc: 'one value per group, other labels ignored',
      outcome: ok(vector(sample({ consumer_group: 'a' }, 12.5), sample({ consumer_group: 'b', job: 'x' }, 0))),
      expected: groups([['a', 12.5], ['b', 0]]),
    },
    { desc: 'an empty vector is no group at all', outcome: ok(vector()), expected: groups([]) },
    {
      desc: 'NaN (a quantile of no traffic) is a gap for that group, silently',
      signal: 'sinkLatencyP99Seconds',
      outcome: ok(vector(sample({ consumer_group: 'idle' }, NaN), sample({ consumer_group: 'busy' }, 0.02))),
      expected: groups([['busy', 0.02]]),
    },
    {
      desc: '+Inf is kept for a latency quantile: slower than the top bucket',
      signal: 'sinkLatencyP99Seconds',
      outcome: ok(vector(sample({ consumer_group: 'a' }, Infinity))),
      expected: groups([['a', Infinity]]),
    },
    {
      desc: '-Inf is dropped even for a quantile, with a warning',
      signal: 'sinkLatencyP50Seconds',
      outcome: ok(vector(sample({ consumer_group: 'a' }, -Infinity))),
      expected: groups([], ['dropped -Inf for consumer_group="a"']),
    },
    {
      desc: '+Inf of a rate means nothing: dropped with a warning',
      signal: 'sinkTransientErrorsPerSec',
      outcome: ok(vector(sample({ consumer_group: 'a' }, Infinity), sample({ consumer_group: 'b' }, 1))),
      expected: groups([['b', 1]], ['dropped +Inf for consumer_group="a"']),
    },
    {
      desc: "Prometheus's warnings and infos are passed on",
      outcome: ok(vector(), ['too many samples'], ['metric might not be a counter']),
      expected: groups([], ['too many samples', 'metric might not be a counter']),
    },
    {
      desc: 'a query error stays on the signal with its PromQL',
      outcome: { ok: false, error: { type: 'bad-data', errorType: 'bad_data', message: 'parse error' }, warnings: [], infos: [] },
      expected: { kind: 'error', promql: Q, error: { type: 'bad-data', errorType: 'bad_data', message: 'parse error' } },
    },
    {
      desc: 'a matrix is not a vector',
      outcome: ok({ kind: 'matrix', series: [] }),
      expected: { kind: 'error', promql: Q, error: { type: 'not-a-vector', got: 'matrix', message: 'expected an instant vector, got a matrix' } },
    },
    {
      desc: 'a scalar is not a vector',
      outcome: ok({ kind: 'scalar', timestampMs: 1, value: 3 }),
      expected: { kind: 'error', promql: Q, error: { type: 'not-a-vector', got: 'scalar', message: 'expected an instant vector, got a scalar' } },
    },
    {
      desc: 'native histogram samples are not floats',
      outcome: ok({ kind: 'vector', samples: [], histogramSamples: [{ labels: { consumer_group: 'a' }, timestampMs: 1, histogram: { count: 1, sum: 1, buckets: [] } }] }),
      expected: {
        kind: 'error',
        promql: Q,
        error: {
          type: 'not-a-vector',
          got: 'native-histograms',
          message: 'expected float samples, got 1 native histogram sample(s); wrap the query in histogram_quantile() or histogram_count()',
        },
      },
    },
    {
      desc: 'a series without the group label',
      outcome: ok(vector(sample({ job: 'x' }, 1))),
      expected: {
        kind: 'error',
        promql: Q,
        error: { type: 'not-by-group', message: 'a series has no "consumer_group" label: {job="x"}; aggregate with "by (consumer_group)"' },
      },
    },
    {
      desc: 'two series for one group (aggregated by topic too)',
      outcome: ok(vector(sample({ consumer_group: 'a', topic: 't1' }, 1), sample({ consumer_group: 'a', topic: 't2' }, 2))),
      expected: {
        kind: 'error',
        promql: Q,
        error: {
          type: 'not-by-group',
          message: 'more than one series for consumer_group="a", e.g. {consumer_group="a", topic="t2"}; aggregate with "by (consumer_group)"',
        },
      },
    },
  ];
  it.each(cases)('$desc', ({ signal, outcome, expected }) => {
    expect(buildSignalOutcome(signal ?? 'recordsProcessedPerSec', Q, outcome, 'consumer_group')).toEqual(expected);
  });

  it('reads the configured group label', () => {
    const outcome = ok(vector(sample({ group: 'a', consumer_group: 'other' }, 3)));
    expect(buildSignalOutcome('retriesPerSec', Q, outcome, 'group')).toEqual(groups([['a', 3]]));
  });
});
