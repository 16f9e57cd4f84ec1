import { describe, expect, it } from 'vitest';
import { createDemoFaultControl } from '../../lab/demo-fault-control';

const CONTROL = 'http://127.0.0.1:19110';

function fakeFetch(answer: (url: string, init: RequestInit) => Response | Error, seen: { url: string; init: RequestInit }[] = []): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), init: init ?? {} });
    const result = answer(String(url), init ?? {});
    if (result instanceof Error) throw result;
    return result;
  }) as typeof fetch;
}

describe('createDemoFaultControl', () => {
  const cases = [
    { desc: 'a JSON answer passes through with its status', input: () => new Response('{"active":[]}', { status: 200 }), expected: { status: 200, body: { active: [] } } },
    { desc: 'a refusal keeps its status', input: () => new Response('{"error":"unknown fault"}', { status: 400 }), expected: { status: 400, body: { error: 'unknown fault' } } },
    { desc: 'a body that is not JSON becomes the error text', input: () => new Response('Bad Gateway', { status: 502 }), expected: { status: 502, body: { error: 'Bad Gateway' } } },
  ];
  it.each(cases)('$desc', async ({ input, expected }) => {
    expect(await createDemoFaultControl(CONTROL, fakeFetch(input)).list()).toEqual(expected);
  });

  it('says the lab is not up when nothing answers', async () => {
    const answer = await createDemoFaultControl(CONTROL, fakeFetch(() => new TypeError('fetch failed'))).list();
    expect(answer.status).toBe(502);
    expect((answer.body as { error: string }).error).toMatch(/control endpoint http:\/\/127\.0\.0\.1:19110 does not answer \(fetch failed\); is the lab up\?/);
  });

  it('starts a fault with a JSON POST to /faults', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    await createDemoFaultControl(CONTROL, fakeFetch(() => new Response('{}'), seen)).start({ name: 'slow-sink', latencyMs: 300 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`${CONTROL}/faults`);
    expect(seen[0]!.init).toMatchObject({ method: 'POST', body: '{"name":"slow-sink","latencyMs":300}', headers: { 'content-type': 'application/json' } });
  });
});
