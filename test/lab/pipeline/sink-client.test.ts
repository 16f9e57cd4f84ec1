import { describe, expect, it } from 'vitest';
import { classifySinkFailure, classifySinkResponse, parseRetryAfterMs, type SinkResult } from '../../../lab/pipeline/sink-client';

describe('classifySinkResponse', () => {
  const cases: Array<{ desc: string; input: { status: number; body: unknown; retryAfter: string | null }; expected: SinkResult }> = [
    { desc: '200 applied', input: { status: 200, body: { applied: true }, retryAfter: null }, expected: { kind: 'applied', outcome: 'written' } },
    { desc: '200 duplicate', input: { status: 200, body: { applied: false, reason: 'duplicate' }, retryAfter: null }, expected: { kind: 'applied', outcome: 'duplicate' } },
    { desc: '200 stale', input: { status: 200, body: { applied: false, reason: 'stale' }, retryAfter: null }, expected: { kind: 'applied', outcome: 'stale' } },
    { desc: '204 without body', input: { status: 204, body: undefined, retryAfter: null }, expected: { kind: 'applied', outcome: 'written' } },
    {
      desc: '422 is a permanent business-rule failure',
      input: { status: 422, body: { error: 'business-rule', detail: 'amount -1 is negative' }, retryAfter: null },
      expected: { kind: 'permanent', statusCode: '422', reason: 'business-rule', detail: 'amount -1 is negative' },
    },
    { desc: '400 is permanent', input: { status: 400, body: undefined, retryAfter: null }, expected: { kind: 'permanent', statusCode: '400', reason: 'business-rule', detail: 'HTTP 400' } },
    { desc: '503 is transient', input: { status: 503, body: undefined, retryAfter: null }, expected: { kind: 'transient', statusCode: '503', retryAfterMs: null, detail: 'HTTP 503' } },
    { desc: '429 carries Retry-After', input: { status: 429, body: undefined, retryAfter: '2' }, expected: { kind: 'transient', statusCode: '429', retryAfterMs: 2_000, detail: 'HTTP 429' } },
    { desc: '404 is retried, not dead-lettered', input: { status: 404, body: undefined, retryAfter: null }, expected: { kind: 'transient', statusCode: '404', retryAfterMs: null, detail: 'HTTP 404' } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(classifySinkResponse(input.status, input.body, input.retryAfter)).toEqual(expected);
  });
});

describe('classifySinkFailure', () => {
  const fetchFailed = (code: string): Error => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
  const cases = [
    { desc: 'AbortSignal.timeout', input: new DOMException('The operation was aborted due to timeout', 'TimeoutError'), expected: 'timeout' },
    { desc: 'refused connection', input: fetchFailed('ECONNREFUSED'), expected: 'connection_refused' },
    { desc: 'reset connection', input: fetchFailed('ECONNRESET'), expected: 'connection_reset' },
    { desc: 'undici socket closed', input: fetchFailed('UND_ERR_SOCKET'), expected: 'connection_reset' },
    { desc: 'anything else', input: new Error('boom'), expected: 'network_error' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const result = classifySinkFailure(input);
    expect(result.kind).toBe('transient');
    if (result.kind === 'transient') expect(result.statusCode).toBe(expected);
  });
});

describe('parseRetryAfterMs', () => {
  it.each([
    { input: '1', expected: 1_000 },
    { input: ' 30 ', expected: 30_000 },
    { input: 'Wed, 21 Oct 2015 07:28:00 GMT', expected: null },
    { input: '-1', expected: null },
    { input: null, expected: null },
  ])('$input → $expected', ({ input, expected }) => {
    expect(parseRetryAfterMs(input)).toBe(expected);
  });
});
