import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkajsClusterSource } from '../../../collectors/kafka/kafkajs-cluster-source';
import { PlatformaticClusterSource } from '../../../collectors/kafka/platformatic-cluster-source';
import type { ClusterSource } from '../../../lib/cluster/cluster-source';
import { readLabConfig } from '../../../lab/lab-config';
import { kafkaClasspath } from '../../../lab/stack/kafka';
import { eventually } from '../../support/eventually';
import { connectAdmin } from '../../../lab/pipeline/kafka-admin';

/**
 * A group on the Kafka 4 consumer protocol (KIP-848), run by the real Java client: kafkajs cannot
 * describe it, and tools that rely on the classic API show it as dead or drop it. Pipewatch must
 * keep it, with its commits, and say what it cannot see.
 */
const config = readLabConfig();
const suffix = randomUUID().slice(0, 8);
const topic = `it-kip848-${suffix}`;
const group = `it-kip848-group-${suffix}`;

describe('a consumer-protocol (KIP-848) group on Kafka 4', () => {
  let member: ChildProcess | undefined;
  const options = { includeGroup: (id: string) => id === group, extraTopics: () => [], maxConcurrentRequests: 4 };
  const sources: [string, ClusterSource][] = [
    ['KafkajsClusterSource', new KafkajsClusterSource({ ...options, kafka: { brokers: config.brokers, clientId: 'pipewatch-test' } })],
    ['PlatformaticClusterSource', new PlatformaticClusterSource({ ...options, kafka: { brokers: config.brokers, clientId: 'pipewatch-test' } })],
  ];

  afterAll(async () => {
    member?.kill();
    for (const [, source] of sources) await source.close().catch(() => undefined);
    const admin = await connectAdmin(config.brokers);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('runs a consumer-protocol member', async () => {
    const kafka = new Kafka({ clientId: 'it-kip848', brokers: config.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ value: `m${i}` })) });
    await producer.disconnect();

    const javaSource = path.join('lab', 'kafka', 'ConsumerProtocolMember.java');
    member = spawn('java', ['-cp', kafkaClasspath(config, () => {}), javaSource, config.brokers.join(','), topic, group], { stdio: 'ignore' });
  });

  it.each(sources)('%s keeps it in the sample with its commits, marked as consumer protocol with membership not visible', async (_, source) => {
    const sampled = await eventually(
      async () => {
        const sample = await source.sample();
        const found = sample.groups.find((g) => g.groupId === group);
        expect(found?.committed.filter((c) => c.offset !== null)).toHaveLength(3);
        return found!;
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    expect(sampled.protocol).toBe('consumer');
    expect(sampled.membership).toMatchObject({ kind: 'not-visible', reason: expect.stringContaining('KIP-848') });
    expect(sampled.committed.reduce((sum, c) => sum + (c.offset ?? 0n), 0n)).toBe(30n);
  });
});
