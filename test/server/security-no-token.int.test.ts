import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_HEADERS, liveStatus, PIPELINE, rawRequest, startSecurityServer, type SecurityServer } from '../support/security-server';

/**
 * `pipewatch serve` without a token, on loopback: anyone who reaches the port may read and
 * write, but only on purpose. A page of another origin (a form, a no-cors fetch), another port of
 * the same host, or a DNS name rebound to 127.0.0.1 changes nothing and reads nothing.
 */
const EVIL = { origin: 'http://evil.example', 'content-type': 'text/plain' };
const MUTE = { pipelineId: PIPELINE, for: '30d', by: 'x', reason: 'y' };

describe('security without a token', () => {
  let s: SecurityServer;
  const req = (method: string, target: string, headers: Record<string, string | undefined> = {}, body?: unknown) => rawRequest(s.base, method, target, headers, body);
  const mutes = async () => (await req('GET', '/api/mutes')).json.mutes as { id: number; pipelineId: string }[];
  const incidentPath = () => `/api/incidents/${encodeURIComponent(s.incidentId)}`;

  beforeAll(async () => {
    s = await startSecurityServer({ allowedHosts: ['pipewatch.example.com'] }, 'security-open');
  });
  afterAll(async () => {
    await s?.server.close();
  });

  describe('finding 1: cross-origin and rebound writes and reads', () => {
    it.each([
      { desc: 'a text/plain mute from another origin', method: 'POST', target: '/api/mutes', headers: EVIL, status: 403, error: 'Origin "http://evil.example"' },
      { desc: 'a text/plain resolve from another origin', method: 'POST', target: 'incident/resolve', headers: EVIL, status: 403, error: 'Origin' },
      { desc: 'a text/plain mute without an Origin', method: 'POST', target: '/api/mutes', headers: { 'content-type': 'text/plain' }, status: 415, error: 'Content-Type must be application/json' },
      { desc: 'a mute without a Content-Type', method: 'POST', target: '/api/mutes', headers: {}, status: 415, error: 'got none' },
      { desc: 'a form-encoded mute', method: 'POST', target: '/api/mutes', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, error: 'application/json' },
      { desc: 'JSON from another port of this host', method: 'POST', target: '/api/mutes', headers: { ...JSON_HEADERS, origin: 'http://127.0.0.1:1' }, status: 403, error: 'Origin' },
      { desc: 'JSON marked same-site by the browser', method: 'POST', target: '/api/mutes', headers: { ...JSON_HEADERS, 'sec-fetch-site': 'same-site' }, status: 403, error: 'Sec-Fetch-Site "same-site"' },
      { desc: 'JSON marked cross-site', method: 'POST', target: '/api/mutes', headers: { ...JSON_HEADERS, 'sec-fetch-site': 'cross-site' }, status: 403, error: 'same-origin or none' },
      { desc: 'JSON with Origin null (a sandboxed page)', method: 'POST', target: '/api/mutes', headers: { ...JSON_HEADERS, origin: 'null' }, status: 403, error: 'Origin "null"' },
      { desc: 'an unmute from another origin', method: 'DELETE', target: '/api/mutes/1', headers: EVIL, status: 403, error: 'Origin' },
      { desc: 'a write through a rebound name', method: 'POST', target: '/api/mutes', headers: { ...JSON_HEADERS, host: 'rebind.evil.example' }, status: 421, error: 'server.allowedHosts' },
    ])('refuses $desc ($status), and nothing is recorded', async ({ method, target, headers, status, error }) => {
      const body = method === 'DELETE' ? { by: 'x' } : target === 'incident/resolve' ? { by: 'x', reason: 'y' } : MUTE;
      const answer = await req(method, target === 'incident/resolve' ? `${incidentPath()}/resolve` : target, headers, body);
      expect(answer.status).toBe(status);
      expect(String(answer.json.error)).toContain(error);
      expect(await mutes()).toEqual([]);
      expect((await req('GET', incidentPath())).json.status).toBe('open');
    });

    it.each([
      { desc: 'the API', target: '/api/pipelines' },
      { desc: 'a page', target: '/' },
      { desc: 'the pipeline page', target: `/pipeline?id=${PIPELINE}` },
    ])('refuses a rebound Host on $desc (421, naming server.allowedHosts)', async ({ target }) => {
      const answer = await req('GET', target, { host: `rebind.evil.example:${s.port}` });
      expect(answer.status).toBe(421);
      expect(answer.text).toContain('server.allowedHosts');
    });

    it('refuses the live socket on a rebound Host, opens it on the address and on localhost', async () => {
      expect(await liveStatus(s.base, { host: `rebind.evil.example:${s.port}` })).toBe(421);
      expect(await liveStatus(s.base, {})).toBe(101);
      expect(await liveStatus(s.base, { host: `localhost:${s.port}` })).toBe(101);
    });

    it('still takes JSON from a script, and from its own page', async () => {
      const fromScript = await req('POST', `${incidentPath()}/notes`, JSON_HEADERS, { by: 'ana', text: 'from a script' });
      expect(fromScript.status).toBe(201);
      const fromPage = await req('POST', `${incidentPath()}/notes`, { ...JSON_HEADERS, origin: s.base, 'sec-fetch-site': 'same-origin' }, { by: 'ana', text: 'from the page' });
      expect(fromPage.status).toBe(201);
      expect(s.logs.some((line) => line.includes('note on') && line.includes('"ana"') && line.includes('authenticated: open'))).toBe(true);
    });

    it('works behind a proxy that ends TLS, by an allowed host', async () => {
      const proxy = { host: 'pipewatch.example.com', 'x-forwarded-proto': 'https', origin: 'https://pipewatch.example.com', 'sec-fetch-site': 'same-origin' };
      expect((await req('GET', '/api/pipelines', proxy)).status).not.toBe(421);
      expect((await req('GET', '/', proxy)).status).toBe(200);
      const note = await req('POST', `${incidentPath()}/notes`, { ...proxy, ...JSON_HEADERS }, { by: 'ana', text: 'through the proxy' });
      expect(note.status).toBe(201);
    });
  });

  describe('finding 3: mutes end within 30 days', () => {
    const now = Date.now();
    it.each([
      { desc: '2^53 − 1', untilMs: Number.MAX_SAFE_INTEGER },
      { desc: 'the largest date', untilMs: 8_640_000_000_000_000 },
      { desc: '31 days from now', untilMs: now + 31 * 24 * 3_600_000 },
      { desc: 'an hour ago', untilMs: now - 3_600_000 },
    ])('refuses untilMs $desc (400, naming untilMs)', async ({ untilMs }) => {
      const answer = await req('POST', '/api/mutes', JSON_HEADERS, { pipelineId: PIPELINE, untilMs, by: 'x', reason: 'y' });
      expect(answer.status).toBe(400);
      expect(answer.json.parameter).toBe('untilMs');
      expect(await mutes()).toEqual([]);
    });

    it('takes untilMs within 30 days, and the postmortem and pages still answer', async () => {
      const answer = await req('POST', '/api/mutes', JSON_HEADERS, { pipelineId: PIPELINE, untilMs: Date.now() + 3_600_000, by: 'x', reason: 'y' });
      expect(answer.status).toBe(201);
      expect((await req('GET', `${incidentPath()}/postmortem`)).status).toBe(200);
      expect((await req('GET', `/incident?id=${encodeURIComponent(s.incidentId)}`)).status).toBe(200);
      const id = (answer.json.mute as { id: number }).id;
      expect((await req('DELETE', `/api/mutes/${id}`, JSON_HEADERS, { by: 'x' })).status).toBe(200);
    });
  });

  describe('finding 6: bounded bodies', () => {
    it('refuses a 4 MiB nested body to a person\'s action at once (413), without the memory it cost', async () => {
      const rssBefore = process.memoryUsage().rss;
      const answer = await req('POST', '/api/mutes', JSON_HEADERS, '['.repeat(4 * 1024 * 1024));
      expect(answer.status === 413 || answer.status === -1).toBe(true);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
    });

    it('refuses deep nesting within the Alertmanager limit before parsing it (400)', async () => {
      const rssBefore = process.memoryUsage().rss;
      const answer = await req('POST', '/api/alertmanager', JSON_HEADERS, `${'{"a":'.repeat(600_000)}1${'}'.repeat(600_000)}`);
      expect(answer.status).toBe(400);
      expect(answer.json.error).toContain('nests deeper than');
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
    });

    it.each([
      { desc: 'a 17 KiB note', target: 'notes', body: { by: 'ana', text: 'x'.repeat(17 * 1024) } },
      { desc: 'a 17 KiB acknowledgement', target: 'acknowledge', body: { by: 'ana', note: 'x'.repeat(17 * 1024) } },
    ])('refuses $desc (413)', async ({ target, body }) => {
      expect((await req('POST', `${incidentPath()}/${target}`, JSON_HEADERS, body)).status).toBe(413);
    });

    it('still refuses 50 MB (413)', async () => {
      const answer = await req('POST', '/api/alertmanager', JSON_HEADERS, 'x'.repeat(50 * 1024 * 1024));
      expect(answer.status === 413 || answer.status === -1).toBe(true);
    });
  });

  describe('finding 7: strict ids and bounded queries', () => {
    it.each(['0x1', '1e0', '%201', '01', '1.0', '-1', '0', '99999999999999999999'])('refuses mute id %s (400, naming id)', async (id) => {
      const answer = await req('DELETE', `/api/mutes/${id}`, JSON_HEADERS, { by: 'x' });
      expect(answer.status).toBe(400);
      expect(answer.json.parameter).toBe('id');
    });

    it.each([
      { target: `/api/pipelines/${PIPELINE}/history?end=99999999999999999`, parameter: 'end' },
      { target: `/api/pipelines/${PIPELINE}/history?end=${Date.now() + 7 * 24 * 3_600_000}`, parameter: 'end' },
      { target: `/api/pipelines/${PIPELINE}/history?end=1000&range=2h`, parameter: 'end' },
      { target: `/api/pipelines/${PIPELINE}/history?range=1y`, parameter: 'range' },
      { target: `/api/pipelines/${PIPELINE}?window=48h`, parameter: 'window' },
      { target: '/api/incidents?from=8640000000000001', parameter: 'from' },
      { target: '/api/incidents?to=-5', parameter: 'to' },
    ])('refuses $target before Prometheus or the store sees it (400, naming $parameter)', async ({ target, parameter }) => {
      const answer = await req('GET', target);
      expect(answer.status).toBe(400);
      expect(answer.json.parameter).toBe(parameter);
    });
  });

  describe('every field of every write route, bad values', () => {
    const p = (action: string) => () => `${incidentPath()}/${action}`;
    const cases: { route: string; path: () => string; method?: string; body: unknown; field: string }[] = [
      { route: 'acknowledge', path: p('acknowledge'), body: { by: '' }, field: 'by' },
      { route: 'acknowledge', path: p('acknowledge'), body: { by: 'x'.repeat(201) }, field: 'by' },
      { route: 'acknowledge', path: p('acknowledge'), body: { by: 42 }, field: 'by' },
      { route: 'acknowledge', path: p('acknowledge'), body: { by: 'ana', note: 7 }, field: 'note' },
      { route: 'acknowledge', path: p('acknowledge'), body: { by: 'ana', note: 'x'.repeat(10_001) }, field: 'note' },
      { route: 'acknowledge', path: p('acknowledge'), body: { by: 'ana', admin: true }, field: 'body' },
      { route: 'notes', path: p('notes'), body: { by: 'ana' }, field: 'text' },
      { route: 'notes', path: p('notes'), body: { by: 'ana', text: '   ' }, field: 'text' },
      { route: 'notes', path: p('notes'), body: { by: null, text: 'x' }, field: 'by' },
      { route: 'notes', path: p('notes'), body: [], field: 'body' },
      { route: 'resolve', path: p('resolve'), body: { by: 'ana' }, field: 'reason' },
      { route: 'resolve', path: p('resolve'), body: { by: 'ana', reason: { a: 1 } }, field: 'reason' },
      { route: 'resolve', path: p('resolve'), body: { reason: 'x' }, field: 'by' },
      { route: 'mutes', path: () => '/api/mutes', body: { ...MUTE, pipelineId: '' }, field: 'pipelineId' },
      { route: 'mutes', path: () => '/api/mutes', body: { ...MUTE, pipelineId: 'x'.repeat(513) }, field: 'pipelineId' },
      { route: 'mutes', path: () => '/api/mutes', body: { ...MUTE, for: 'forever' }, field: 'for' },
      { route: 'mutes', path: () => '/api/mutes', body: { ...MUTE, for: '31d' }, field: 'for' },
      { route: 'mutes', path: () => '/api/mutes', body: { ...MUTE, for: '0s' }, field: 'for' },
      { route: 'mutes', path: () => '/api/mutes', body: { ...MUTE, for: undefined, untilMs: 1.5 }, field: 'untilMs' },
      { route: 'mutes', path: () => '/api/mutes', body: { ...MUTE, for: undefined, untilMs: '1' }, field: 'untilMs' },
      { route: 'mutes', path: () => '/api/mutes', body: { ...MUTE, untilMs: Date.now() + 60_000 }, field: 'for' },
      { route: 'mutes', path: () => '/api/mutes', body: { ...MUTE, by: '' }, field: 'by' },
      { route: 'mutes', path: () => '/api/mutes', body: { ...MUTE, reason: 'x'.repeat(10_001) }, field: 'reason' },
      { route: 'unmute', path: () => '/api/mutes/1', method: 'DELETE', body: { by: '' }, field: 'by' },
      { route: 'unmute', path: () => '/api/mutes/1', method: 'DELETE', body: { by: 'x', extra: 1 }, field: 'body' },
    ];
    it.each(cases)('$route refuses a bad $field (400, naming it)', async ({ path, method, body, field }) => {
      const answer = await req(method ?? 'POST', path(), JSON_HEADERS, body);
      expect(answer.status).toBe(400);
      expect(`${String(answer.json.parameter)} ${String(answer.json.error)}`).toContain(field === 'body' ? '' : field);
    });

    it('alertmanager refuses a payload that is not Alertmanager\'s (400)', async () => {
      const answer = await req('POST', '/api/alertmanager', JSON_HEADERS, { version: '3', alerts: [] });
      expect(answer.status).toBe(400);
    });
  });

  describe('what held keeps holding', () => {
    it.each([
      { target: '/api/incidents/nope', status: 404 },
      { target: '/api/incidents/%00%2F..', status: 404 },
      { target: '/api/demo/faults', status: 404 },
    ])('$target answers $status', async ({ target, status }) => {
      expect((await req('GET', target)).status).toBe(status);
    });

    it('sends the security headers on pages and API answers, and the nonce on every inline script', async () => {
      for (const target of ['/', '/api/mutes', `/pipeline?id=${PIPELINE}`]) {
        const answer = await req('GET', target);
        expect(answer.headers['x-frame-options']).toBe('DENY');
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(answer.headers['referrer-policy']).toBe('no-referrer');
        expect(answer.headers['x-powered-by']).toBeUndefined();
        expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      }
      const page = await req('GET', '/');
      const nonce = /'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))?.[1];
      expect(nonce).toBeTruthy();
      const inline = [...page.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!);
      expect(inline.length).toBeGreaterThan(0);
      expect(inline.filter((attributes) => !attributes.includes(`nonce="${nonce}"`))).toEqual([]);
      // A fresh nonce per request.
      expect((await req('GET', '/')).headers['content-security-policy']).not.toBe(page.headers['content-security-policy']);
    });
  });
});
