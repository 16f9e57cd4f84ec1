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
 * A group on the Kafka 4 consumer protocol (KIP-848), run by the real Java client: the classic
 * DescribeGroups cannot describe it, and tools that rely on it show it as dead or drop it.
 * Pipewatch's source reads it with ConsumerGroupDescribe: members, hosts, client ids and their
 * assignments; the kafkajs reference source keeps it with its commits and says what it cannot see.
 */
const config = readLabConfig();
const suffix = randomUUID().slice(0, 8);
const topic = `it-kip848-${suffix}`;
const group = `it-kip848-group-${suffix}`;

describe('a consumer-protocol (KIP-848) group on Kafka 4', () => {
  const members: ChildProcess[] = [];
  const options = { includeGroup: (id: string) => id === group, extraTopics: () => [], maxConcurrentRequests: 4 };
  const sources: [string, ClusterSource][] = [
    ['KafkajsClusterSource', new KafkajsClusterSource({ ...options, kafka: { brokers: config.brokers, clientId: 'pipewatch-test' } })],
    ['PlatformaticClusterSource', new PlatformaticClusterSource({ ...options, kafka: { brokers: config.brokers, clientId: 'pipewatch-test' } })],
  ];

  afterAll(async () => {
    for (const member of members) member.kill();
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

    members.push(startMember());
  });

  it.each(sources)('%s keeps it in the sample with its commits, marked as consumer protocol', async (_, source) => {
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
    expect(sampled.committed.reduce((sum, c) => sum + (c.offset ?? 0n), 0n)).toBe(30n);
  });

  it('the kafkajs reference source says the members are not visible, and why', async () => {
    const sample = await sources[0]![1].sample();
    expect(sample.groups.find((g) => g.groupId === group)?.membership).toMatchObject({ kind: 'not-visible', reason: expect.stringContaining('KIP-848') });
  });

  it('the Pipewatch source shows the member, its client id, host and all three partitions, Stable', async () => {
    const source = sources[1]![1];
    const found = await eventually(
      async () => {
        const g = (await source.sample()).groups.find((x) => x.groupId === group);
        expect(g?.state).toBe('Stable');
        expect(g?.membership.kind === 'visible' ? g.membership.members : []).toHaveLength(1);
        return g!;
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
    if (found.membership.kind !== 'visible') throw new Error('membership not visible');
    const [only] = found.membership.members;
    expect(only!.clientId).toMatch(/^consumer-/);
    expect(only!.host).toMatch(/127\.0\.0\.1|localhost/);
    expect(only!.assignment).toEqual([{ topic, partitions: [0, 1, 2] }]);
  });

  it('a second member joining splits the partitions between the two, as a rebalance shows them', async () => {
    members.push(startMember());
    const source = sources[1]![1];
    const found = await eventually(
      async () => {
        const g = (await source.sample()).groups.find((x) => x.groupId === group);
        const visible = g?.membership.kind === 'visible' ? g.membership.members : [];
        expect(visible).toHaveLength(2);
        expect(visible.every((m) => m.assignment.length === 1)).toBe(true);
        expect(g?.state).toBe('Stable');
        return visible;
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    const owned = found.flatMap((m) => m.assignment.flatMap((a) => a.partitions)).sort();
    expect(owned).toEqual([0, 1, 2]);
    expect(new Set(found.map((m) => m.memberId)).size).toBe(2);
  });
});

function startMember(): ChildProcess {
  const javaSource = path.join('lab', 'kafka', 'ConsumerProtocolMember.java');
  return spawn('java', ['-cp', kafkaClasspath(config, () => {}), javaSource, config.brokers.join(','), topic, group], { stdio: 'ignore' });
}
