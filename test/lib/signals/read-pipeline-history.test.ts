import { describe, expect, it } from 'vitest';
import type { ClientRangeOutcome, PrometheusClient } from '../../../lib/signals/prometheus-client';
import { readPipelineHistory } from '../../../lib/signals/read-pipeline-history';
import { SIGNAL_NAMES, type SignalName } from '../../../lib/signals/signals';

const T0 = 1_800_000_000_000;
const STEP_MS = 15_000;
const SIGNAL_QUERIES = Object.fromEntries(SIGNAL_NAMES.map((name) => [name, `signal:${name}`])) as Record<SignalName, string>;

type Answer = (promql: string) => ClientRangeOutcome;
const matrix = (series: { labels: Record<string, string>; values: number[] }[]): ClientRangeOutcome => ({
  ok: true,
  stepMs: STEP_MS,
  warnings: [],
  infos: [],
  result: { kind: 'matrix', series: series.map((s) => ({ labels: s.labels, histogramPoints: [], points: s.values.map((value, i) => ({ timestampMs: T0 + i * STEP_MS, value })) })) },
});
const refused: ClientRangeOutcome = { ok: false, warnings: [], infos: [], error: { type: 'unreachable', reason: 'connection-refused', url: 'http://prometheus', message: 'ECONNREFUSED' } };
const empty = matrix([]);

function client(answer: Answer): PrometheusClient {
  return { query: () => Promise.reject(new Error('not used')), queryRange: async (promql) => answer(promql) };
}

function read(answer: Answer) {
  return readPipelineHistory({ client: client(answer), signalQueries: SIGNAL_QUERIES, groupLabel: 'group', pipelineId: 'fraud', groupId: 'fraud-features', startMs: T0, endMs: T0 + 60_000, minStepMs: STEP_MS });
}

describe('readPipelineHistory', () => {
  const cases: { desc: string; input: Answer; expected: (outcome: Awaited<ReturnType<typeof read>>) => void }[] = [
    {
      desc: "Kafka figures come from Pipewatch's own series of the pipeline",
      input: (promql) => (promql === 'max(pipewatch_pipeline_lag_messages{pipeline="fraud"})' ? matrix([{ labels: {}, values: [10, 20] }]) : empty),
      expected: (outcome) => {
        if (!outcome.ok) throw new Error(outcome.message);
        expect(outcome.points.map((p) => [p.atMs, p.lagMessages, p.lagSeconds])).toEqual([[T0, 10, null], [T0 + STEP_MS, 20, null]]);
        expect(outcome.stepMs).toBe(STEP_MS);
        expect(outcome.warnings).toEqual([]);
      },
    },
    {
      desc: "signals come from the collector's queries, picking the pipeline's group",
      input: (promql) =>
        promql === 'signal:retriesPerSec'
          ? matrix([{ labels: { group: 'other' }, values: [99] }, { labels: { group: 'fraud-features' }, values: [3] }])
          : promql.includes('lag_messages')
            ? matrix([{ labels: {}, values: [1] }])
            : empty,
      expected: (outcome) => {
        if (!outcome.ok) throw new Error(outcome.message);
        expect(outcome.points.map((p) => p.retriesPerSec)).toEqual([3]);
      },
    },
    {
      desc: 'a non-finite sample is a gap, never a number',
      input: (promql) => (promql.includes('lag_messages') ? matrix([{ labels: {}, values: [Number.NaN, 5] }]) : empty),
      expected: (outcome) => {
        if (!outcome.ok) throw new Error(outcome.message);
        expect(outcome.points.map((p) => p.lagMessages)).toEqual([null, 5]);
      },
    },
    {
      desc: 'no lag series at all says Prometheus must scrape this Pipewatch',
      input: () => empty,
      expected: (outcome) => {
        if (!outcome.ok) throw new Error(outcome.message);
        expect(outcome.warnings).toEqual(['Prometheus has no pipewatch_pipeline_lag_messages for "fraud" in this range: have it scrape this Pipewatch\'s /metrics']);
      },
    },
    {
      desc: 'one failed query is a warning, the others still answer',
      input: (promql) => (promql === 'signal:dlqPublishesPerSec' ? refused : promql.includes('lag_messages') ? matrix([{ labels: {}, values: [1] }]) : empty),
      expected: (outcome) => {
        if (!outcome.ok) throw new Error(outcome.message);
        expect(outcome.warnings).toEqual(['dlqPublishesPerSec: ECONNREFUSED']);
        expect(outcome.points).toHaveLength(1);
      },
    },
    {
      desc: 'every query failing is a failed read',
      input: () => refused,
      expected: (outcome) => expect(outcome).toEqual({ ok: false, message: 'Prometheus did not answer the range queries: ECONNREFUSED' }),
    },
  ];
  it.each(cases)('$desc', async ({ input, expected }) => {
    expected(await read(input));
  });
});
