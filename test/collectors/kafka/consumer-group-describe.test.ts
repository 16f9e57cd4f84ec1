import { Reader, Writer } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { createConsumerGroupDescribeRequest, parseConsumerGroupDescribeResponse } from '../../../collectors/kafka/consumer-group-describe';
import { parseConsumerGroupDescribe } from '../../../collectors/kafka/parse-platformatic-groups';

const TOPIC_ID = '0b4e1f9a-7c2d-4e5f-8a9b-1c2d3e4f5a6b';

function assignment(w: Writer, topics: { name: string; partitions: number[] }[]): Writer {
  return w
    .appendArray(topics, (t, topic) => t.appendUUID(TOPIC_ID).appendString(topic.name).appendArray(topic.partitions, (p, n) => p.appendInt32(n), true, false))
    .appendTaggedFields();
}

/** A ConsumerGroupDescribe v0 answer, byte for byte as the broker writes it (flexible version: compact types, tagged fields). */
function answer(groups: { errorCode?: number; groupId: string; state: string; members: { id: string; host: string; topics: { name: string; partitions: number[] }[] }[] }[]): Reader {
  const w = Writer.create()
    .appendInt32(0)
    .appendArray(groups, (g, group) =>
      g
        .appendInt16(group.errorCode ?? 0)
        .appendString(null)
        .appendString(group.groupId)
        .appendString(group.state)
        .appendInt32(7)
        .appendInt32(7)
        .appendString('uniform')
        .appendArray(group.members, (m, member) => {
          m.appendString(member.id)
            .appendString(null)
            .appendString(null)
            .appendInt32(7)
            .appendString(`consumer-${group.groupId}-1`)
            .appendString(member.host)
            .appendArray(['orders', 'orders.retry'], (s, name) => s.appendString(name), true, false)
            .appendString(null);
          assignment(m, member.topics);
          assignment(m, member.topics);
        })
        .appendInt32(-2147483648),
    )
    .appendTaggedFields();
  return Reader.from(w);
}

describe('ConsumerGroupDescribe v0', () => {
  it('writes the group ids as a compact array and the authorized-operations flag', () => {
    const bytes = createConsumerGroupDescribeRequest(['a', 'bc'], false).buffer.slice();
    // compact array length 3 (two ids), "a", "bc", false, no tagged fields.
    expect([...bytes]).toEqual([3, 2, 0x61, 3, 0x62, 0x63, 0, 0]);
  });

  it('reads members with several subscribed topics and their assignments, which the client 1.35.0 parser cannot', () => {
    const response = parseConsumerGroupDescribeResponse(
      1,
      69,
      0,
      answer([
        {
          groupId: 'fraud',
          state: 'Stable',
          members: [
            { id: 'm-1', host: '/10.0.0.7', topics: [{ name: 'orders.retry', partitions: [1] }, { name: 'orders', partitions: [2, 0] }] },
            { id: 'm-2', host: '/10.0.0.8', topics: [{ name: 'orders', partitions: [1] }] },
          ],
        },
        { groupId: 'empty', state: 'Empty', members: [] },
      ]),
    );
    expect(response.groups.map((g) => g.groupId)).toEqual(['fraud', 'empty']);
    expect(response.groups[0]!.members[0]!.subscribedTopicNames).toEqual(['orders', 'orders.retry']);
    expect(response.groups[0]!.members[0]!.assignment[1]).toEqual({ topicId: TOPIC_ID, topicName: 'orders', partitions: [2, 0] });

    const parsed = parseConsumerGroupDescribe(response);
    expect(parsed.get('fraud')).toEqual({
      kind: 'read',
      value: {
        kind: 'consumer-described',
        state: 'Stable',
        members: [
          { memberId: 'm-1', clientId: 'consumer-fraud-1', host: '10.0.0.7', assignment: [{ topic: 'orders', partitions: [0, 2] }, { topic: 'orders.retry', partitions: [1] }] },
          { memberId: 'm-2', clientId: 'consumer-fraud-1', host: '10.0.0.8', assignment: [{ topic: 'orders', partitions: [1] }] },
        ],
      },
    });
    expect(parsed.get('empty')).toEqual({ kind: 'read', value: { kind: 'consumer-described', state: 'Empty', members: [] } });
  });

  it('keeps a group error to that group: a moved coordinator is asked again, another error fails the group', () => {
    const parsed = parseConsumerGroupDescribe(
      parseConsumerGroupDescribeResponse(1, 69, 0, answer([{ groupId: 'moved', state: '', errorCode: 16, members: [] }, { groupId: 'denied', state: '', errorCode: 30, members: [] }])),
    );
    expect(parsed.get('moved')).toMatchObject({ kind: 'moved', reason: expect.stringContaining('NOT_COORDINATOR') });
    expect(parsed.get('denied')).toMatchObject({ kind: 'failed', reason: expect.stringContaining('GROUP_AUTHORIZATION_FAILED') });
  });
});
