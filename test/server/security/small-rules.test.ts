import { describe, expect, it } from 'vitest';
import { authenticate, mayUseApiRoute } from '../../../server/security/authenticate';
import { bodyLimitFor, jsonDepthExceeds, MAX_JSON_DEPTH } from '../../../server/security/bounded-body';
import { buildLoginRedirect } from '../../../server/security/login-redirect';
import { buildContentSecurityPolicy, buildSecurityHeaders, cacheControlFor } from '../../../server/security/security-headers';
import { issueSession } from '../../../server/security/session-cookie';

const TOKEN = 'the-dashboard-token-1234';
const INGEST = 'the-ingest-token-567890';
const NOW = Date.UTC(2026, 0, 1);

describe('buildLoginRedirect', () => {
  it.each([
    { input: '/?token=x', expected: '/' },
    { input: '/pipeline?id=a%2Fb&token=x', expected: '/pipeline?id=a%2Fb' },
    { input: '/.//evil.example?token=x', expected: '/evil.example' },
    // The server parses request.url against a base: a raw `//host` becomes that URL's host, the path `/`.
    { input: '//evil.example/?token=x', expected: '/' },
    { input: '/%2F%2Fevil.example?token=x', expected: '/%2F%2Fevil.example' },
  ])('$input → $expected', ({ input, expected }) => {
    const location = buildLoginRedirect(new URL(input, 'http://127.0.0.1:19300'));
    expect(location).toBe(expected);
    expect(new URL(location, 'http://127.0.0.1:19300').origin).toBe('http://127.0.0.1:19300');
  });
});

describe('authenticate', () => {
  const tokens = { token: TOKEN, ingestToken: INGEST };
  it.each([
    { desc: 'no token configured', credentials: { bearer: null, session: null }, tokens: { token: null, ingestToken: null }, expected: { kind: 'authenticated', auth: 'open' } },
    { desc: 'the bearer token', credentials: { bearer: TOKEN, session: null }, tokens, expected: { kind: 'authenticated', auth: 'bearer' } },
    { desc: 'the ingest token', credentials: { bearer: INGEST, session: null }, tokens, expected: { kind: 'authenticated', auth: 'ingest' } },
    { desc: 'a session', credentials: { bearer: null, session: issueSession(TOKEN, NOW) }, tokens, expected: { kind: 'authenticated', auth: 'session' } },
    { desc: 'a wrong bearer', credentials: { bearer: 'nope', session: null }, tokens, expected: { kind: 'wrong-token' } },
    { desc: 'the raw token as a session', credentials: { bearer: null, session: TOKEN }, tokens, expected: { kind: 'stale-session' } },
    { desc: 'nothing', credentials: { bearer: null, session: null }, tokens, expected: { kind: 'missing' } },
  ])('$desc', ({ credentials, tokens: given, expected }) => {
    expect(authenticate(credentials, given, NOW)).toEqual(expected);
  });

  it.each([
    { auth: 'ingest', method: 'POST', segments: ['alertmanager'], expected: true },
    { auth: 'ingest', method: 'POST', segments: ['mutes'], expected: false },
    { auth: 'ingest', method: 'POST', segments: ['incidents', 'x', 'resolve'], expected: false },
    { auth: 'ingest', method: 'GET', segments: ['incidents'], expected: false },
    { auth: 'bearer', method: 'POST', segments: ['mutes'], expected: true },
    { auth: 'session', method: 'DELETE', segments: ['mutes', '1'], expected: true },
  ] as const)('$auth may $method /api/$segments: $expected', ({ auth, method, segments, expected }) => {
    expect(mayUseApiRoute(auth, method, segments)).toBe(expected);
  });
});

describe('bodies', () => {
  it.each([
    { desc: 'flat', text: '{"a":[1,2,{"b":3}]}', expected: false },
    { desc: 'brackets inside strings do not count', text: JSON.stringify({ a: '['.repeat(1_000) }), expected: false },
    { desc: 'escaped quotes inside strings', text: JSON.stringify({ a: '\\"[[[[' }), expected: false },
    { desc: 'at the limit', text: '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH), expected: false },
    { desc: 'one past the limit', text: '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1), expected: true },
    { desc: 'megabytes of nesting', text: '{"a":'.repeat(200_000), expected: true },
  ])('jsonDepthExceeds: $desc', ({ text, expected }) => {
    expect(jsonDepthExceeds(text, MAX_JSON_DEPTH)).toBe(expected);
  });

  it.each([
    { segments: ['alertmanager'], expected: 4 * 1024 * 1024 },
    { segments: ['mutes'], expected: 16 * 1024 },
    { segments: ['incidents', 'x', 'notes'], expected: 16 * 1024 },
    { segments: ['alertmanager', 'x'], expected: 16 * 1024 },
  ])('bodyLimitFor /api/$segments', ({ segments, expected }) => {
    expect(bodyLimitFor(segments)).toBe(expected);
  });
});

describe('security headers', () => {
  it('carry the nonce, refuse framing and sniffing, and send no referrer', () => {
    const headers = buildSecurityHeaders('abc', { dev: false });
    expect(headers['content-security-policy']).toContain("script-src 'self' 'nonce-abc'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    expect(buildContentSecurityPolicy('abc', { dev: true })).toContain("'unsafe-eval'");
  });

  it.each([
    { desc: 'HTML with a token', type: 'text/html; charset=utf-8', token: true, current: 's-maxage=31536000', expected: 'private, no-store' },
    { desc: 'HTML without a token', type: 'text/html', token: false, current: 's-maxage=31536000', expected: 's-maxage=31536000' },
    { desc: 'a script with a token', type: 'application/javascript', token: true, current: 'public, max-age=31536000, immutable', expected: 'public, max-age=31536000, immutable' },
  ])('cacheControlFor $desc', ({ type, token, current, expected }) => {
    expect(cacheControlFor(type, token, current)).toBe(expected);
  });
});
