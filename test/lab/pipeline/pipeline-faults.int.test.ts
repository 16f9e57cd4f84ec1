import fs from 'node:fs';
import { Kafka, logLevel, type Admin, type IHeaders } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabConfig } from '../../../lab/lab-config';
import { eventually } from '../../support/eventually';
import { committedTotal, connectAdmin, endOffsetTotal } from '../../../lab/pipeline/kafka-admin';
import { queryScalar } from '../../support/prometheus-query';
import { startTestPipeline, type TestPipeline } from '../../../lab/pipeline/test-pipeline';

/**
 * Each fault of the lab, injected into a real pipeline on the real broker, must show its raw
 * signal in Kafka and in Prometheus; `healthy` must bring the flow back. One pipeline of its own
 * (own topic, group and ports) so the demo pipeline is left alone.
 */
const config = readLabConfig();

let test: TestPipeline;
let topic: string;
let dlqTopic: string;
let group: string;
let sel: string;
let admin: Admin;

const fault = (body: Record<string, unknown>) => test.fault(body);
const promql = (expression: string) => queryScalar(config.prometheusUrl, expression);
async function expectCommitsAdvance(timeoutMs = 30_000): Promise<void> {
  const before = await committedTotal(admin, group, topic);
  await eventually(async () => expect(await committedTotal(admin, group, topic)).toBeGreaterThan(before), { timeoutMs });
}

async function describeGroup() {
  const { groups } = await admin.describeGroups([group]);
  return groups[0]!;
}

