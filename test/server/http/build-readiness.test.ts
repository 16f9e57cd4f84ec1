import { describe, expect, it } from 'vitest';
import { INITIAL_SOURCE_HEALTH, reduceSourceHealth, type SourceHealth } from '../../../lib/collection/source-health';
import { buildReadiness } from '../../../server/http/build-readiness';
import type { StoreCheck } from '../../../server/http/store-check';

const T0 = 1_800_000_000_000;
// 3 × 5 s + 10 s: Kafka's last answer may be 25 s old.
const settings = { intervalMs: 5_000, kafkaTimeoutMs: 10_000 };
const answeredAt = (atMs: number, base: SourceHealth = INITIAL_SOURCE_HEALTH) => reduceSourceHealth(base, { type: 'succeeded', atMs, durationMs: 5, problems: [] });
const failedAt = (base: SourceHealth, atMs: number, message: string) => reduceSourceHealth(base, { type: 'failed', atMs, durationMs: 5, message, retryAtMs: atMs + 1_000 });
const answered = answeredAt(T0);
const refused = failedAt(INITIAL_SOURCE_HEALTH, T0, 'ECONNREFUSED');
const answeredThenDown = failedAt(answered, T0 + 5_000, 'timeout');
const withProblems = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'succeeded', atMs: T0, durationMs: 5, problems: ['retriesPerSec: parse error'] });
const disabled = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'disabled' });
const storeOk: StoreCheck = { ok: true, checkedAtMs: T0 };
const storeDown: StoreCheck = { ok: false, checkedAtMs: T0, message: 'connect ECONNREFUSED 127.0.0.1:5432' };
const cycle = (kafka: SourceHealth, prometheus: SourceHealth) => ({ sources: { kafka, prometheus } });

describe('buildReadiness', () => {
  const cases = [
    {
      desc: 'before the first cycle',
      input: { nowMs: T0, latest: null, store: storeOk },
      expected: { status: 503, body: { status: 'not-ready', notReady: ['no collection cycle yet'], degraded: [] } },
    },
    { desc: 'both sources answered just now, the store answers', input: { nowMs: T0 + 1_000, latest: cycle(answered, answered), store: storeOk }, expected: { status: 200, body: { status: 'ready' } } },
    { desc: 'Prometheus not configured', input: { nowMs: T0 + 1_000, latest: cycle(answered, disabled), store: storeOk }, expected: { status: 200, body: { status: 'ready' } } },
    {
      desc: 'Kafka failed one cycle after answering: still within the deadline',
      input: { nowMs: T0 + 6_000, latest: cycle(answeredThenDown, answered), store: storeOk },
      expected: { status: 200, body: { status: 'ready' } },
    },
    { desc: 'Kafka answered exactly at the deadline', input: { nowMs: T0 + 25_000, latest: cycle(answered, answered), store: storeOk }, expected: { status: 200, body: { status: 'ready' } } },
    {
      desc: 'Kafka has not answered for longer than the deadline: not ready now, whatever it did before',
      input: { nowMs: T0 + 40_000, latest: cycle(answeredThenDown, answeredAt(T0 + 39_000)), store: storeOk },
      expected: { status: 503, body: { status: 'not-ready', notReady: ['Kafka has not answered for 40 s: timeout'], degraded: [] } },
    },
    {
      desc: 'Kafka never answered',
      input: { nowMs: T0 + 1_000, latest: cycle(refused, answered), store: storeOk },
      expected: { status: 503, body: { status: 'not-ready', notReady: ['Kafka has not answered: ECONNREFUSED'], degraded: [] } },
    },
    {
      desc: 'Prometheus down: ready, degraded, and says so',
      input: { nowMs: T0 + 1_000, latest: cycle(answered, failedAt(INITIAL_SOURCE_HEALTH, T0, 'ECONNREFUSED')), store: storeOk },
      expected: { status: 200, body: { status: 'degraded', degraded: ['Prometheus has not answered: ECONNREFUSED'] } },
    },
    {
      desc: 'Prometheus stale for longer than the deadline',
      input: { nowMs: T0 + 60_000, latest: cycle(answeredAt(T0 + 59_000), failedAt(answered, T0 + 55_000, 'timeout')), store: storeOk },
      expected: { status: 200, body: { status: 'degraded', degraded: ['Prometheus has not answered for 60 s: timeout'] } },
    },
    {
      desc: 'Prometheus answering with a failed signal query',
      input: { nowMs: T0 + 1_000, latest: cycle(answered, withProblems), store: storeOk },
      expected: { status: 200, body: { status: 'degraded', degraded: ['Prometheus answered with problems: retriesPerSec: parse error'] } },
    },
    {
      desc: 'the store unreachable',
      input: { nowMs: T0 + 1_000, latest: cycle(answered, answered), store: storeDown },
      expected: { status: 503, body: { status: 'not-ready', notReady: ['the incident store is unreachable: connect ECONNREFUSED 127.0.0.1:5432'], degraded: [] } },
    },
    {
      desc: 'the store not checked yet',
      input: { nowMs: T0 + 1_000, latest: cycle(answered, answered), store: null },
      expected: { status: 503, body: { status: 'not-ready', notReady: ['the incident store has not been checked yet'], degraded: [] } },
    },
    {
      desc: 'everything at once: the store and Kafka fail, Prometheus degrades',
      input: { nowMs: T0 + 1_000, latest: cycle(refused, INITIAL_SOURCE_HEALTH), store: storeDown },
      expected: {
        status: 503,
        body: {
          status: 'not-ready',
          notReady: ['the incident store is unreachable: connect ECONNREFUSED 127.0.0.1:5432', 'Kafka has not answered: ECONNREFUSED'],
          degraded: ['Prometheus has not answered: no attempt yet'],
        },
      },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(buildReadiness({ ...input, settings })).toEqual(expected);
  });
});
