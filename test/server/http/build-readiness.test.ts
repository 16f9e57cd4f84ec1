import { describe, expect, it } from 'vitest';
import { INITIAL_SOURCE_HEALTH, reduceSourceHealth, type SourceHealth } from '../../../lib/collection/source-health';
import { buildReadiness } from '../../../server/http/build-readiness';

const T0 = 1_800_000_000_000;
const answered = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'succeeded', atMs: T0, durationMs: 5, problems: [] });
const refused = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'failed', atMs: T0, durationMs: 5, message: 'ECONNREFUSED', retryAtMs: T0 + 1_000 });
const answeredThenDown = reduceSourceHealth(answered, { type: 'failed', atMs: T0 + 1_000, durationMs: 5, message: 'timeout', retryAtMs: T0 + 2_000 });
const disabled = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'disabled' });
const sources = (kafka: SourceHealth, prometheus: SourceHealth) => ({ sources: { kafka, prometheus } });

describe('buildReadiness', () => {
  const cases = [
    { desc: 'before the first cycle', input: null, expected: { status: 503, body: { status: 'waiting', waiting: ['no collection cycle yet'] } } },
    { desc: 'both sources answered', input: sources(answered, answered), expected: { status: 200, body: { status: 'ready' } } },
    { desc: 'Prometheus not configured', input: sources(answered, disabled), expected: { status: 200, body: { status: 'ready' } } },
    { desc: 'a source that answered once and fails now stays ready', input: sources(answeredThenDown, answered), expected: { status: 200, body: { status: 'ready' } } },
    {
      desc: 'Kafka never answered',
      input: sources(refused, answered),
      expected: { status: 503, body: { status: 'waiting', waiting: ['Kafka has not answered: ECONNREFUSED'] } },
    },
    {
      desc: 'neither answered, Prometheus not tried yet',
      input: sources(refused, INITIAL_SOURCE_HEALTH),
      expected: { status: 503, body: { status: 'waiting', waiting: ['Kafka has not answered: ECONNREFUSED', 'Prometheus has not answered: no attempt yet'] } },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(buildReadiness(input)).toEqual(expected);
  });
});
