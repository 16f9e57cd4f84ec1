import { describe, expect, it } from 'vitest';
import { decideAfterAttempt, parseRetryAfterMs, type AttemptOutcome, type AttemptVerdict, type RetryOptions } from '../../../lib/notify/retry-policy';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const OPTIONS: RetryOptions = { maxAttempts: 5, initialDelayMs: 1_000, maxDelayMs: 60_000, maxRetryAfterMs: 600_000 };
const response = (status: number, retryAfter: string | null = null): AttemptOutcome => ({ kind: 'response', status, retryAfter });

describe('decideAfterAttempt', () => {
  const cases: { desc: string; input: { outcome: AttemptOutcome; attempt?: number; random?: number }; expected: AttemptVerdict }[] = [
    { desc: '200 is delivered', input: { outcome: response(200) }, expected: { kind: 'delivered' } },
    { desc: '204 is delivered', input: { outcome: response(204) }, expected: { kind: 'delivered' } },
    { desc: '503 is retried after a jittered wait', input: { outcome: response(503), random: 0.5 }, expected: { kind: 'retry', delayMs: 500, reason: 'HTTP 503' } },
    { desc: '500 is retried', input: { outcome: response(500), attempt: 3, random: 0.25 }, expected: { kind: 'retry', delayMs: 1_000, reason: 'HTTP 500' } },
    { desc: '429 is retried', input: { outcome: response(429), random: 0 }, expected: { kind: 'retry', delayMs: 0, reason: 'HTTP 429' } },
    { desc: 'Retry-After in seconds is honoured over a shorter backoff', input: { outcome: response(429, '30'), random: 0.5 }, expected: { kind: 'retry', delayMs: 30_000, reason: 'HTTP 429' } },
    {
      desc: 'Retry-After as an HTTP date',
      input: { outcome: response(503, 'Wed, 01 May 2024 12:02:00 GMT'), random: 0.5 },
      expected: { kind: 'retry', delayMs: 120_000, reason: 'HTTP 503' },
    },
    { desc: 'a Retry-After shorter than the backoff does not shorten it', input: { outcome: response(503, '1'), attempt: 4, random: 0.5 }, expected: { kind: 'retry', delayMs: 4_000, reason: 'HTTP 503' } },
    {
      desc: 'a Retry-After beyond maxRetryAfterMs gives up',
      input: { outcome: response(429, '3600') },
      expected: { kind: 'give-up', reason: 'HTTP 429 asking to retry after 1h, longer than the 10m Pipewatch waits' },
    },
    { desc: '400 is not retried', input: { outcome: response(400) }, expected: { kind: 'give-up', reason: 'HTTP 400, not retried' } },
    { desc: '404 is not retried', input: { outcome: response(404) }, expected: { kind: 'give-up', reason: 'HTTP 404, not retried' } },
    { desc: '410 (a deleted Slack webhook) is not retried', input: { outcome: response(410) }, expected: { kind: 'give-up', reason: 'HTTP 410, not retried' } },
    { desc: 'a redirect fetch did not follow is not retried', input: { outcome: response(304) }, expected: { kind: 'give-up', reason: 'HTTP 304, not retried' } },
    {
      desc: 'a network error is retried',
      input: { outcome: { kind: 'network-error', message: 'fetch failed: ECONNREFUSED' }, random: 0.5 },
      expected: { kind: 'retry', delayMs: 500, reason: 'network error (fetch failed: ECONNREFUSED)' },
    },
    { desc: 'a timeout is retried', input: { outcome: { kind: 'timeout', afterMs: 10_000 }, random: 0.5 }, expected: { kind: 'retry', delayMs: 500, reason: 'no answer within 10s' } },
    { desc: 'the last attempt gives up', input: { outcome: response(503), attempt: 5 }, expected: { kind: 'give-up', reason: 'HTTP 503 on attempt 5 of 5' } },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    expect(decideAfterAttempt(input.outcome, input.attempt ?? 1, OPTIONS, () => input.random ?? 0.5, NOW)).toEqual(expected);
  });
});


describe('parseRetryAfterMs', () => {
  const cases: { desc: string; input: string | null; expected: number | null }[] = [
    { desc: 'absent', input: null, expected: null },
    { desc: 'empty', input: ' ', expected: null },
    { desc: 'seconds', input: '120', expected: 120_000 },
    { desc: 'zero', input: '0', expected: 0 },
    { desc: 'an HTTP date in the future', input: 'Wed, 01 May 2024 12:00:10 GMT', expected: 10_000 },
    { desc: 'an HTTP date in the past is now', input: 'Wed, 01 May 2024 11:00:00 GMT', expected: 0 },
    { desc: 'a fraction is not delay-seconds', input: '1.5', expected: null },
    { desc: 'negative', input: '-5', expected: null },
    { desc: 'garbage', input: 'soon', expected: null },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(parseRetryAfterMs(input, NOW)).toBe(expected);
  });
});
