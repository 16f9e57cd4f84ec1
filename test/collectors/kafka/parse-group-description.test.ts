import { AssignerProtocol, type GroupDescription } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { parseDescribeGroupsFailure, parseGroupDescription, toGroupShape, type GroupDescriptionOutcome } from '../../../collectors/kafka/parse-group-description';

const assignment = AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: { orders: [2, 0] }, userData: Buffer.alloc(0) });
const group = (over: Partial<GroupDescription> = {}): GroupDescription => ({
  groupId: 'fraud',
  state: 'Stable',
  protocolType: 'consumer',
  protocol: 'range',
  members: [{ memberId: 'm-1', clientId: 'fraud-1', clientHost: '/10.0.0.7', memberMetadata: Buffer.alloc(0), memberAssignment: assignment }],
  ...over,
});

describe('parseGroupDescription', () => {
  const cases = [
    {
      desc: 'a classic group: state, members with host and sorted partitions',
      input: group(),
      expected: { kind: 'described', state: 'Stable', members: [{ memberId: 'm-1', clientId: 'fraud-1', host: '10.0.0.7', assignment: [{ topic: 'orders', partitions: [0, 2] }] }] },
    },
    { desc: 'a Kafka 4 consumer-protocol group (Dead, no protocol type)', input: group({ state: 'Dead', protocolType: '', members: [] }), expected: { kind: 'not-classic' } },
    { desc: 'a state this version does not know', input: group({ state: 'Rebalancing' as GroupDescription['state'], members: [] }), expected: { kind: 'described', state: 'Unknown', members: [] } },
    {
      desc: 'an assignment that is not the consumer protocol',
      input: group({ members: [{ memberId: 'w', clientId: 'connect', clientHost: 'h', memberMetadata: Buffer.alloc(0), memberAssignment: Buffer.from([1, 2, 3]) }] }),
      expected: { kind: 'described', state: 'Stable', members: [{ memberId: 'w', clientId: 'connect', host: 'h', assignment: [] }] },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(parseGroupDescription(input)).toEqual(expected);
  });
});

describe('parseDescribeGroupsFailure', () => {
  const cases = [
    { desc: 'GROUP_ID_NOT_FOUND means not a classic group', input: Object.assign(new Error('not found'), { type: 'GROUP_ID_NOT_FOUND' }), expected: { kind: 'not-classic' } },
    { desc: 'anything else is a failure with its message', input: new Error('coordinator not available'), expected: { kind: 'failed', reason: 'coordinator not available' } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(parseDescribeGroupsFailure(input)).toEqual(expected);
  });
});

describe('toGroupShape', () => {
  const cases: { desc: string; input: GroupDescriptionOutcome; expected: unknown }[] = [
    { desc: 'described: classic with visible members', input: { kind: 'described', state: 'Empty', members: [] }, expected: { protocol: 'classic', state: 'Empty', membership: { kind: 'visible', members: [] } } },
    { desc: 'not classic: consumer protocol, members not visible', input: { kind: 'not-classic' }, expected: { protocol: 'consumer', state: 'Unknown', membership: { kind: 'not-visible', reason: expect.stringContaining('KIP-848') } } },
    { desc: 'failed: the reason is kept', input: { kind: 'failed', reason: 'timeout' }, expected: { protocol: 'unknown', state: 'Unknown', membership: { kind: 'not-visible', reason: 'DescribeGroups failed: timeout' } } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(toGroupShape(input)).toEqual(expected);
  });
});
