import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPrometheusClient } from '../../../collectors/prometheus/http-prometheus-client';
import { PrometheusSignalsSource } from '../../../collectors/prometheus/prometheus-signals-source';
import { readLabConfig } from '../../../lab/lab-config';
import { startPrometheus, stopPrometheus } from '../../../lab/stack/prometheus';
import { SIGNAL_NAMES, type SignalName, type SignalsSample } from '../../../lib/signals/signals';
import { eventually } from '../../support/eventually';
import { startTestPipeline, type TestPipeline } from '../../../lab/pipeline/test-pipeline';

/**
 * The default queries against the real Prometheus scraping a real pipeline of this test's own
 * (own topic, group and ports), faults included, and the source living through a Prometheus outage.
 */
const config = readLabConfig();

const client = new HttpPrometheusClient({ baseUrl: config.prometheusUrl, timeoutMs: 3_000 });
const source = new PrometheusSignalsSource({ client });

let test: TestPipeline;
let group: string;

/** The group's value of a signal; fails the attempt when the signal is an error. */
function valueOf(sample: SignalsSample, signal: SignalName): number | undefined {
  const outcome = sample.signals[signal];
  if (outcome.kind === 'error') throw new Error(`${signal} failed: ${outcome.error.type}: ${outcome.error.message}`);
  return outcome.byGroup.get(group);
}

const fault = (body: Record<string, unknown>) => test.fault(body);

describe('PrometheusSignalsSource on the real Prometheus', () => {
  beforeAll(async () => {
    test = await startTestPipeline('signals', { outageAfterMs: 3_000 });
    group = test.group;
  });

  afterAll(() => test?.stop());

  it('healthy: records flow, latency quantiles are finite, nobody is paused, errors read 0 (not a gap)', async () => {
    await eventually(async () => {
      const sample = await source.sample();
      for (const name of SIGNAL_NAMES) expect(sample.signals[name].kind, name).toBe('ok');
      expect(valueOf(sample, 'recordsProcessedPerSec')).toBeGreaterThan(0);
      expect(valueOf(sample, 'sinkRequestsPerSec')).toBeGreaterThan(0);
      const p50 = valueOf(sample, 'sinkLatencyP50Seconds');
      const p99 = valueOf(sample, 'sinkLatencyP99Seconds');
      expect(Number.isFinite(p50) && p50! >= 0, `p50 ${p50}`).toBe(true);
      expect(Number.isFinite(p99) && p99! >= p50!, `p99 ${p99} vs p50 ${p50}`).toBe(true);
      expect(valueOf(sample, 'consumersPaused')).toBe(0);
      expect(valueOf(sample, 'sinkTransientErrorsPerSec')).toBe(0);
      expect(valueOf(sample, 'sinkPermanentErrorsPerSec')).toBe(0);
      expect(valueOf(sample, 'retriesPerSec')).toBe(0);
      expect(valueOf(sample, 'rebalancesPerSec')).toBeGreaterThanOrEqual(0);
    });
  });

  it('transient-errors: transient errors and retries per second rise while records keep flowing', async () => {
    await fault({ name: 'transient-errors', rate: 0.5 });
    try {
      await eventually(async () => {
        const sample = await source.sample();
        expect(valueOf(sample, 'sinkTransientErrorsPerSec')).toBeGreaterThan(0);
        expect(valueOf(sample, 'retriesPerSec')).toBeGreaterThan(0);
        expect(valueOf(sample, 'recordsProcessedPerSec')).toBeGreaterThan(0);
        expect(valueOf(sample, 'sinkPermanentErrorsPerSec')).toBe(0);
      });
    } finally {
      await fault({ name: 'healthy' });
    }
  });

  it('sink-down: paused members are counted; healthy brings them back to 0', async () => {
    await fault({ name: 'sink-down' });
    try {
      await eventually(async () => {
        const sample = await source.sample();
        expect(valueOf(sample, 'consumersPaused')).toBeGreaterThan(0);
        expect(valueOf(sample, 'sinkTransientErrorsPerSec')).toBeGreaterThan(0);
      });
    } finally {
      await fault({ name: 'healthy' });
    }
    await eventually(async () => {
      const sample = await source.sample();
      expect(valueOf(sample, 'consumersPaused')).toBe(0);
      expect(valueOf(sample, 'recordsProcessedPerSec')).toBeGreaterThan(0);
    });
  });

  it("a bad override fails only its own signal, with Prometheus's message", async () => {
    const broken = new PrometheusSignalsSource({ client, queries: { retriesPerSec: 'sum(rate(x[5m]) by' } });
    const sample = await broken.sample();
    expect(sample.signals.retriesPerSec).toEqual({
      kind: 'error',
      promql: 'sum(rate(x[5m]) by',
      error: { type: 'bad-data', errorType: 'bad_data', message: expect.stringContaining('parse error') },
    });
    for (const name of SIGNAL_NAMES.filter((n) => n !== 'retriesPerSec')) expect(sample.signals[name].kind, name).toBe('ok');
    expect(valueOf(sample, 'recordsProcessedPerSec')).toBeGreaterThan(0);
  });

  it('overrides that are not one float per group are errors of shape', async () => {
    const misshapen = new PrometheusSignalsSource({
      client,
      queries: {
        consumersPaused: 'ingest_consumer_paused[10s]',
        rebalancesPerSec: 'scalar(sum(ingest_consumer_rebalances_total))',
        dlqPublishesPerSec: 'sum(rate(ingest_dlq_records_total[10s]))',
        retriesPerSec: 'sum by (consumer_group, outcome) (rate(ingest_records_processed_total[10s]))',
      },
    });
    const { signals } = await misshapen.sample();
    expect(signals.consumersPaused).toMatchObject({ kind: 'error', error: { type: 'not-a-vector', got: 'matrix' } });
    expect(signals.rebalancesPerSec).toMatchObject({ kind: 'error', error: { type: 'not-a-vector', got: 'scalar' } });
    expect(signals.dlqPublishesPerSec).toMatchObject({ kind: 'error', error: { type: 'not-by-group', message: expect.stringContaining('has no "consumer_group" label') } });
    expect(signals.retriesPerSec).toMatchObject({ kind: 'error', error: { type: 'not-by-group', message: expect.stringContaining('more than one series for consumer_group=') } });
    expect(signals.recordsProcessedPerSec.kind).toBe('ok');
  });

  it.skipIf(config.external.prometheus)('Prometheus outage: every signal is unreachable and sample() still resolves; signals return with it', async () => {
    const stopped = await stopPrometheus(config);
    expect(stopped, 'this test must be able to stop the lab Prometheus').toBe(true);
    try {
      const sample = await source.sample();
      for (const name of SIGNAL_NAMES) {
        expect(sample.signals[name], name).toMatchObject({
          kind: 'error',
          promql: source.queries[name],
          error: { type: 'unreachable', reason: 'connection-refused', url: `${config.prometheusUrl}/api/v1/query` },
        });
      }
    } finally {
      await startPrometheus(config, (line) => console.log(`[lab] ${line}`));
    }
    await eventually(
      async () => {
        const sample = await source.sample();
        for (const name of SIGNAL_NAMES) expect(sample.signals[name].kind, name).toBe('ok');
        expect(valueOf(sample, 'recordsProcessedPerSec')).toBeGreaterThan(0);
      },
      { timeoutMs: 60_000 },
    );
  });
});
