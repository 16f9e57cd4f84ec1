import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpPrometheusClient, type HttpPrometheusClientOptions } from '../../../collectors/prometheus/http-prometheus-client';

interface Call {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  form: Record<string, string>;
}

const EMPTY_VECTOR = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } });
const EMPTY_MATRIX = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } });

function recordingFetch(respond: () => Response | Promise<Response> = () => new Response(EMPTY_VECTOR)) {
  const calls: Call[] = [];
  const fake: typeof fetch = async (input, init) => {
    calls.push({
      url: String(input),
      method: init?.method,
      headers: { ...(init?.headers as Record<string, string>) },
      form: Object.fromEntries(init?.body as URLSearchParams),
    });
    return respond();
  };
  return { calls, fetch: fake };
}

const client = (options: Partial<HttpPrometheusClientOptions>, fake: typeof fetch) =>
  new HttpPrometheusClient({ baseUrl: 'http://prom:9090', fetch: fake, ...options });

describe('HttpPrometheusClient: requests', () => {
  const cases: { desc: string; options: Partial<HttpPrometheusClientOptions>; run: (c: HttpPrometheusClient) => Promise<unknown>; expected: Call }[] = [
    {
      desc: 'an instant query is a form POST with a server timeout below the client one',
      options: { timeoutMs: 2_000 },
      run: (c) => c.query('sum by (consumer_group) (rate(x[10s]))'),
      expected: {
        url: 'http://prom:9090/api/v1/query',
        method: 'POST',
        headers: { accept: 'application/json' },
        form: { query: 'sum by (consumer_group) (rate(x[10s]))', timeout: '1800ms' },
      },
    },
    {
      desc: 'an instant query at a given time sends unix seconds',
      options: {},
      run: (c) => c.query('up', { timeMs: 1_700_000_000_123 }),
      expected: { url: 'http://prom:9090/api/v1/query', method: 'POST', headers: { accept: 'application/json' }, form: { query: 'up', timeout: '4500ms', time: '1700000000.123' } },
    },
    {
      desc: 'a path prefix in the base URL is kept, with or without a trailing slash',
      options: { baseUrl: 'https://metrics.example/prometheus' },
      run: (c) => c.query('up'),
      expected: { url: 'https://metrics.example/prometheus/api/v1/query', method: 'POST', headers: { accept: 'application/json' }, form: { query: 'up', timeout: '4500ms' } },
    },
    {
      desc: 'a bearer token',
      options: { auth: { kind: 'bearer', token: 's3cret' } },
      run: (c) => c.query('up'),
      expected: { url: 'http://prom:9090/api/v1/query', method: 'POST', headers: { accept: 'application/json', authorization: 'Bearer s3cret' }, form: { query: 'up', timeout: '4500ms' } },
    },
    {
      desc: 'basic auth',
      options: { auth: { kind: 'basic', username: 'reader', password: 'pä:ss' } },
      run: (c) => c.query('up'),
      expected: {
        url: 'http://prom:9090/api/v1/query',
        method: 'POST',
        headers: { accept: 'application/json', authorization: `Basic ${Buffer.from('reader:pä:ss').toString('base64')}` },
        form: { query: 'up', timeout: '4500ms' },
      },
    },
    {
      desc: 'credentials in the base URL become basic auth and leave the URL',
      options: { baseUrl: 'http://reader:p%40ss@prom:9090/' },
      run: (c) => c.query('up'),
      expected: {
        url: 'http://prom:9090/api/v1/query',
        method: 'POST',
        headers: { accept: 'application/json', authorization: `Basic ${Buffer.from('reader:p@ss').toString('base64')}` },
        form: { query: 'up', timeout: '4500ms' },
      },
    },
    {
      desc: 'a range query over an hour at a 15 s step',
      options: {},
      run: (c) => c.queryRange('up', 1_700_000_000_000, 1_700_003_600_000, 15_000),
      expected: {
        url: 'http://prom:9090/api/v1/query_range',
        method: 'POST',
        headers: { accept: 'application/json' },
        form: { query: 'up', start: '1700000000.000', end: '1700003600.000', step: '15.000', timeout: '4500ms' },
      },
    },
    {
      desc: 'a range query over a week at a 1 s step is widened to stay under 11,000 points',
      options: {},
      run: (c) => c.queryRange('up', 0, 7 * 24 * 3_600_000, 1_000),
      expected: {
        url: 'http://prom:9090/api/v1/query_range',
        method: 'POST',
        headers: { accept: 'application/json' },
        form: { query: 'up', start: '0.000', end: '604800.000', step: '54.982', timeout: '4500ms' },
      },
    },
  ];
  it.each(cases)('$desc', async ({ options, run, expected }) => {
    const { calls, fetch } = recordingFetch(() => new Response(EMPTY_MATRIX));
    await run(client(options, fetch));
    expect(calls).toEqual([expected]);
  });

  it('reports the step it used', async () => {
    const { fetch } = recordingFetch(() => new Response(EMPTY_MATRIX));
    expect(await client({}, fetch).queryRange('up', 0, 7 * 24 * 3_600_000, 1_000)).toMatchObject({ ok: true, stepMs: 54_982 });
  });

  it('sends nothing for an invalid range', async () => {
    const { calls, fetch } = recordingFetch();
    const outcome = await client({}, fetch).queryRange('up', 10_000, 5_000, 1_000);
    expect(outcome).toMatchObject({ ok: false, error: { type: 'invalid-range', reason: 'end-before-start' } });
    expect(calls).toEqual([]);
  });
});

