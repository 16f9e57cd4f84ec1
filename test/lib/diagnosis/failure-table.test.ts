import { describe, expect, it } from 'vitest';
import { escalationRank, FAILURE_TABLE, FAILURE_TYPES, failureEntry, incidentFamilyOf, type FailureType } from '../../../lib/diagnosis/failure-table';
import { formatFailureTableMarkdown } from '../../../lib/diagnosis/format-failure-table-markdown';

/** The chapter's table (section 4), row by row: failure type, detection, response. */
const CHAPTER_ROWS: Record<string, [string, string, string]> = {
  'transient-sink-error': ['Transient sink error (5xx, throttle)', 'HTTP code, exception type', 'Exponential backoff with jitter, retry in place'],
  'permanent-data-error': ['Permanent data error (schema, business rule)', 'Validation, parsing failure', 'Publish to DLQ with metadata, alert, continue'],
  'slow-sink': ['Slow sink (backpressure)', 'Consumer lag, queue depth', 'Reduce poll size, slow consumption'],
  'kafka-rebalance': ['Kafka rebalance', 'Consumer group event', 'Commit offsets, replay last batch (idempotency handles duplicates)'],
  'sink-unavailable': ['Sink unavailable (extended outage)', 'Repeated failures', 'Pause consumer, alert, manual recovery'],
};

describe('FAILURE_TABLE', () => {
  it('has exactly one entry per failure type, in the order of FAILURE_TYPES', () => {
    expect(FAILURE_TABLE.map((e) => e.type)).toEqual([...FAILURE_TYPES]);
  });

  it.each(Object.entries(CHAPTER_ROWS))('%s quotes its chapter row', (type, cells) => {
    expect(failureEntry(type as FailureType).chapterRow).toBe(cells.join(' | '));
  });

  it('marks the rows the chapter does not have as implied', () => {
    const implied = FAILURE_TABLE.filter((e) => e.chapterRow === 'implied').map((e) => e.type);
    expect(implied).toEqual(['consumer-stopped', 'upstream-stall', 'hot-partition', 'lag-near-retention']);
  });

  const cases: { desc: string; input: FailureType; expected: { response: RegExp; settings: string[]; severity: string } }[] = [
    { desc: 'transient errors retry in place with backoff and jitter', input: 'transient-sink-error', expected: { response: /retry in place with exponential backoff and jitter/i, settings: ['max.poll.interval.ms'], severity: 'warning' } },
    { desc: 'permanent errors go to the DLQ and the flow continues', input: 'permanent-data-error', expected: { response: /DLQ with error metadata, alert, continue/, settings: ['enable.idempotence'], severity: 'warning' } },
    {
      desc: 'a slow sink names the poll-size settings',
      input: 'slow-sink',
      expected: { response: /reduce poll size, slow consumption/i, settings: ['max.poll.records', 'max.partition.fetch.bytes', 'fetch.max.bytes', 'max.poll.interval.ms'], severity: 'warning' },
    },
    {
      desc: 'a rebalance replays the last batch into an idempotent sink',
      input: 'kafka-rebalance',
      expected: { response: /replay last batch \(idempotent sink absorbs duplicates\)/, settings: ['enable.auto.commit', 'session.timeout.ms', 'max.poll.interval.ms', 'partition.assignment.strategy', 'group.instance.id'], severity: 'info' },
    },
    { desc: 'an outage pauses the consumer', input: 'sink-unavailable', expected: { response: /pause consumer, alert, manual recovery/i, settings: ['max.poll.interval.ms'], severity: 'critical' } },
    { desc: 'a stopped consumer is critical', input: 'consumer-stopped', expected: { response: /restart the consumer/i, settings: ['session.timeout.ms', 'max.poll.interval.ms'], severity: 'critical' } },
    { desc: 'lag near retention names retention.ms', input: 'lag-near-retention', expected: { response: /retention\.ms/, settings: ['retention.ms', 'retention.bytes'], severity: 'critical' } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const entry = failureEntry(input);
    expect(entry.response).toMatch(expected.response);
    expect(entry.settings).toEqual(expected.settings);
    expect(entry.severity).toBe(expected.severity);
    expect(entry.checks.length).toBeGreaterThan(0);
  });
});

describe('escalation', () => {
  const cases: { desc: string; input: FailureType; expected: { family: FailureType; rank: number } }[] = [
    { desc: 'transient errors belong to the outage family, one step before it', input: 'transient-sink-error', expected: { family: 'sink-unavailable', rank: 0 } },
    { desc: 'the outage is the end of its chain', input: 'sink-unavailable', expected: { family: 'sink-unavailable', rank: 1 } },
    { desc: 'a slow sink is its own family', input: 'slow-sink', expected: { family: 'slow-sink', rank: 0 } },
    { desc: 'a rebalance is its own family', input: 'kafka-rebalance', expected: { family: 'kafka-rebalance', rank: 0 } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect({ family: incidentFamilyOf(input), rank: escalationRank(input) }).toEqual(expected);
  });
});

describe('formatFailureTableMarkdown', () => {
  const markdown = formatFailureTableMarkdown();
  const rows = markdown.split('\n').filter((line) => line.startsWith('| **'));

  it('renders one table row per failure type, with title, id, response and settings', () => {
    expect(rows).toHaveLength(FAILURE_TYPES.length);
    expect(rows[2]).toBe(
      '| **Slow sink (backpressure)** (`slow-sink`) | Sink latency rises above its baseline while lag grows, with few errors. | Reduce poll size, slow consumption. | warning | `max.poll.records`, `max.partition.fetch.bytes`, `fetch.max.bytes`, `max.poll.interval.ms` | chapter |',
    );
    expect(rows[5]).toContain('| implied |');
  });

  it('starts with a header and a separator of the same width', () => {
    const [header, separator] = markdown.split('\n');
    expect(header).toBe('| failure type | how it shows | recommended response | severity | settings | from the chapter |');
    expect(separator).toBe('| --- | --- | --- | --- | --- | --- |');
  });

  it('escapes pipes and newlines inside cells so rows stay rows', () => {
    const [entry] = FAILURE_TABLE;
    const text = formatFailureTableMarkdown([{ ...entry!, howItShows: 'a | b\nc' }]);
    expect(text.split('\n')[2]).toContain('| a \\| b c |');
  });

  it('lists what to check under each type', () => {
    expect(markdown).toContain('### Sink unavailable (extended outage)\n\n- Whether the sink is reachable at all (connection refused, timeouts)');
  });
});
