import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabConfig } from '../../../lab/lab-config';
import { isKafkaReady } from '../../../lab/stack/kafka';
import { registerScrapeTarget, unregisterScrapeTarget } from '../../../lab/stack/prometheus';
import { eventually } from '../../support/eventually';
import { queryScalar } from '../../support/prometheus-query';

const config = readLabConfig();

describe('the lab stack', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('runs a broker that stores and serves records', async () => {
    expect(await isKafkaReady(config.brokers)).toBe(true);
    const kafka = new Kafka({ clientId: 'lab-stack-test', brokers: config.brokers, logLevel: logLevel.NOTHING });
    const topic = `lab-stack-${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    cleanups.push(() => admin.deleteTopics({ topics: [topic] }));

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    await producer.disconnect();

    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets).toHaveLength(3);
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(30);
  });

  it('has Prometheus scraping the broker through the JMX exporter', async () => {
    const up = await eventually(async () => {
      const value = await queryScalar(config.prometheusUrl, 'up{job="kafka-broker"}');
      expect(value).toBe(1);
      return value;
    });
    expect(up).toBe(1);
    const messagesIn = await eventually(async () => {
      const value = await queryScalar(config.prometheusUrl, 'sum(kafka_server_brokertopicmetrics_messagesinpersec_total)');
      expect(value).toBeGreaterThan(0);
      return value;
    });
    expect(messagesIn).toBeGreaterThan(0);
  });

  it('scrapes a target registered by dropping a file, and forgets it when the file goes', async () => {
    const marker = Math.floor(Math.random() * 1e9);
    const server = http.createServer((_, response) => {
      response.setHeader('content-type', 'text/plain; version=0.0.4');
      response.end(`# TYPE lab_registration_marker gauge\nlab_registration_marker ${marker}\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const name = `lab-stack-test-${marker}`;
    registerScrapeTarget(config, name, `127.0.0.1:${(server.address() as AddressInfo).port}`);
    cleanups.push(() => unregisterScrapeTarget(config, name));

    await eventually(async () => {
      expect(await queryScalar(config.prometheusUrl, `lab_registration_marker{job="${name}"}`)).toBe(marker);
    });

    unregisterScrapeTarget(config, name);
    await eventually(async () => {
      const response = await fetch(`${config.prometheusUrl}/api/v1/targets`);
      const body = (await response.json()) as { data: { activeTargets: { labels: Record<string, string> }[] } };
      expect(body.data.activeTargets.map((t) => t.labels.job)).not.toContain(name);
    });
  });
});