describe('demo pipeline faults on the real stack', () => {
  beforeAll(async () => {
    admin = await connectAdmin(config.brokers);
    test = await startTestPipeline('faults', { outageAfterMs: 3_000 });
    ({ topic, dlqTopic, group } = test);
    sel = `consumer_group="${group}"`;
  });

  afterAll(async () => {
    await test?.stop([`${group}-dlq-reader`]);
    await admin?.disconnect();
  });

  it('flows: events are written to the sink and offsets are committed after the write', async () => {
    await eventually(async () => expect(await committedTotal(admin, group, topic)).toBeGreaterThan(0n));
    await expectCommitsAdvance();
    await eventually(async () => expect(await promql(`sum(ingest_records_processed_total{${sel},outcome="written"})`)).toBeGreaterThan(0));
    const state = await describeGroup();
    expect(state.state).toBe('Stable');
    expect(state.members).toHaveLength(2);
  });

  it('transient-errors: the 503 error counter and retries rise while consumption continues', async () => {
    await fault({ name: 'transient-errors', rate: 0.5 });
    await eventually(async () => {
      expect(await promql(`sum(ingest_sink_errors_total{${sel},status_code="503",error_class="transient"})`)).toBeGreaterThan(0);
      expect(await promql(`sum(ingest_sink_retries_total{${sel}})`)).toBeGreaterThan(0);
    });
    await expectCommitsAdvance();
    await fault({ name: 'healthy' });
  });

  it('poison: the DLQ topic gains records with error metadata in headers and the main flow keeps moving', async () => {
    await fault({ name: 'poison', rate: 0.3 });
    const dead: IHeaders[] = [];
    const consumer = new Kafka({ clientId: 'it-dlq-reader', brokers: config.brokers, logLevel: logLevel.NOTHING }).consumer({
      groupId: `${group}-dlq-reader`,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: dlqTopic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void dead.push(message.headers ?? {}) });
    try {
      await eventually(() => expect(dead.length).toBeGreaterThanOrEqual(3));
      const header = (h: IHeaders, key: string) => h[key]?.toString();
      for (const headers of dead) {
        expect(header(headers, 'x-error-class')).toBe('permanent');
        expect(['schema', 'business-rule']).toContain(header(headers, 'x-error-reason'));
        expect(header(headers, 'x-source-topic')).toBe(topic);
        expect(Number(header(headers, 'x-source-offset'))).toBeGreaterThanOrEqual(0);
      }
      await eventually(async () => expect(await promql(`sum(ingest_dlq_records_total{${sel}})`)).toBeGreaterThan(0));
      await expectCommitsAdvance();
    } finally {
      await consumer.disconnect();
      await fault({ name: 'healthy' });
    }
  });

  it('slow-sink: sink latency rises and lag grows', async () => {
    await fault({ name: 'slow-sink', latencyMs: 600 });
    const lag = async () => (await endOffsetTotal(admin, topic)) - (await committedTotal(admin, group, topic));
    const lagBefore = await lag();
    await eventually(async () => {
      const p50 = await promql(
        `histogram_quantile(0.5, sum by (le) (rate(ingest_sink_request_duration_seconds_bucket{${sel}}[5s])))`,
      );
      expect(p50).toBeGreaterThan(0.4);
    });
    await eventually(async () => expect(await lag()).toBeGreaterThan(lagBefore + 50n));
    await fault({ name: 'healthy' });
    await eventually(async () => expect(await lag()).toBeLessThan(100n), { timeoutMs: 60_000 });
  });

  it('sink-down: consumers pause and committed offsets stop; healthy resumes them', async () => {
    await fault({ name: 'sink-down' });
    await eventually(async () => expect(await promql(`max(ingest_consumer_paused{${sel}})`)).toBe(1));
    const committed = await committedTotal(admin, group, topic);
    const end = await endOffsetTotal(admin, topic);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await committedTotal(admin, group, topic)).toBe(committed);
    expect(await endOffsetTotal(admin, topic)).toBeGreaterThan(end);

    await fault({ name: 'healthy' });
    await expectCommitsAdvance();
    await eventually(async () => expect(await promql(`max(ingest_consumer_paused{${sel}})`)).toBe(0));
  });

  it('rebalance: the group membership changes and rebalances are counted', async () => {
    const rebalancesBefore = (await promql(`sum(ingest_consumer_rebalances_total{${sel}})`)) ?? 0;
    const membersBefore = new Set((await describeGroup()).members.map((m) => m.memberId));
    await fault({ name: 'rebalance', intervalMs: 2_000 });
    await eventually(async () => {
      const members = (await describeGroup()).members.map((m) => m.memberId);
      expect(members.some((id) => !membersBefore.has(id))).toBe(true);
    });
    await eventually(async () => expect(await promql(`sum(ingest_consumer_rebalances_total{${sel}})`)).toBeGreaterThan(rebalancesBefore));
    await fault({ name: 'healthy' });
    await eventually(async () => {
      const state = await describeGroup();
      expect(state.state).toBe('Stable');
      expect(state.members).toHaveLength(2);
    });
  });

  it('consumer-stop: the group empties; healthy brings the members back', async () => {
    await fault({ name: 'consumer-stop' });
    await eventually(async () => {
      const state = await describeGroup();
      expect(state.state).toBe('Empty');
      expect(state.members).toHaveLength(0);
    });
    await fault({ name: 'healthy' });
    await eventually(async () => expect((await describeGroup()).members).toHaveLength(2));
    await expectCommitsAdvance();
  });

  it('producer-burst: the produce rate rises to the burst rate', async () => {
    await fault({ name: 'producer-burst', rate: 400 });
    await eventually(async () =>
      expect(await promql(`sum(rate(ingest_records_produced_total{topic="${topic}"}[3s]))`)).toBeGreaterThan(200),
    );
    await fault({ name: 'healthy' });
  });

  it('producer-stop: the log end stops moving while the group stays and catches up', async () => {
    await fault({ name: 'producer-stop' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const end = await endOffsetTotal(admin, topic);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await endOffsetTotal(admin, topic)).toBe(end);
    await eventually(async () => expect(await committedTotal(admin, group, topic)).toBe(end));
    expect((await describeGroup()).members).toHaveLength(2);
    await fault({ name: 'healthy' });
    await eventually(async () => expect(await endOffsetTotal(admin, topic)).toBeGreaterThan(end));
  });

  it('recorded every fault start and end in the ground-truth log', () => {
    const lines = fs
      .readFileSync(test.faultLogPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; fault: string; atMs: number });
    const injected = ['transient-errors', 'poison', 'slow-sink', 'sink-down', 'rebalance', 'consumer-stop', 'producer-burst', 'producer-stop'];
    for (const name of injected) {
      expect(lines.filter((l) => l.fault === name).map((l) => l.event), name).toEqual(['start', 'end']);
    }
    const times = lines.map((l) => l.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
