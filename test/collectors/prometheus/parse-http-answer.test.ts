import { describe, expect, it } from 'vitest';
import { parseHttpAnswer } from '../../../collectors/prometheus/parse-http-answer';
import type { ClientQueryOutcome } from '../../../lib/signals/prometheus-client';

const URL = 'http://prom:9090/api/v1/query';
const promError = (errorType: string, error: string) => JSON.stringify({ status: 'error', errorType, error });

describe('parseHttpAnswer', () => {
  const cases: { desc: string; status: number; body: string; expected: ClientQueryOutcome }[] = [
    {
      desc: '200 with a vector',
      status: 200,
      body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { consumer_group: 'g' }, value: [1700000000.5, '2.5'] }] } }),
      expected: {
        ok: true,
        result: { kind: 'vector', samples: [{ labels: { consumer_group: 'g' }, timestampMs: 1_700_000_000_500, value: 2.5 }], histogramSamples: [] },
        warnings: [],
        infos: [],
      },
    },
    {
      desc: '400 bad_data from Prometheus keeps its type and message',
      status: 400,
      body: promError('bad_data', 'invalid parameter "query": 1:17: parse error: unexpected <by> in aggregation'),
      expected: {
        ok: false,
        error: { type: 'bad-data', errorType: 'bad_data', message: 'invalid parameter "query": 1:17: parse error: unexpected <by> in aggregation' },
        warnings: [],
        infos: [],
      },
    },
    {
      desc: '422 execution error',
      status: 422,
      body: promError('execution', 'found duplicate series for the match group'),
      expected: { ok: false, error: { type: 'execution', errorType: 'execution', message: 'found duplicate series for the match group' }, warnings: [], infos: [] },
    },
    {
      desc: '503 query timeout from Prometheus',
      status: 503,
      body: promError('timeout', 'query timed out in expression evaluation'),
      expected: { ok: false, error: { type: 'timeout', errorType: 'timeout', message: 'query timed out in expression evaluation' }, warnings: [], infos: [] },
    },
    {
      desc: "a proxy's 502 HTML page is an http error with an excerpt",
      status: 502,
      body: '<html>\n  <body>Bad Gateway</body>\n</html>',
      expected: { ok: false, error: { type: 'http', status: 502, url: URL, message: `HTTP 502 from ${URL}: "<html> <body>Bad Gateway</body> </html>"` }, warnings: [], infos: [] },
    },
    {
      desc: 'a 401 with JSON that is not a Prometheus body is an http error',
      status: 401,
      body: '{"message":"invalid token"}',
      expected: { ok: false, error: { type: 'http', status: 401, url: URL, message: `HTTP 401 from ${URL}: "{\\"message\\":\\"invalid token\\"}"` }, warnings: [], infos: [] },
    },
    {
      desc: 'a 503 with an empty body',
      status: 503,
      body: '',
      expected: { ok: false, error: { type: 'http', status: 503, url: URL, message: `HTTP 503 from ${URL}: an empty body` }, warnings: [], infos: [] },
    },
    {
      desc: 'a 200 login page is a bad response',
      status: 200,
      body: '<!doctype html><title>Sign in</title>',
      expected: { ok: false, error: { type: 'bad-response', message: 'response: expected JSON, got "<!doctype html><title>Sign in</title>"' }, warnings: [], infos: [] },
    },
    {
      desc: 'a 200 with JSON of the wrong shape is a bad response naming the field',
      status: 200,
      body: '{"status":"success","data":{"resultType":"vector","result":{}}}',
      expected: { ok: false, error: { type: 'bad-response', message: 'data.result: expected an array of samples, got an object' }, warnings: [], infos: [] },
    },
  ];
  it.each(cases)('$desc', ({ status, body, expected }) => expect(parseHttpAnswer(status, body, URL)).toEqual(expected));

  it('cuts a long body to an excerpt', () => {
    const outcome = parseHttpAnswer(500, 'x'.repeat(10_000), URL);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message.length).toBeLessThan(300);
  });
});
