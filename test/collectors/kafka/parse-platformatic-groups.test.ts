import { AssignerProtocol } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  decodeMemberAssignment,
  parseDescribeGroups,
  parseFindCoordinator,
  parseListGroups,
  parseOffsetFetch,
} from '../../../collectors/kafka/parse-platformatic-groups';

// Encoded by kafkajs, read by the @platformatic/kafka Reader: two clients agree on the consumer protocol.
const assignment = AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: { orders: [2, 0], 'orders.retry': [1] }, userData: Buffer.alloc(0) });

const describedGroup = (over = {}) => ({
  errorCode: 0,
  groupId: 'fraud',
  groupState: 'Stable',
  protocolType: 'consumer',
  protocolData: 'range',
  members: [{ memberId: 'm-1', groupInstanceId: null, clientId: 'fraud-1', clientHost: '/10.0.0.7', memberMetadata: Buffer.alloc(0), memberAssignment: assignment }],
  authorizedOperations: 0,
  ...over,
});

describe('decodeMemberAssignment', () => {
  const cases = [
    { desc: 'a consumer-protocol assignment: topics in order, partitions sorted', input: assignment, expected: [{ topic: 'orders', partitions: [0, 2] }, { topic: 'orders.retry', partitions: [1] }] },
    { desc: 'no assignment yet', input: Buffer.alloc(0), expected: [] },
    { desc: 'bytes that are not the consumer protocol (a Connect worker)', input: Buffer.from([1, 2, 3]), expected: [] },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(decodeMemberAssignment(input)).toEqual(expected));
});

describe('parseDescribeGroups', () => {
  const cases = [
    {
      desc: 'a classic group: state, members with host and partitions',
      input: describedGroup(),
      expected: { kind: 'read', value: { kind: 'described', state: 'Stable', members: [{ memberId: 'm-1', clientId: 'fraud-1', host: '10.0.0.7', assignment: [{ topic: 'orders', partitions: [0, 2] }, { topic: 'orders.retry', partitions: [1] }] }] } },
    },
    { desc: 'Kafka 4, a consumer-protocol group by error code', input: describedGroup({ errorCode: 69, members: [] }), expected: { kind: 'read', value: { kind: 'not-classic' } } },
    { desc: 'Kafka 4, a consumer-protocol group by state Dead and no protocol type', input: describedGroup({ groupState: 'Dead', protocolType: '', members: [] }), expected: { kind: 'read', value: { kind: 'not-classic' } } },
    { desc: 'a state this version does not know', input: describedGroup({ groupState: 'Rebalancing', members: [] }), expected: { kind: 'read', value: { kind: 'described', state: 'Unknown', members: [] } } },
    { desc: 'the coordinator moved: ask again', input: describedGroup({ errorCode: 16 }), expected: { kind: 'moved', reason: expect.stringContaining('NOT_COORDINATOR') } },
    { desc: 'the coordinator is not elected yet: ask again', input: describedGroup({ errorCode: 15 }), expected: { kind: 'moved', reason: expect.stringContaining('COORDINATOR_NOT_AVAILABLE') } },
    { desc: 'not authorised: that group fails', input: describedGroup({ errorCode: 30 }), expected: { kind: 'failed', reason: expect.stringContaining('GROUP_AUTHORIZATION_FAILED') } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const parsed = parseDescribeGroups({ throttleTimeMs: 0, groups: [input] });
    expect(parsed.get('fraud')).toEqual(expected);
  });
});

describe('parseOffsetFetch', () => {
  const partition = (partitionIndex: number, committedOffset: bigint, errorCode = 0) => ({ partitionIndex, committedOffset, committedLeaderEpoch: -1, metadata: null, errorCode });
  const cases = [
    {
      desc: 'commits as bigint, -1 as nothing committed',
      input: { groupId: 'g', errorCode: 0, topics: [{ name: 'orders', partitions: [partition(0, 42n), partition(1, -1n)] }] },
      expected: { kind: 'read', value: [{ topic: 'orders', partition: 0, offset: 42n }, { topic: 'orders', partition: 1, offset: null }] },
    },
    { desc: 'a group on a moved coordinator', input: { groupId: 'g', errorCode: 16, topics: [] }, expected: { kind: 'moved', reason: expect.stringContaining('NOT_COORDINATOR') } },
    { desc: 'a coordinator still loading: that group fails this cycle', input: { groupId: 'g', errorCode: 14, topics: [] }, expected: { kind: 'failed', reason: expect.stringContaining('COORDINATOR_LOAD_IN_PROGRESS') } },
    {
      desc: 'a partition in error fails the group, naming the partition',
      input: { groupId: 'g', errorCode: 0, topics: [{ name: 'orders', partitions: [partition(0, 1n), partition(3, -1n, 88)] }] },
      expected: { kind: 'failed', reason: expect.stringContaining('orders[3]') },
    },
    { desc: 'an offset below -1', input: { groupId: 'g', errorCode: 0, topics: [{ name: 'orders', partitions: [partition(0, -5n)] }] }, expected: { kind: 'failed', reason: expect.stringContaining('not an offset') } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(parseOffsetFetch({ throttleTimeMs: 0, groups: [input] }).get('g')).toEqual(expected));

  it('keeps groups apart: one in error, the other read', () => {
    const parsed = parseOffsetFetch({
      throttleTimeMs: 0,
      groups: [
        { groupId: 'bad', errorCode: 16, topics: [] },
        { groupId: 'good', errorCode: 0, topics: [{ name: 't', partitions: [partition(0, 7n)] }] },
      ],
    });
    expect(parsed.get('bad')?.kind).toBe('moved');
    expect(parsed.get('good')).toEqual({ kind: 'read', value: [{ topic: 't', partition: 0, offset: 7n }] });
  });
});

describe('parseFindCoordinator', () => {
  it('finds each group its coordinator, or says why not', () => {
    const parsed = parseFindCoordinator({
      throttleTimeMs: 0,
      coordinators: [
        { key: 'a', nodeId: 2, host: 'k2', port: 9092, errorCode: 0, errorMessage: null },
        { key: 'b', nodeId: -1, host: '', port: -1, errorCode: 15, errorMessage: 'The coordinator is not available.' },
      ],
    });
    expect(parsed.get('a')).toEqual({ kind: 'found', coordinator: { nodeId: 2, host: 'k2', port: 9092 } });
    expect(parsed.get('b')).toEqual({ kind: 'failed', reason: 'coordinator not found: COORDINATOR_NOT_AVAILABLE: The coordinator is not available.' });
  });
});

describe('parseListGroups', () => {
  it('lists groups with their protocol type; a broker error fails the whole listing', () => {
    const group = { groupId: 'g', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' };
    expect(parseListGroups({ throttleTimeMs: 0, errorCode: 0, groups: [group] })).toEqual([{ groupId: 'g', protocolType: 'consumer' }]);
    expect(() => parseListGroups({ throttleTimeMs: 0, errorCode: 14, groups: [] })).toThrow(/COORDINATOR_LOAD_IN_PROGRESS/);
  });
});
