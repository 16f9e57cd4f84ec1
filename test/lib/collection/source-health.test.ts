import { describe, expect, it } from 'vitest';
import { INITIAL_SOURCE_HEALTH, reduceSourceHealth, type SourceEvent, type SourceHealth } from '../../../lib/collection/source-health';

const replay = (events: SourceEvent[]): SourceHealth => events.reduce(reduceSourceHealth, INITIAL_SOURCE_HEALTH);
const ok = (atMs: number): SourceEvent => ({ type: 'succeeded', atMs, durationMs: 12, problems: [] });
const fail = (atMs: number): SourceEvent => ({ type: 'failed', atMs, durationMs: 1_000, message: 'ECONNREFUSED', retryAtMs: atMs + 5_000 });

describe('reduceSourceHealth', () => {
  const cases: { desc: string; events: SourceEvent[]; expected: Partial<SourceHealth> }[] = [
    { desc: 'a source that never answered is down', events: [], expected: { health: 'down', activity: 'idle' } },
    { desc: 'sampling', events: [{ type: 'sampling', atMs: 1 }], expected: { activity: 'sampling' } },
    { desc: 'first success is ok', events: [ok(1)], expected: { health: 'ok', activity: 'idle', lastSuccessAtMs: 1, lastDurationMs: 12 } },
    {
      desc: 'one failure after success is degraded and backing off',
      events: [ok(1), fail(2)],
      expected: { health: 'degraded', activity: 'backing-off', consecutiveFailures: 1, nextAttemptAtMs: 5_002, lastSuccessAtMs: 1 },
    },
    { desc: 'three failures in a row is down', events: [ok(1), fail(2), fail(3), fail(4)], expected: { health: 'down', consecutiveFailures: 3 } },
    { desc: 'failing from the start is down at once', events: [fail(1)], expected: { health: 'down', consecutiveFailures: 1 } },
    {
      desc: 'recovery resets the count and keeps the last error for the record',
      events: [ok(1), fail(2), fail(3), fail(4), ok(5)],
      expected: { health: 'ok', consecutiveFailures: 0, lastError: { message: 'ECONNREFUSED', atMs: 4 } },
    },
    {
      desc: 'an answer with failed parts is degraded',
      events: [{ type: 'succeeded', atMs: 1, durationMs: 3, problems: ['sinkLatencyP99Seconds: parse error'] }],
      expected: { health: 'degraded', lastError: { message: 'sinkLatencyP99Seconds: parse error', atMs: 1 } },
    },
    { desc: 'disabled', events: [ok(1), { type: 'disabled' }], expected: { activity: 'disabled', lastSuccessAtMs: null } },
    { desc: 'stopped keeps health', events: [ok(1), { type: 'stopped' }], expected: { health: 'ok', activity: 'stopped' } },
  ];
  it.each(cases)('$desc', ({ events, expected }) => expect(replay(events)).toMatchObject(expected));
});

