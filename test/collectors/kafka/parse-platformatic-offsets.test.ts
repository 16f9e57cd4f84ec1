import { describe, expect, it } from 'vitest';
import { parseListOffsets, parseMetadata, parseRetention } from '../../../collectors/kafka/parse-platformatic-offsets';

const partition = (partitionIndex: number, leaderId: number, errorCode = 0) => ({ errorCode, partitionIndex, leaderId, leaderEpoch: 3, replicaNodes: [leaderId], isrNodes: [leaderId], offlineReplicas: [] });
const topic = (name: string, partitions: ReturnType<typeof partition>[], errorCode = 0) => ({ errorCode, name, topicId: `id-${name}`, isInternal: false, partitions, topicAuthorizedOperations: 0 });
const metadata = (topics: ReturnType<typeof topic>[]) => ({
  throttleTimeMs: 0,
  brokers: [
    { nodeId: 1, host: 'k1', port: 9092, rack: null },
    { nodeId: 2, host: 'k2', port: 9092, rack: null },
  ],
  clusterId: 'c',
  controllerId: 1,
  topics,
});

describe('parseMetadata', () => {
  it('keeps brokers and each partition’s leader, indexed by partition', () => {
    const layout = parseMetadata(metadata([topic('orders', [partition(1, 2), partition(0, 1)])]));
    expect([...layout.brokers.keys()]).toEqual([1, 2]);
    expect(layout.topics.get('orders')).toEqual({ topicId: 'id-orders', leaders: [1, 2] });
  });

  const cases = [
    { desc: 'a name asked for that does not exist is left out', input: [topic('orders.dlq', [], 3)], expected: [] },
    { desc: 'a partition without a leader has leader -1', input: [topic('new', [partition(0, -1, 5), partition(1, 2)])], expected: [['new', { topicId: 'id-new', leaders: [-1, 2] }]] },
    { desc: 'a partition missing from the answer has leader -1', input: [topic('gap', [partition(1, 2)])], expected: [['gap', { topicId: 'id-gap', leaders: [-1, 2] }]] },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect([...parseMetadata(metadata(input)).topics]).toEqual(expected));
});

describe('parseListOffsets', () => {
  it('gives each partition its offset or its error code', () => {
    const parsed = parseListOffsets({
      throttleTimeMs: 0,
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, errorCode: 0, timestamp: -1n, offset: 120n, leaderEpoch: 3 },
            { partitionIndex: 1, errorCode: 6, timestamp: -1n, offset: -1n, leaderEpoch: -1 },
          ],
        },
      ],
    });
    expect(parsed).toEqual([
      { topic: 'orders', partition: 0, ok: true, offset: 120n },
      { topic: 'orders', partition: 1, ok: false, errorCode: 6 },
    ]);
  });
});

describe('parseRetention', () => {
  const result = (resourceName: string, value: string | null, errorCode = 0) => ({
    errorCode,
    errorMessage: null,
    resourceType: 2 as const,
    resourceName,
    configs: [{ name: 'retention.ms', value, readOnly: false, configSource: 5 as const, isSensitive: false, synonyms: [], configType: 5 as const, documentation: null }],
  });
  const cases = [
    { desc: 'milliseconds', input: result('a', '604800000'), expected: [['a', 604_800_000]] },
    { desc: '-1: kept forever', input: result('a', '-1'), expected: [['a', null]] },
    { desc: 'no value', input: result('a', null), expected: [] },
    { desc: 'not a number', input: result('a', 'soon'), expected: [] },
    { desc: 'a topic in error', input: result('a', '1000', 3), expected: [] },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect([...parseRetention({ throttleTimeMs: 0, results: [input] })]).toEqual(expected));
});
