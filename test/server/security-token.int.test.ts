import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_HEADERS, liveStatus, PIPELINE, rawRequest, startSecurityServer, type SecurityServer } from '../support/security-server';

/**
 * `pipewatch serve` with PIPEWATCH_TOKEN and PIPEWATCH_INGEST_TOKEN, its publicUrl https behind a
 * proxy: a session cookie that is not the token, writes that need more than the cookie, the
 * ingest token's narrow rights, private pages, a same-origin login redirect and a rate limit on
 * wrong tokens. The rate limit runs last: it blocks this address's bearer tokens for a minute.
 */
const TOKEN = 'dashboard-token-0123456789abcdef';
const INGEST = 'ingest-token-fedcba9876543210';
const PUBLIC = 'https://pipewatch.example.com';
const MUTE = { pipelineId: PIPELINE, for: '1h', by: 'ana', reason: 'deploy' };

describe('security with a token', () => {
  let s: SecurityServer;
  let session: string;
  const bearer = { authorization: `Bearer ${TOKEN}` };
  const req = (method: string, target: string, headers: Record<string, string | undefined> = {}, body?: unknown) => rawRequest(s.base, method, target, headers, body);
  const mutes = async () => (await req('GET', '/api/mutes', bearer)).json.mutes as { id: number }[];
  const incidentPath = () => `/api/incidents/${encodeURIComponent(s.incidentId)}`;

  beforeAll(async () => {
    s = await startSecurityServer({ token: TOKEN, ingestToken: INGEST, publicUrl: PUBLIC }, 'security-token');
    const login = await req('GET', `/?token=${TOKEN}`);
    session = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  });
  afterAll(async () => {
    await s?.server.close();
  });

  it('finding 4: the cookie is a __Host- session, Secure, with a lifetime, not the token', async () => {
    const login = await req('GET', `/?token=${TOKEN}`);
    expect(login.status).toBe(303);
    const cookie = String(login.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(/^__Host-pipewatch_session=\d+\.[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200; Secure$/);
    expect(cookie).not.toContain(TOKEN);
    expect((await req('GET', '/', { cookie: session })).status).toBe(200);
    expect((await req('GET', '/api/mutes', { cookie: session })).status).toBe(200);
  });

  it('finding 4: the old cookie with the raw token lets nobody in', async () => {
    expect((await req('GET', '/api/mutes', { cookie: `pipewatch_token=${TOKEN}` })).status).toBe(401);
    expect((await req('GET', '/', { cookie: `pipewatch_token=${TOKEN}` })).status).toBe(401);
    expect((await req('GET', '/api/mutes', { cookie: `__Host-pipewatch_session=${TOKEN}` })).status).toBe(401);
  });

  it.each([
    { desc: 'a foreign Origin', headers: { ...JSON_HEADERS, origin: 'http://evil.example' }, status: 403, error: 'Origin' },
    { desc: 'another port of the host (a form on 127.0.0.1:<other port>)', headers: { 'content-type': 'text/plain', origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' }, status: 403, error: 'Sec-Fetch-Site' },
    { desc: 'text/plain and no Origin', headers: { 'content-type': 'text/plain' }, status: 415, error: 'Content-Type' },
    { desc: 'no content type', headers: {}, status: 415, error: 'got none' },
  ])('finding 2: the cookie alone is not enough: $desc → $status', async ({ headers, status, error }) => {
    const answer = await req('POST', '/api/mutes', { cookie: session, ...headers }, MUTE);
    expect(answer.status).toBe(status);
    expect(String(answer.json.error)).toContain(error);
    expect(await mutes()).toEqual([]);
  });

  it("finding 2: the dashboard's own request with the cookie is taken", async () => {
    const answer = await req('POST', `${incidentPath()}/notes`, { cookie: session, ...JSON_HEADERS, origin: s.base, 'sec-fetch-site': 'same-origin' }, { by: 'ana', text: 'with the cookie' });
    expect(answer.status).toBe(201);
    expect(s.logs.some((line) => line.includes('note on') && line.includes('authenticated: session'))).toBe(true);
  });

  it('finding 5: token-protected pages are private and not frameable', async () => {
    const page = await req('GET', `/pipeline?id=${PIPELINE}`, { cookie: session });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-powered-by']).toBeUndefined();
  });

  it.each([
    { target: '/.//evil.example?token=', expected: '/evil.example' },
    // URL parsing reads /\\host as //host: the host is dropped, the path is /.
    { target: '/\\evil.example?token=', expected: '/' },
    { target: '/pipeline?id=a&token=', expected: '/pipeline?id=a' },
  ])('finding 7: the login redirect of $target stays on this origin', async ({ target, expected }) => {
    const answer = await req('GET', `${target}${TOKEN}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(expected);
  });

  describe('finding 7: the ingest token feeds Alertmanager alerts and nothing else', () => {
    const ingest = { authorization: `Bearer ${INGEST}` };
    it('posts an Alertmanager webhook', async () => {
      const answer = await req('POST', '/api/alertmanager', { ...ingest, ...JSON_HEADERS }, {
        version: '4', groupKey: '{}', truncatedAlerts: 0, status: 'firing', receiver: 'pipewatch', groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://am:9093',
        alerts: [{ status: 'firing', labels: { alertname: 'X' }, annotations: {}, startsAt: new Date().toISOString(), endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://p', fingerprint: 'ab12' }],
      });
      expect(answer.status).toBe(200);
    });

    it.each([
      { method: 'POST', target: 'acknowledge', body: { by: 'bot' } },
      { method: 'POST', target: 'notes', body: { by: 'bot', text: 'x' } },
      { method: 'POST', target: 'resolve', body: { by: 'bot', reason: 'x' } },
      { method: 'POST', target: '/api/mutes', body: MUTE },
      { method: 'DELETE', target: '/api/mutes/1', body: { by: 'bot' } },
      { method: 'GET', target: '/api/incidents', body: undefined },
    ])('cannot $method $target (403)', async ({ method, target, body }) => {
      const answer = await req(method, target.startsWith('/') ? target : `${incidentPath()}/${target}`, { ...ingest, ...(body ? JSON_HEADERS : {}) }, body);
      expect(answer.status).toBe(403);
      expect(String(answer.json.error)).toContain('PIPEWATCH_INGEST_TOKEN');
    });

    it('cannot open pages or the live socket (403); /metrics stays open as before', async () => {
      expect((await req('GET', '/', ingest)).status).toBe(403);
      expect(await liveStatus(s.base, ingest)).toBe(403);
      expect((await req('GET', '/metrics')).status).toBe(200);
    });
  });

  it('behind a proxy that ends TLS: publicUrl host, X-Forwarded-Proto https and its Origin are accepted', async () => {
    const proxy = { host: 'pipewatch.example.com', 'x-forwarded-proto': 'https', origin: PUBLIC, 'sec-fetch-site': 'same-origin' };
    const muted = await req('POST', '/api/mutes', { ...bearer, ...JSON_HEADERS, ...proxy }, MUTE);
    expect(muted.status).toBe(201);
    const id = (muted.json.mute as { id: number }).id;
    expect((await req('DELETE', `/api/mutes/${id}`, { ...bearer, ...JSON_HEADERS, ...proxy }, { by: 'ana' })).status).toBe(200);
  });

  describe('what held keeps holding', () => {
    it.each(['/api/pipelines', '/api/incidents', incidentPathOf('x'), '/api/mutes', '/', '/incidents', '/_next/static/../../api/pipelines', '/_next/static/%2e%2e/%2e%2e/api/mutes'])('401 without the token: %s', async (target) => {
      expect((await req('GET', target)).status).toBe(401);
    });

    it('401 on writes and the live socket without the token, 403 from another site with it', async () => {
      expect((await req('POST', '/api/mutes', JSON_HEADERS, MUTE)).status).toBe(401);
      expect(await liveStatus(s.base, {})).toBe(401);
      expect(await liveStatus(s.base, { cookie: session, origin: 'https://evil.example' })).toBe(403);
      expect(await liveStatus(s.base, { cookie: session, origin: s.base })).toBe(101);
    });

    it('never logs a token', () => {
      expect(s.logs.filter((line) => line.includes(TOKEN) || line.includes(INGEST))).toEqual([]);
    });
  });

  it('finding 7: ten wrong tokens a minute, then 429 with Retry-After, even for the right token; the session still works', async () => {
    for (let i = 0; i < 10; i++) expect((await req('GET', '/api/mutes', { authorization: 'Bearer wrong-token-guess-000' })).status).toBe(401);
    const limited = await req('GET', '/api/mutes', bearer);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await req('GET', `/?token=${TOKEN}`)).status).toBe(429);
    expect((await req('GET', '/api/mutes', { cookie: session })).status).toBe(200);
  });
});

function incidentPathOf(id: string): string {
  return `/api/incidents/${id}`;
}
