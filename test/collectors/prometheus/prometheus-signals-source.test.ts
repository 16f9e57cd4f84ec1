import { describe, expect, it } from 'vitest';
import type { ClientQueryOutcome, PrometheusClient } from '../../../lib/signals/prometheus-client';
import { buildDefaultSignalQueries } from '../../../collectors/prometheus/default-signal-queries';
import { PrometheusSignalsSource } from '../../../collectors/prometheus/prometheus-signals-source';
import { SIGNAL_NAMES } from '../../../lib/signals/signals';

const vectorOf = (entries: [string, number][]): ClientQueryOutcome => ({
  ok: true,
  result: { kind: 'vector', samples: entries.map(([group, value]) => ({ labels: { consumer_group: group }, value, timestampMs: 1 })), histogramSamples: [] },
  warnings: [],
  infos: [],
});

/** Answers each PromQL from a table; counts queries in flight. */
function fakeClient(answer: (promql: string) => ClientQueryOutcome) {
  const seen: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const client: PrometheusClient = {
    async query(promql) {
      seen.push(promql);
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return answer(promql);
    },
    queryRange: () => Promise.reject(new Error('not used')),
  };
  return { client, seen, peak: () => peak };
}

describe('PrometheusSignalsSource', () => {
  it('runs one query per signal and maps each to its groups, at the sample time', async () => {
    const fake = fakeClient(() => vectorOf([['g', 2]]));
    const source = new PrometheusSignalsSource({ client: fake.client, nowMs: () => 42 });
    const sample = await source.sample();
    expect(sample.takenAtMs).toBe(42);
    expect(Object.keys(sample.signals)).toEqual([...SIGNAL_NAMES]);
    expect(fake.seen.sort()).toEqual(Object.values(buildDefaultSignalQueries()).sort());
    for (const outcome of Object.values(sample.signals)) expect(outcome).toEqual({ kind: 'ok', byGroup: new Map([['g', 2]]), warnings: [] });
  });

  it('applies overrides per signal and keeps every other default', async () => {
    const fake = fakeClient(() => vectorOf([]));
    const source = new PrometheusSignalsSource({ client: fake.client, queries: { retriesPerSec: 'my_retries', consumersPaused: undefined }, rateWindowSeconds: 30 });
    expect(source.queries.retriesPerSec).toBe('my_retries');
    expect(source.queries.consumersPaused).toBe('sum by (consumer_group) (last_over_time(ingest_consumer_paused[30s]))');
    expect(source.queries.recordsProcessedPerSec).toBe('sum by (consumer_group) (rate(ingest_records_processed_total[30s]))');
    await source.sample();
    expect(fake.seen).toContain('my_retries');
    expect(fake.seen).toHaveLength(SIGNAL_NAMES.length);
  });

  it('reports an error against the signal that owns it; the others still succeed', async () => {
    const fake = fakeClient((promql) =>
      promql === 'bad('
        ? { ok: false, error: { type: 'bad-data', errorType: 'bad_data', message: 'parse error: unexpected end of input' }, warnings: [], infos: [] }
        : vectorOf([['g', 1]]),
    );
    const { signals } = await new PrometheusSignalsSource({ client: fake.client, queries: { sinkLatencyP95Seconds: 'bad(' } }).sample();
    expect(signals.sinkLatencyP95Seconds).toEqual({
      kind: 'error',
      promql: 'bad(',
      error: { type: 'bad-data', errorType: 'bad_data', message: 'parse error: unexpected end of input' },
    });
    const others = SIGNAL_NAMES.filter((n) => n !== 'sinkLatencyP95Seconds').map((n) => signals[n].kind);
    expect(new Set(others)).toEqual(new Set(['ok']));
  });

  it('resolves with every signal unreachable when Prometheus is down', async () => {
    const down: ClientQueryOutcome = {
      ok: false,
      error: { type: 'unreachable', reason: 'connection-refused', url: 'http://p/api/v1/query', message: 'connection refused by http://p/api/v1/query' },
      warnings: [],
      infos: [],
    };
    const { signals } = await new PrometheusSignalsSource({ client: fakeClient(() => down).client }).sample();
    for (const name of SIGNAL_NAMES) expect(signals[name]).toMatchObject({ kind: 'error', error: { type: 'unreachable', reason: 'connection-refused' } });
  });

  it.each([
    { desc: 'default', limit: undefined, expectedPeak: 4 },
    { desc: 'sequential', limit: 1, expectedPeak: 1 },
    { desc: 'more than the signals', limit: 50, expectedPeak: SIGNAL_NAMES.length },
  ])('bounds queries in flight: $desc', async ({ limit, expectedPeak }) => {
    const fake = fakeClient(() => vectorOf([]));
    await new PrometheusSignalsSource({ client: fake.client, maxConcurrentQueries: limit }).sample();
    expect(fake.peak()).toBe(expectedPeak);
  });

  it.each([0, 1.5, NaN])('rejects maxConcurrentQueries %s', (limit) => {
    expect(() => new PrometheusSignalsSource({ client: fakeClient(() => vectorOf([])).client, maxConcurrentQueries: limit })).toThrow(/whole number/);
  });
});
