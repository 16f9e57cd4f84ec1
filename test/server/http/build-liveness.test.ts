import { describe, expect, it } from 'vitest';
import { buildLiveness } from '../../../server/http/build-liveness';

const T0 = 1_800_000_000_000;
// The deadline: 3 × 5 s + 10 s = 25 s.
const settings = { intervalMs: 5_000, kafkaTimeoutMs: 10_000 };
const LIMIT = '(the limit is 3 × the 5s interval + the 10s Kafka timeout = 25s)';

describe('buildLiveness', () => {
  const cases = [
    { desc: 'just started, no cycle yet', input: { nowMs: T0 + 1_000, latest: null }, expected: { status: 200, body: { status: 'ok' } } },
    { desc: 'no cycle yet, at the deadline since start', input: { nowMs: T0 + 25_000, latest: null }, expected: { status: 200, body: { status: 'ok' } } },
    {
      desc: 'no cycle has completed since start, past the deadline',
      input: { nowMs: T0 + 31_000, latest: null },
      expected: { status: 503, body: { status: 'stalled', reason: `no collection cycle has completed in the 31 s since start ${LIMIT}` } },
    },
    { desc: 'a cycle completed a moment ago', input: { nowMs: T0 + 60_000, latest: { atMs: T0 + 55_000, durationMs: 800 } }, expected: { status: 200, body: { status: 'ok' } } },
    {
      desc: 'a slow cycle counts from when it completed, not when it started',
      input: { nowMs: T0 + 60_000, latest: { atMs: T0 + 25_000, durationMs: 10_000 } },
      expected: { status: 200, body: { status: 'ok' } },
    },
    {
      desc: 'the loop wedged: the last cycle completed long ago',
      input: { nowMs: T0 + 120_000, latest: { atMs: T0 + 20_000, durationMs: 1_000 } },
      expected: { status: 503, body: { status: 'stalled', reason: `no collection cycle has completed for 99 s ${LIMIT}` } },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(buildLiveness({ ...input, startedAtMs: T0, settings })).toEqual(expected);
  });
});