describe('HttpPrometheusClient: configuration', () => {
  const cases = [
    { desc: 'credentials both in the URL and in auth', options: { baseUrl: 'http://a:b@prom:9090', auth: { kind: 'bearer', token: 't' } }, expected: /credentials in it and auth is also set/ },
    { desc: 'not a URL, without echoing it', options: { baseUrl: '127.0.0.1:hunter2@9090' }, expected: /^Prometheus URL is not an absolute URL/ },
    { desc: 'not http', options: { baseUrl: 'ftp://prom' }, expected: /must be http or https, got ftp:/ },
    { desc: 'a zero timeout', options: { timeoutMs: 0 }, expected: /positive number of ms/ },
  ] as const;
  it.each(cases)('rejects $desc', ({ options, expected }) => {
    expect(() => client(options as Partial<HttpPrometheusClientOptions>, recordingFetch().fetch)).toThrow(expected);
  });

  it('never puts a password in an error message', () => {
    expect(() => client({ baseUrl: '127.0.0.1:hunter2@9090' }, recordingFetch().fetch)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});

describe('HttpPrometheusClient: answers become outcomes', () => {
  const cases = [
    {
      desc: 'a rejected fetch becomes unreachable with the URL, without credentials',
      respond: () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })),
      expected: { ok: false, error: { type: 'unreachable', reason: 'connection-refused', url: 'http://prom:9090/api/v1/query', message: 'connection refused by http://prom:9090/api/v1/query: connect ECONNREFUSED' } },
    },
    {
      desc: 'a body that times out while being read is a timeout',
      respond: () => ({ status: 200, text: () => Promise.reject(new DOMException('aborted', 'TimeoutError')) }) as unknown as Response,
      expected: { ok: false, error: { type: 'unreachable', reason: 'timeout', message: 'no answer from http://prom:9090/api/v1/query within 5000 ms' } },
    },
    {
      desc: "Prometheus's own 400 keeps errorType and message",
      respond: () => new Response(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }), { status: 400 }),
      expected: { ok: false, error: { type: 'bad-data', errorType: 'bad_data', message: 'parse error' } },
    },
    {
      desc: "a proxy's 502",
      respond: () => new Response('Bad Gateway', { status: 502 }),
      expected: { ok: false, error: { type: 'http', status: 502 } },
    },
  ];
  it.each(cases)('$desc', async ({ respond, expected }) => {
    const { fetch } = recordingFetch(respond);
    const outcome = await client({ baseUrl: 'http://reader:hunter2@prom:9090' }, fetch).query('up');
    expect(outcome).toMatchObject(expected);
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
  });
});

describe('HttpPrometheusClient against real sockets', () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  async function listen(handler: http.RequestListener): Promise<string> {
    server = http.createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('a closed port is connection-refused', async () => {
    const url = await listen(() => {});
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    expect(await new HttpPrometheusClient({ baseUrl: url }).query('up')).toMatchObject({ ok: false, error: { type: 'unreachable', reason: 'connection-refused', url: `${url}/api/v1/query` } });
  });

  it('a server that never answers is a timeout after timeoutMs', async () => {
    const url = await listen(() => {});
    const outcome = await new HttpPrometheusClient({ baseUrl: url, timeoutMs: 200 }).query('up');
    expect(outcome).toMatchObject({ ok: false, error: { type: 'unreachable', reason: 'timeout' } });
  });

  it('a server that drops the connection is connection-reset', async () => {
    const url = await listen((request) => request.socket.destroy());
    expect(await new HttpPrometheusClient({ baseUrl: url }).query('up')).toMatchObject({ ok: false, error: { type: 'unreachable', reason: 'connection-reset' } });
  });

  it('sends the form body a Prometheus would read', async () => {
    let received = '';
    const url = await listen((request, response) => {
      request.on('data', (chunk: Buffer) => (received += chunk.toString()));
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(EMPTY_VECTOR));
    });
    const longQuery = `sum(${'x + '.repeat(5_000)}1)`;
    expect(await new HttpPrometheusClient({ baseUrl: url }).query(longQuery)).toMatchObject({ ok: true });
    expect(new URLSearchParams(received).get('query')).toBe(longQuery);
  });
});
