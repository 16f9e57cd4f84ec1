import { describe, expect, it } from 'vitest';
import type { TransactionEvent } from '../../../lab/pipeline/events';
import { createPipelineMetrics } from '../../../lab/pipeline/metrics';
import { createOutageGuard } from '../../../lab/pipeline/outage-guard';
import type { SinkResult } from '../../../lab/pipeline/sink-client';
import { deliverWithRetry, type DeliveryResult } from '../../../lab/pipeline/sink-delivery';

const event: TransactionEvent = { event_id: 'e1', entity_id: 'card-1', amount: 5, currency: 'EUR', event_time: '2026-01-01T00:00:00.000Z' };
const labels = { consumer_group: 'fraud-features', topic: 'payments', sink: 'feature-store' };
const transient = (statusCode: string, retryAfterMs: number | null = null): SinkResult => ({ kind: 'transient', statusCode, retryAfterMs, detail: '' });
const written: SinkResult = { kind: 'applied', outcome: 'written' };
const rejected: SinkResult = { kind: 'permanent', statusCode: '422', reason: 'business-rule', detail: 'negative' };

async function deliver(answers: SinkResult[], abortAfterSleeps = Infinity) {
  const metrics = createPipelineMetrics({ defaultMetrics: false });
  const sleeps: number[] = [];
  const controller = new AbortController();
  const guard = createOutageGuard({
    outageAfterMs: 10_000,
    probeIntervalMs: 1_000,
    isSinkHealthy: async () => true,
    onPause: () => {},
    onResume: () => {},
  });
  const result = await deliverWithRetry(
    event,
    { heartbeat: async () => {}, signal: controller.signal, guard },
    {
      sink: { put: async () => answers.shift() ?? written, isHealthy: async () => true },
      metrics,
      labels,
      random: () => 0.5,
      sleep: async (delayMs) => {
        sleeps.push(delayMs);
        if (sleeps.length >= abortAfterSleeps) controller.abort();
        return !controller.signal.aborted;
      },
    },
  );
  const value = async (name: string): Promise<Record<string, number>> =>
    Object.fromEntries((await metrics.registry.getSingleMetric(name)!.get()).values.map((v) => [String(v.labels.status_code ?? ''), v.value]));
  return { result, sleeps, errors: await value('ingest_sink_errors_total'), retries: (await value('ingest_sink_retries_total'))[''] ?? 0 };
}

describe('deliverWithRetry', () => {
  const cases: Array<{ desc: string; input: { answers: SinkResult[]; abortAfterSleeps?: number }; expected: { result: DeliveryResult; sleeps: number[]; errors: Record<string, number>; retries: number } }> = [
    { desc: 'first try succeeds', input: { answers: [written] }, expected: { result: { kind: 'applied', outcome: 'written' }, sleeps: [], errors: {}, retries: 0 } },
    {
      desc: 'transient failures are retried in place with growing jittered delays',
      input: { answers: [transient('503'), transient('timeout'), transient('connection_refused'), written] },
      expected: { result: { kind: 'applied', outcome: 'written' }, sleeps: [50, 100, 200], errors: { '503': 1, timeout: 1, connection_refused: 1 }, retries: 3 },
    },
    {
      desc: 'Retry-After is honoured',
      input: { answers: [transient('429', 1_000), written] },
      expected: { result: { kind: 'applied', outcome: 'written' }, sleeps: [1_000], errors: { '429': 1 }, retries: 1 },
    },
    {
      desc: 'a permanent failure is not retried',
      input: { answers: [transient('503'), rejected] },
      expected: { result: { kind: 'rejected', reason: 'business-rule', detail: 'negative' }, sleeps: [50], errors: { '503': 1, '422': 1 }, retries: 1 },
    },
    {
      desc: 'stopping the member abandons the record instead of skipping it',
      input: { answers: [transient('503'), transient('503'), written], abortAfterSleeps: 2 },
      expected: { result: { kind: 'abandoned' }, sleeps: [50, 100], errors: { '503': 2 }, retries: 1 },
    },
  ];
  it.each(cases)('$desc', async ({ input, expected }) => {
    expect(await deliver([...input.answers], input.abortAfterSleeps)).toEqual(expected);
  });
});
