import { describe, expect, it } from 'vitest';
import { buildDiagnosisView } from '../../../lib/view/build-diagnosis-view';
import { buildMembersView, buildPartitionRows } from '../../../lib/view/build-partition-rows';
import { buildPipelineHeader } from '../../../lib/view/build-pipeline-header';
import { healthy, TWO_MEMBERS } from '../../../lab/bench/simulate-pipeline';
import { ALL, diagnosedPipeline } from './diagnosed-pipeline';
import { incidentJson, summary } from './view-fixtures';

const slowSink = diagnosedPipeline([healthy(60), { seconds: 40, capacityPerSec: ALL(30), signals: { sinkLatencyP99Seconds: 2.5 } }]);
const fine = diagnosedPipeline([healthy(60)]);
const gone = diagnosedPipeline([healthy(60), { seconds: 10, kafkaGap: true }]);

describe('buildDiagnosisView', () => {
  it('waits for the first cycle', () => {
    expect(buildDiagnosisView(null).kind).toBe('waiting');
  });

  it('a healthy pipeline: no failure, with the status reason', () => {
    const view = buildDiagnosisView(fine);
    expect(view.kind === 'healthy' && view.text).toMatch(/^No failure classified right now\. All 4 partitions ok\.$/i);
  });

  it('a slow sink: title, severity, evidence lines and what to do now', () => {
    const view = buildDiagnosisView(slowSink);
    if (view.kind !== 'findings') throw new Error(`expected findings, got ${view.kind}`);
    const [finding] = view.findings;
    expect(finding).toMatchObject({ type: 'slow-sink', title: 'Slow sink (backpressure)', severity: { label: 'Warning' }, response: 'Reduce poll size, slow consumption.' });
    expect(finding!.evidence.some((line) => /sink p99 2\.5 s/.test(line))).toBe(true);
    expect(finding!.recommendation.now[0]).toMatch(/^Reduce poll size/);
    expect(finding!.recommendation.settings).toContain('max.poll.records');
    expect(finding!.recommendation.expectedEffect).not.toBe('');
  });
});

describe('buildPartitionRows', () => {
  it('one row per partition, in order, with owners, offsets, lag and status', () => {
    const view = buildPartitionRows(slowSink);
    if (view.kind !== 'sampled') throw new Error('expected partitions');
    expect(view.rows.map((r) => [r.topic, r.partition, r.owner])).toEqual([
      ['payments', 0, 'client-a@10.0.0.1'],
      ['payments', 1, 'client-a@10.0.0.1'],
      ['payments', 2, 'client-b@10.0.0.2'],
      ['payments', 3, 'client-b@10.0.0.2'],
    ]);
    expect(view.rows[0]!.lag.text).toMatch(/^[\d,]+ msg$/);
    expect(view.rows[0]!.committedOffset).toMatch(/^[\d,]+$/);
    expect(view.rows[0]!.status?.label).toBe('Warning');
  });

  it.each([
    { desc: 'before the first cycle', detail: null, reason: 'waiting for the first collection cycle' },
    { desc: 'Kafka not read', detail: gone, reason: /^Kafka not read: / },
  ])('no partitions $desc', ({ detail, reason }) => {
    const view = buildPartitionRows(detail);
    expect(view.kind).toBe('gap');
    expect(view.kind === 'gap' && view.reason).toMatch(reason);
  });
});

describe('buildMembersView', () => {
  it('members with their partitions', () => {
    const view = buildMembersView(fine);
    expect(view.kind === 'visible' && view.members.map((m) => [m.clientId, m.partitions])).toEqual([
      ['client-a', 'payments-0, payments-1'],
      ['client-b', 'payments-2, payments-3'],
    ]);
  });

  it('no members read: the reason', () => {
    expect(buildMembersView(gone).kind).toBe('unknown');
  });

  it('membership not visible says why', () => {
    const detail = diagnosedPipeline([healthy(30, { members: TWO_MEMBERS })]);
    if (detail.kafka.kind !== 'sampled') throw new Error('expected Kafka');
    const hidden = { ...detail, kafka: { ...detail.kafka, group: { ...detail.kafka.group, membership: { kind: 'not-visible' as const, reason: 'consumer protocol (KIP-848)' } } } };
    expect(buildMembersView(hidden)).toMatchObject({ kind: 'not-visible', reason: 'consumer protocol (KIP-848)' });
  });
});

describe('buildPipelineHeader', () => {
  it('from the overview row before the detail arrives', () => {
    const view = buildPipelineHeader('p', null, summary({ pipelineId: 'p', name: 'Payments', status: { kind: 'stop', reason: 'no consumer' } }), [], 0);
    expect({ name: view.name, status: view.status?.label, facts: view.facts.map((f) => f.label) }).toEqual({ name: 'Payments', status: 'Stopped', facts: ['Group', 'Topic', 'Activity'] });
    expect(view.dormant).toBeNull();
  });

  it('an inactive group: why it is no incident, and how to delete its offsets or declare it', () => {
    const activity = { state: 'inactive' as const, sinceMs: 0, positionAtMs: 0, positionBound: 'at-least' as const, belowLogStart: false, declared: false };
    const view = buildPipelineHeader('p', null, summary({ pipelineId: 'p', groupId: "old's-group", activity }), [], 7_200_000);
    expect(view.facts.find((f) => f.label === 'Activity')?.value).toBe('inactive: not consuming since before monitoring began; position ≥ 2 h 00 m old');
    expect(view.dormant).toEqual({
      state: 'inactive',
      text: 'inactive: not consuming since before monitoring began; position ≥ 2 h 00 m old. No incident and no notification.',
      advice: [
        `If the group is truly gone, delete its offsets: kafka-consumer-groups --bootstrap-server <broker> --delete --group 'old'\\''s-group' (or only some topics: --delete-offsets --group 'old'\\''s-group' --topic <topic>)`,
        `If it should be running, declare it under pipelines: in pipewatch.yaml (id, group: 'old'\\''s-group'): a declared pipeline that does not consume is a consumer-stopped incident at once`,
      ],
    });
  });

  it('the id alone when nothing is known yet', () => {
    expect(buildPipelineHeader('a/b%c', null, null, [], 0)).toMatchObject({ name: 'a/b%c', status: null, facts: [] });
  });

  it('open incidents only, as badges', () => {
    const view = buildPipelineHeader('p', slowSink, null, [incidentJson({ id: 'open' }), incidentJson({ id: 'done', status: 'resolved', resolvedAtMs: 1 })], slowSink.takenAtMs);
    expect(view.incidents.map((i) => [i.id, i.text])).toEqual([['open', 'Slow sink (backpressure) · open']]);
    expect(view.facts.map((f) => f.label)).toEqual(['Group', 'Topic', 'DLQ', 'Collected', 'Activity']);
  });
});
