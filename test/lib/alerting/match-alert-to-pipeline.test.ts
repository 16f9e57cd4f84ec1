import { describe, expect, it } from 'vitest';
import type { ExternalAlert } from '../../../lib/alerting/external-alert';
import { DEFAULT_ALERT_MATCH_LABELS, matchAlerts, matchAlertToPipeline, type AlertMatch, type AlertMatchLabels, type PipelineRef } from '../../../lib/alerting/match-alert-to-pipeline';

const PIPELINES: PipelineRef[] = [
  { pipelineId: 'fraud-features', groupId: 'fraud-features-v2', topics: ['payments'] },
  { pipelineId: 'orders-to-s3', groupId: 'connect-orders-s3-sink', topics: ['orders', 'shared'] },
  { pipelineId: 'orders-audit', groupId: 'orders-audit', topics: ['orders-audit', 'shared'] },
];

function alert(labels: Record<string, string>): ExternalAlert {
  return { fingerprint: 'f', status: 'firing', startsAtMs: 0, endsAtMs: null, labels, annotations: {}, generatorUrl: '' };
}

describe('matchAlertToPipeline', () => {
  const cases: { desc: string; input: { labels: Record<string, string>; matchLabels?: AlertMatchLabels }; expected: AlertMatch }[] = [
    { desc: 'by pipeline id', input: { labels: { pipeline: 'orders-to-s3' } }, expected: { kind: 'matched', pipelineId: 'orders-to-s3', by: 'pipeline', label: 'pipeline' } },
    {
      desc: 'by consumer_group (Pipewatch, most clients)',
      input: { labels: { consumer_group: 'fraud-features-v2' } },
      expected: { kind: 'matched', pipelineId: 'fraud-features', by: 'group', label: 'consumer_group' },
    },
    {
      desc: 'by consumergroup (kafka_exporter)',
      input: { labels: { consumergroup: 'connect-orders-s3-sink', topic: 'orders' } },
      expected: { kind: 'matched', pipelineId: 'orders-to-s3', by: 'group', label: 'consumergroup' },
    },
    { desc: 'by group (Burrow, KMinion)', input: { labels: { group: 'orders-audit' } }, expected: { kind: 'matched', pipelineId: 'orders-audit', by: 'group', label: 'group' } },
    { desc: 'by a topic only one pipeline reads', input: { labels: { topic: 'payments' } }, expected: { kind: 'matched', pipelineId: 'fraud-features', by: 'topic', label: 'topic' } },
    {
      desc: 'a topic several pipelines read is ambiguous',
      input: { labels: { topic: 'shared' } },
      expected: { kind: 'ambiguous', by: 'topic', label: 'topic', pipelineIds: ['orders-to-s3', 'orders-audit'] },
    },
    {
      desc: 'the group settles what the topic leaves open',
      input: { labels: { topic: 'shared', consumergroup: 'orders-audit' } },
      expected: { kind: 'matched', pipelineId: 'orders-audit', by: 'group', label: 'consumergroup' },
    },
    {
      desc: 'the pipeline label wins over a group naming another pipeline',
      input: { labels: { pipeline: 'fraud-features', consumer_group: 'orders-audit' } },
      expected: { kind: 'matched', pipelineId: 'fraud-features', by: 'pipeline', label: 'pipeline' },
    },
    {
      desc: 'an unknown pipeline label falls through to the group',
      input: { labels: { pipeline: 'gone', group: 'orders-audit' } },
      expected: { kind: 'matched', pipelineId: 'orders-audit', by: 'group', label: 'group' },
    },
    { desc: 'a pipeline id is not a group id', input: { labels: { consumer_group: 'fraud-features' } }, expected: { kind: 'unmatched' } },
    { desc: 'nothing known', input: { labels: { alertname: 'DiskFull', instance: 'broker-1' } }, expected: { kind: 'unmatched' } },
    { desc: 'values compare exactly: no case folding', input: { labels: { pipeline: 'Fraud-Features' } }, expected: { kind: 'unmatched' } },
    { desc: 'values compare exactly: no trimming', input: { labels: { group: ' orders-audit' } }, expected: { kind: 'unmatched' } },
    { desc: 'hostile: a glob is not a pattern', input: { labels: { pipeline: '*', group: '*', topic: '*' } }, expected: { kind: 'unmatched' } },
    { desc: 'hostile: a regex is not a pattern', input: { labels: { consumer_group: '.*', topic: '^orders' } }, expected: { kind: 'unmatched' } },
    { desc: 'hostile: prototype names', input: { labels: { pipeline: 'constructor', group: '__proto__', topic: 'toString' } }, expected: { kind: 'unmatched' } },
    { desc: 'hostile: markup', input: { labels: { pipeline: '<img src=x onerror=alert(1)>' } }, expected: { kind: 'unmatched' } },
    {
      desc: 'hostile: a label named "__proto__" is just a label',
      input: { labels: Object.fromEntries([['__proto__', 'orders-audit']]) as Record<string, string>, matchLabels: { pipeline: ['__proto__'], group: [], topic: [] } },
      expected: { kind: 'matched', pipelineId: 'orders-audit', by: 'pipeline', label: '__proto__' },
    },
    {
      desc: 'configured labels replace the defaults',
      input: { labels: { pipeline: 'fraud-features', app: 'orders-audit' }, matchLabels: { pipeline: ['app'], group: [], topic: [] } },
      expected: { kind: 'matched', pipelineId: 'orders-audit', by: 'pipeline', label: 'app' },
    },
    {
      desc: 'configured labels are tried in order',
      input: { labels: { service: 'orders-audit', app: 'fraud-features' }, matchLabels: { pipeline: ['app', 'service'], group: [], topic: [] } },
      expected: { kind: 'matched', pipelineId: 'fraud-features', by: 'pipeline', label: 'app' },
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    expect(matchAlertToPipeline(alert(input.labels), PIPELINES, input.matchLabels ?? DEFAULT_ALERT_MATCH_LABELS)).toEqual(expected);
  });

  it('labels are read as own properties: an absent label is not found on the prototype', () => {
    const inherited: AlertMatchLabels = { pipeline: ['constructor', 'toString'], group: ['__proto__', 'hasOwnProperty'], topic: ['valueOf'] };
    expect(matchAlertToPipeline(alert({}), [...PIPELINES, { pipelineId: 'x', groupId: '[object Object]', topics: ['function Object() { [native code] }'] }], inherited)).toEqual({
      kind: 'unmatched',
    });
  });

  it('a group of alerts keeps the unmatched ones, with pipelineId null', () => {
    const matched = matchAlerts([alert({ pipeline: 'fraud-features' }), alert({ alertname: 'BrokerDown' }), alert({ topic: 'shared' })], PIPELINES, DEFAULT_ALERT_MATCH_LABELS);
    expect(matched.map((m) => [m.pipelineId, m.match.kind])).toEqual([
      ['fraud-features', 'matched'],
      [null, 'unmatched'],
      [null, 'ambiguous'],
    ]);
  });

  it('no pipelines: everything is kept unmatched', () => {
    expect(matchAlerts([alert({ pipeline: 'fraud-features' })], [], DEFAULT_ALERT_MATCH_LABELS).map((m) => m.pipelineId)).toEqual([null]);
  });
});
