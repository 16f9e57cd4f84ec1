import { describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../../components/api/api-client';
import { ApiError } from '../../../components/api/fetch-json';
import { demoKeys, incidentKeys, muteKeys } from '../../../components/api/query-keys';
import { DEFAULT_INCIDENTS_QUERY } from '../../../lib/view/incidents-query';

const NOW = 1_800_000_000_000;

interface Sent {
  path: string;
  method: string;
  body: unknown;
}

/** A client over a fake fetch that records each request and answers `status` with `answer`. */
function client(answer: unknown, status = 200): { api: ApiClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchFn = (async (path: string, init: RequestInit) => {
    sent.push({ path, method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
    return new Response(typeof answer === 'string' ? answer : JSON.stringify(answer), { status });
  }) as unknown as typeof fetch;
  return { api: createApiClient(fetchFn), sent };
}

describe('api client', () => {
  it.each([
    { desc: 'incidents list', call: (a: ApiClient) => a.incidents(DEFAULT_INCIDENTS_QUERY, NOW, 'c1'), expected: { path: '/api/incidents?limit=50&cursor=c1', method: 'GET', body: undefined } },
    { desc: 'incident figures', call: (a: ApiClient) => a.incidentFigures(DEFAULT_INCIDENTS_QUERY, NOW), expected: { path: '/api/incidents/figures', method: 'GET', body: undefined } },
    { desc: 'one incident, id encoded', call: (a: ApiClient) => a.incident('p/slow-sink/1'), expected: { path: '/api/incidents/p%2Fslow-sink%2F1', method: 'GET', body: undefined } },
    { desc: 'an incident action', call: (a: ApiClient) => a.incidentAction({ path: '/api/incidents/i/notes', body: { by: 'ana', text: 'hi' } }), expected: { path: '/api/incidents/i/notes', method: 'POST', body: { by: 'ana', text: 'hi' } } },
    { desc: 'the postmortem', call: (a: ApiClient) => a.postmortemMarkdown('i'), expected: { path: '/api/incidents/i/postmortem', method: 'GET', body: undefined } },
    { desc: 'mutes', call: (a: ApiClient) => a.mutes(), expected: { path: '/api/mutes', method: 'GET', body: undefined } },
    { desc: 'mute', call: (a: ApiClient) => a.mute('p', '1h', 'ana', 'deploy'), expected: { path: '/api/mutes', method: 'POST', body: { pipelineId: 'p', for: '1h', by: 'ana', reason: 'deploy' } } },
    { desc: 'unmute', call: (a: ApiClient) => a.unmute(7, 'ana'), expected: { path: '/api/mutes/7', method: 'DELETE', body: { by: 'ana' } } },
    { desc: 'demo faults', call: (a: ApiClient) => a.demoFaults(), expected: { path: '/api/demo/faults', method: 'GET', body: undefined } },
    { desc: 'start a demo fault', call: (a: ApiClient) => a.startDemoFault({ name: 'healthy' }), expected: { path: '/api/demo/faults', method: 'POST', body: { name: 'healthy' } } },
  ])('$desc', async ({ call, expected }) => {
    const { api, sent } = client({});
    await call(api);
    expect(sent).toEqual([expected]);
  });

  it.each([
    { desc: 'incident: parsed tolerantly', call: (a: ApiClient) => a.incident('i'), answer: { id: 'i', pipelineId: 'p', status: 'resolved' }, expected: { ok: true, status: 'resolved' } },
    { desc: 'incident: a body without an id is refused', call: (a: ApiClient) => a.incident('i'), answer: { pipelineId: 'p' }, expected: { ok: false, status: null } },
  ])('$desc', async ({ call, answer, expected }) => {
    const parsed = await call(client(answer).api);
    expect({ ok: parsed.ok, status: parsed.ok ? parsed.incident.status : null }).toEqual(expected);
  });

  it.each([
    { desc: 'mutes: malformed ones are skipped', call: (a: ApiClient) => a.mutes(), answer: { mutes: [{ id: 1, pipelineId: 'p', fromMs: 0, untilMs: 1 }, { id: 'x' }] }, expected: 1 },
    { desc: 'figures: a figure without a type is skipped', call: (a: ApiClient) => a.incidentFigures(DEFAULT_INCIDENTS_QUERY, NOW), answer: { figures: [{ type: 'slow-sink' }, { count: 1 }] }, expected: 1 },
  ])('$desc', async ({ call, answer, expected }) => {
    expect(await call(client(answer).api)).toHaveLength(expected);
  });

  it("throws the server's error text with the status", async () => {
    const failed = client({ error: 'no such incident' }, 404).api.incident('gone');
    await expect(failed).rejects.toEqual(new ApiError(404, 'no such incident'));
    await expect(client({ error: 'x' }, 404).api.incident('gone')).rejects.toMatchObject({ status: 404 });
  });
});

describe('query keys', () => {
  it.each([
    { desc: 'an incident list', key: incidentKeys.list('status=open'), root: incidentKeys.all },
    { desc: 'the incident figures', key: incidentKeys.figures(''), root: incidentKeys.all },
    { desc: 'one incident', key: incidentKeys.detail('i'), root: incidentKeys.all },
    { desc: 'one incident, among the details', key: incidentKeys.detail('i'), root: incidentKeys.details() },
    { desc: 'an incident list, among the lists', key: incidentKeys.list(''), root: incidentKeys.lists() },
    { desc: 'the demo faults', key: demoKeys.faults(), root: demoKeys.all },
  ])('invalidating its root reaches $desc', ({ key, root }) => {
    expect(key.slice(0, root.length)).toEqual([...root]);
  });

  it.each([
    { desc: 'details and lists', a: incidentKeys.detail('x'), b: incidentKeys.list('x') },
    { desc: 'two incidents', a: incidentKeys.detail('a'), b: incidentKeys.detail('b') },
    { desc: 'mutes and incidents', a: muteKeys.all, b: incidentKeys.all },
  ])('keeps $desc apart', ({ a, b }) => {
    expect(a).not.toEqual(b);
  });
});
