import { describe, expect, it } from 'vitest';
import { classifyFetchFailure } from '../../../collectors/prometheus/classify-fetch-failure';

const URL = 'http://prom:9090/api/v1/query';
const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });
const withCode = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('classifyFetchFailure', () => {
  const cases = [
    {
      desc: 'AbortSignal.timeout fired',
      input: new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      expected: { type: 'unreachable', reason: 'timeout', url: URL, message: `no answer from ${URL} within 2500 ms` },
    },
    {
      desc: 'connection refused',
      input: fetchFailed(withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:9090')),
      expected: { type: 'unreachable', reason: 'connection-refused', url: URL, message: `connection refused by ${URL}: connect ECONNREFUSED 10.0.0.1:9090` },
    },
    {
      desc: 'every address refused (happy eyeballs): the code is on the inner errors',
      input: fetchFailed(new AggregateError([withCode('ECONNREFUSED', 'connect ECONNREFUSED ::1:9090'), withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9090')], '')),
      expected: {
        type: 'unreachable',
        reason: 'connection-refused',
        url: URL,
        message: `connection refused by ${URL}: connect ECONNREFUSED ::1:9090; connect ECONNREFUSED 127.0.0.1:9090`,
      },
    },
    {
      desc: 'unknown host',
      input: fetchFailed(withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND prom')),
      expected: { type: 'unreachable', reason: 'dns', url: URL, message: `cannot resolve the host of ${URL}: getaddrinfo ENOTFOUND prom` },
    },
    {
      desc: 'undici connect timeout',
      input: fetchFailed(withCode('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error')),
      expected: { type: 'unreachable', reason: 'timeout', url: URL, message: `timed out connecting to ${URL}: Connect Timeout Error` },
    },
    {
      desc: 'peer closed the socket',
      input: fetchFailed(withCode('UND_ERR_SOCKET', 'other side closed')),
      expected: { type: 'unreachable', reason: 'connection-reset', url: URL, message: `connection closed by ${URL}: other side closed` },
    },
    {
      desc: 'bad certificate',
      input: fetchFailed(withCode('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate')),
      expected: { type: 'unreachable', reason: 'tls', url: URL, message: `TLS handshake failed with ${URL}: self-signed certificate` },
    },
    {
      desc: 'an unknown cause stays a network error with its message',
      input: fetchFailed(new Error('bad port')),
      expected: { type: 'unreachable', reason: 'network', url: URL, message: `request failed to ${URL}: bad port` },
    },
    {
      desc: 'something that is not even an Error',
      input: 'boom',
      expected: { type: 'unreachable', reason: 'network', url: URL, message: `request failed to ${URL}: boom` },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(classifyFetchFailure(input, URL, 2_500)).toEqual(expected));
});
