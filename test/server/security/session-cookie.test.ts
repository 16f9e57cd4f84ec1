import { describe, expect, it } from 'vitest';
import { issueSession, SESSION_MAX_AGE_MS, sessionCookieName, sessionSetCookie, verifySession } from '../../../server/security/session-cookie';

const TOKEN = 'the-dashboard-token-1234';
const T0 = Date.UTC(2026, 0, 1);

describe('session cookie', () => {
  const value = issueSession(TOKEN, T0);

  it('is not the token', () => {
    expect(value).not.toContain(TOKEN);
    expect(value).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    { desc: 'fresh', value, token: TOKEN, nowMs: T0 + 1_000, expected: true },
    { desc: 'on another replica with the same token', value: issueSession(TOKEN, T0), token: TOKEN, nowMs: T0, expected: true },
    { desc: 'at 12 h', value, token: TOKEN, nowMs: T0 + SESSION_MAX_AGE_MS, expected: true },
    { desc: 'past 12 h', value, token: TOKEN, nowMs: T0 + SESSION_MAX_AGE_MS + 1, expected: false },
    { desc: 'of another token', value, token: 'another-token-12345678', nowMs: T0, expected: false },
    { desc: 'with the time changed', value: value.replace(/^\d+/, String(T0 + 3_600_000)), token: TOKEN, nowMs: T0 + 3_600_000, expected: false },
    { desc: 'issued far in the future', value: issueSession(TOKEN, T0 + 3_600_000), token: TOKEN, nowMs: T0, expected: false },
    { desc: 'the raw token (the old cookie)', value: TOKEN, token: TOKEN, nowMs: T0, expected: false },
    { desc: 'empty', value: '', token: TOKEN, nowMs: T0, expected: false },
  ])('$desc: $expected', ({ value: presented, token, nowMs, expected }) => {
    expect(verifySession(presented, token, nowMs)).toBe(expected);
  });

  it.each([
    { desc: 'https: __Host- and Secure', publicUrl: 'https://pipewatch.example.com', port: 19300, name: '__Host-pipewatch_session', secure: true },
    { desc: 'http: the port in the name', publicUrl: 'http://127.0.0.1:19300', port: 19300, name: 'pipewatch_session_19300', secure: false },
    { desc: 'http, another instance', publicUrl: 'http://127.0.0.1:19301', port: 19301, name: 'pipewatch_session_19301', secure: false },
  ])('$desc', ({ publicUrl, port, name, secure }) => {
    expect(sessionCookieName(publicUrl, port)).toBe(name);
    const header = sessionSetCookie(name, value, publicUrl);
    expect(header).toBe(`${name}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200${secure ? '; Secure' : ''}`);
  });
});
