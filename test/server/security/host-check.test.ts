import { describe, expect, it } from 'vitest';
import { checkHost, parseHostHeader, type HostPolicy } from '../../../server/security/host-check';

const loopback: HostPolicy = { boundHost: '127.0.0.1', publicUrl: 'http://127.0.0.1:19300', allowedHosts: [] };
const proxied: HostPolicy = { boundHost: '0.0.0.0', publicUrl: 'https://pipewatch.example.com', allowedHosts: ['tools.internal:8080', 'alias.example.com'] };

describe('checkHost', () => {
  it.each([
    { desc: 'the bound address', policy: loopback, host: '127.0.0.1:19300', ok: true },
    { desc: 'another IPv4 literal', policy: loopback, host: '10.0.0.5:19300', ok: true },
    { desc: 'an IPv6 literal', policy: loopback, host: '[::1]:19300', ok: true },
    { desc: 'localhost', policy: loopback, host: 'localhost:19300', ok: true },
    { desc: 'LOCALHOST in capitals', policy: loopback, host: 'LOCALHOST', ok: true },
    { desc: 'no Host at all', policy: loopback, host: undefined, ok: true },
    { desc: 'a rebound name', policy: loopback, host: 'rebind.evil.example:19300', ok: false },
    { desc: 'a name ending in localhost', policy: loopback, host: 'localhost.evil.example', ok: false },
    { desc: 'garbage', policy: loopback, host: 'a b', ok: false },
    { desc: "publicUrl's host behind a proxy", policy: proxied, host: 'pipewatch.example.com', ok: true },
    { desc: "publicUrl's host with a trailing dot", policy: proxied, host: 'pipewatch.example.com.', ok: true },
    { desc: 'an allowed name on any port', policy: proxied, host: 'alias.example.com:9999', ok: true },
    { desc: 'an allowed host:port', policy: proxied, host: 'tools.internal:8080', ok: true },
    { desc: 'an allowed name on another port', policy: proxied, host: 'tools.internal:8081', ok: false },
    { desc: 'a subdomain of publicUrl', policy: proxied, host: 'x.pipewatch.example.com', ok: false },
  ])('$desc: $ok', ({ policy, host, ok }) => {
    const decision = checkHost(host, policy);
    expect(decision.ok).toBe(ok);
    if (!decision.ok) {
      expect(decision.status).toBe(421);
      expect(decision.message).toContain('server.allowedHosts');
    }
  });

  it.each([
    { input: 'Example.COM:80', expected: { name: 'example.com', port: '80' } },
    { input: '[::1]', expected: { name: '::1', port: null } },
    { input: 'a:b:c', expected: null },
    { input: '', expected: null },
  ])('parseHostHeader($input)', ({ input, expected }) => {
    expect(parseHostHeader(input)).toEqual(expected);
  });
});
