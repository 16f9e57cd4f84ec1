import { describe, expect, it } from 'vitest';
import { buildExternalAlertRows } from '../../../lib/view/build-external-alert-rows';
import type { ExternalAlertDetail } from '../../../lib/view/incident-detail-answer';
import { T0 } from './view-fixtures';

const NOW = T0 + 30 * 60_000;
const alert = (overrides: Partial<ExternalAlertDetail>): ExternalAlertDetail => ({
  id: 1,
  fingerprint: 'f1',
  status: 'firing',
  startsAtMs: T0,
  endsAtMs: null,
  labels: { alertname: 'KafkaConsumerLag', team: 'payments', severity: 'page' },
  annotations: { summary: 'lag above 1000' },
  ...overrides,
});

describe('buildExternalAlertRows', () => {
  const rows = buildExternalAlertRows([alert({ id: 2, fingerprint: 'f2', status: 'resolved', startsAtMs: T0 + 60_000, endsAtMs: T0 + 120_000, labels: {}, annotations: { description: 'd' } }), alert({})], NOW);

  it('oldest first', () => {
    expect(rows.map((r) => r.name)).toEqual(['KafkaConsumerLag', 'f2']);
  });

  it.each([
    { desc: 'firing', actual: () => [rows[0]!.status.label, rows[0]!.ended], expected: ['Firing', 'still firing'] },
    { desc: 'resolved, with its end', actual: () => [rows[1]!.status.label, rows[1]!.ended], expected: ['Resolved', '03:02:00 UTC'] },
    { desc: 'started, absolute and relative', actual: () => [rows[0]!.started, rows[0]!.startedRelative], expected: ['03:00:00 UTC', '30 m ago'] },
    { desc: 'the other labels, sorted', actual: () => [rows[0]!.labels], expected: ['severity=page, team=payments'] },
    { desc: 'summary, else description', actual: () => [rows[0]!.summary, rows[1]!.summary], expected: ['lag above 1000', 'd'] },
  ])('$desc', ({ actual, expected }) => {
    expect(actual()).toEqual(expected);
  });
});
