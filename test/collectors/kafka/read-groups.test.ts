import { describe, expect, it } from 'vitest';
import type { Coordinator } from '../../../collectors/kafka/parse-platformatic-groups';
import type { KafkaRequests, RequestTarget } from '../../../collectors/kafka/platformatic-requests';
import { readGroups } from '../../../collectors/kafka/read-groups';

const broker = (nodeId: number): Coordinator => ({ nodeId, host: `k${nodeId}`, port: 9092 });

/**
 * A cluster of brokers k1, k2 whose coordinator for each group is `coordinatorOf`; a broker
 * answers NOT_COORDINATOR for groups it does not coordinate, and `down` brokers do not answer.
 */
function fakeCluster(coordinatorOf: Record<string, number>, down: number[] = [], consumerProtocol: string[] = []) {
  const sent: { api: string; target: RequestTarget; keys: string[] }[] = [];
  const requests: KafkaRequests = {
    async send<R>(api: string, target: RequestTarget, args: unknown[]): Promise<R> {
      const nodeId = target === 'any' ? 0 : Number(target.host.slice(1));
      if (api === 'FindCoordinator') {
        const keys = args[1] as string[];
        sent.push({ api, target, keys });
        return { throttleTimeMs: 0, coordinators: keys.map((key) => ({ key, ...broker(coordinatorOf[key]!), errorCode: 0, errorMessage: null })) } as R;
      }
      const ids = api === 'OffsetFetch' ? (args[0] as { groupId: string }[]).map((g) => g.groupId) : (args[0] as string[]);
      sent.push({ api, target, keys: ids });
      if (down.includes(nodeId)) throw new Error('Connection closed');
      const here = (id: string) => coordinatorOf[id] === nodeId;
      if (api === 'ConsumerGroupDescribe') {
        const member = { memberId: 'm', instanceId: null, rackId: null, memberEpoch: 3, clientId: 'java', clientHost: '/10.0.0.9', subscribedTopicNames: ['t'], subscribedTopicRegex: null };
        const partitions = [{ topicId: 'id', topicName: 't', partitions: [0] }];
        return {
          throttleTimeMs: 0,
          groups: ids.map((groupId) => ({ errorCode: 0, errorMessage: null, groupId, groupState: 'Stable', groupEpoch: 3, assignmentEpoch: 3, assignorName: 'uniform', authorizedOperations: 0, members: [{ ...member, assignment: partitions, targetAssignment: partitions }] })),
        } as R;
      }
      if (api === 'DescribeGroups') {
        return { throttleTimeMs: 0, groups: ids.map((groupId) => ({ errorCode: !here(groupId) ? 16 : consumerProtocol.includes(groupId) ? 69 : 0, groupId, groupState: 'Empty', protocolType: 'consumer', protocolData: '', members: [], authorizedOperations: 0 })) } as R;
      }
      return {
        throttleTimeMs: 0,
        groups: ids.map((groupId) => ({ groupId, errorCode: here(groupId) ? 0 : 16, topics: here(groupId) ? [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 5n, committedLeaderEpoch: -1, metadata: null, errorCode: 0 }] }] : [] })),
      } as R;
    },
  };
  return { requests, sent };
}

const options = { groupsPerRequest: 2, maxConcurrentRequests: 4 };

describe('readGroups', () => {
  it('looks coordinators up once for all groups and asks each coordinator per chunk of groups', async () => {
    const { requests, sent } = fakeCluster({ a: 1, b: 1, c: 1, d: 2 });
    const cache = new Map<string, Coordinator>();
    const read = await readGroups(requests, cache, ['a', 'b', 'c', 'd'], options);
    expect(sent.filter((s) => s.api === 'FindCoordinator').map((s) => s.keys)).toEqual([['a', 'b'], ['c', 'd']]);
    // k1 coordinates three groups: two chunks of at most two; k2 one.
    expect(sent.filter((s) => s.api === 'DescribeGroups').map((s) => s.keys)).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(sent.filter((s) => s.api === 'OffsetFetch')).toHaveLength(3);
    expect([...read.committed.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(read.descriptions.get('d')).toEqual({ kind: 'described', state: 'Empty', members: [] });

    sent.length = 0;
    await readGroups(requests, cache, ['a', 'b', 'c', 'd'], options);
    expect(sent.filter((s) => s.api === 'FindCoordinator')).toEqual([]);
  });

  it('finds a moved coordinator again within the cycle and asks the new one', async () => {
    const coordinatorOf = { a: 1, b: 2 };
    const { requests, sent } = fakeCluster(coordinatorOf);
    const cache = new Map<string, Coordinator>([['a', broker(1)], ['b', broker(1)]]);
    const read = await readGroups(requests, cache, ['a', 'b'], options);
    expect(sent.filter((s) => s.api === 'FindCoordinator').map((s) => s.keys)).toEqual([['b']]);
    expect(read.committed.get('b')).toEqual([{ topic: 't', partition: 0, offset: 5n }]);
    expect(read.descriptions.get('b')?.kind).toBe('described');
    expect(cache.get('b')?.nodeId).toBe(2);
  });

  it('keeps a coordinator that does not answer to its own groups', async () => {
    const { requests } = fakeCluster({ a: 1, b: 2 }, [2]);
    const cache = new Map<string, Coordinator>();
    const read = await readGroups(requests, cache, ['a', 'b'], options);
    expect(read.committed.get('a')).toHaveLength(1);
    expect(read.descriptions.get('a')?.kind).toBe('described');
    expect(read.committedFailures.get('b')).toMatch(/OffsetFetch to broker 2 failed: Connection closed/);
    expect(read.descriptions.get('b')).toMatchObject({ kind: 'failed', reason: expect.stringContaining('DescribeGroups to broker 2 failed') });
    // Looked up afresh next cycle.
    expect(cache.has('b')).toBe(false);
  });

  it('describes consumer-protocol (KIP-848) groups with one ConsumerGroupDescribe per coordinator', async () => {
    const { requests, sent } = fakeCluster({ a: 1, b: 1, c: 2, d: 1 }, [], ['a', 'b', 'c']);
    const read = await readGroups(requests, new Map(), ['a', 'b', 'c', 'd'], { ...options, groupsPerRequest: 250 });
    expect(sent.filter((s) => s.api === 'ConsumerGroupDescribe').map((s) => s.keys)).toEqual([['a', 'b'], ['c']]);
    expect(read.descriptions.get('a')).toEqual({ kind: 'consumer-described', state: 'Stable', members: [{ memberId: 'm', clientId: 'java', host: '10.0.0.9', assignment: [{ topic: 't', partitions: [0] }] }] });
    expect(read.descriptions.get('d')?.kind).toBe('described');
  });

  it('keeps a consumer-protocol group whose coordinator does not answer ConsumerGroupDescribe, saying why', async () => {
    const { requests } = fakeCluster({ a: 1 }, [], ['a']);
    const failing: typeof requests = {
      send: (api, target, args) => (api === 'ConsumerGroupDescribe' ? Promise.reject(new Error('Connection closed')) : requests.send(api, target, args)),
    };
    const cache = new Map<string, Coordinator>();
    const read = await readGroups(failing, cache, ['a'], options);
    expect(read.descriptions.get('a')).toMatchObject({ kind: 'not-classic', reason: expect.stringContaining('ConsumerGroupDescribe to broker 1 failed: Connection closed') });
    expect(read.committed.get('a')).toHaveLength(1);
    expect(cache.has('a')).toBe(false);
  });
});
