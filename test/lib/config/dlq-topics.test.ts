import { describe, expect, it } from 'vitest';
import { checkDlqTopicPattern, DEFAULT_DLQ_TOPIC_PATTERNS, dlqTopicNames, findDlqTopics } from '../../../lib/config/dlq-topics';

describe('dlqTopicNames', () => {
  const cases: { desc: string; input: { topic: string; patterns: readonly string[]; groupId?: string }; expected: string[] }[] = [
    {
      desc: 'the defaults, with a group',
      input: { topic: 'payments', patterns: DEFAULT_DLQ_TOPIC_PATTERNS, groupId: 'fraud' },
      expected: [
        'payments.dlq',
        'payments-dlq',
        'payments_dlq',
        'dlq.payments',
        'dlq-payments',
        'payments.DLT',
        'payments-dlt',
        'payments.dead-letter',
        'payments.deadletter',
        'payments-dead-letter',
        'error.payments.fraud',
      ],
    },
    { desc: '{group} patterns are skipped without a group', input: { topic: 't', patterns: ['{topic}.dlq', 'error.{topic}.{group}'] }, expected: ['t.dlq'] },
    { desc: 'a pattern naming the topic itself is dropped', input: { topic: 't', patterns: ['{topic}', '{topic}.dlq'] }, expected: ['t.dlq'] },
    { desc: 'duplicates are dropped', input: { topic: 't', patterns: ['{topic}.dlq', '{topic}.dlq'] }, expected: ['t.dlq'] },
    { desc: 'every {topic} is replaced', input: { topic: 't', patterns: ['{topic}.{topic}.dlq'] }, expected: ['t.t.dlq'] },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(dlqTopicNames(input.topic, input.patterns, input.groupId)).toEqual(expected);
  });
});

describe('findDlqTopics', () => {
  const cases: { desc: string; input: { topic: string; all: string[]; groupId?: string }; expected: string[] }[] = [
    { desc: 'the lab pipeline', input: { topic: 'payments', all: ['payments', 'payments.dlq', 'orders'] }, expected: ['payments.dlq'] },
    { desc: 'Spring Kafka, old and new suffix', input: { topic: 'orders', all: ['orders', 'orders-dlt', 'orders.DLT'] }, expected: ['orders.DLT', 'orders-dlt'] },
    { desc: 'case matters: .dlt is not .DLT', input: { topic: 'orders', all: ['orders.dlt'] }, expected: [] },
    { desc: 'Spring Cloud Stream, by group', input: { topic: 'orders', all: ['error.orders.billing'], groupId: 'billing' }, expected: ['error.orders.billing'] },
    { desc: "another group's Spring Cloud Stream DLQ", input: { topic: 'orders', all: ['error.orders.billing'], groupId: 'shipping' }, expected: [] },
    { desc: 'none', input: { topic: 'orders', all: ['orders', 'payments.dlq'] }, expected: [] },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(findDlqTopics(input.topic, new Set(input.all), DEFAULT_DLQ_TOPIC_PATTERNS, input.groupId)).toEqual(expected);
  });

  it('takes the sample topic Map as it is', () => {
    expect(findDlqTopics('payments', new Map([['payments.dlq', []]]), DEFAULT_DLQ_TOPIC_PATTERNS)).toEqual(['payments.dlq']);
  });
});

describe('checkDlqTopicPattern', () => {
  const cases: { desc: string; input: string; expected: string | null }[] = [
    { desc: 'a suffix', input: '{topic}.dlq', expected: null },
    { desc: 'with a group', input: 'error.{topic}.{group}', expected: null },
    { desc: 'no {topic}', input: 'dead-letters', expected: 'DLQ topic pattern "dead-letters" must contain {topic}' },
    {
      desc: 'a character Kafka refuses',
      input: '{topic}/dlq',
      expected: 'DLQ topic pattern "{topic}/dlq" has characters a Kafka topic name cannot have: only letters, digits, ".", "_" and "-" besides {topic} and {group}',
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(checkDlqTopicPattern(input)).toBe(expected);
  });
});
