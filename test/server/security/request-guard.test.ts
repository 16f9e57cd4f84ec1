import { describe, expect, it } from 'vitest';
import type { HostPolicy } from '../../../server/security/host-check';
import { checkWriteRequest, isStateChanging, type WriteRequestHeaders } from '../../../server/security/request-guard';

const loopback: HostPolicy = { boundHost: '127.0.0.1', publicUrl: 'http://127.0.0.1:19300', allowedHosts: [] };
const proxied: HostPolicy = { boundHost: '0.0.0.0', publicUrl: 'https://pipewatch.example.com', allowedHosts: ['ops.example.com'] };
const ownPage: WriteRequestHeaders = { method: 'POST', host: '127.0.0.1:19300', origin: 'http://127.0.0.1:19300', secFetchSite: 'same-origin', contentType: 'application/json', hasBody: true };
const script: WriteRequestHeaders = { method: 'POST', host: '127.0.0.1:19300', origin: undefined, secFetchSite: undefined, contentType: 'application/json', hasBody: true };

describe('checkWriteRequest', () => {
  it.each([
    { desc: "the dashboard's own fetch", policy: loopback, request: ownPage, status: null },
    { desc: 'a script with JSON', policy: loopback, request: script, status: null },
    { desc: 'JSON with a charset', policy: loopback, request: { ...script, contentType: 'Application/JSON; charset=utf-8' }, status: null },
    { desc: 'a DELETE without a body or type', policy: loopback, request: { ...script, method: 'DELETE', contentType: undefined, hasBody: false }, status: null },
    { desc: 'text/plain (a no-cors fetch or a form)', policy: loopback, request: { ...script, contentType: 'text/plain' }, status: 415, message: 'Content-Type must be application/json' },
    { desc: 'a body without a type', policy: loopback, request: { ...script, contentType: undefined }, status: 415, message: 'got none' },
    { desc: 'form-urlencoded', policy: loopback, request: { ...script, contentType: 'application/x-www-form-urlencoded' }, status: 415, message: 'application/json' },
    { desc: 'a look-alike type', policy: loopback, request: { ...script, contentType: 'application/jsonp' }, status: 415, message: 'application/json' },
    { desc: 'a foreign Origin', policy: loopback, request: { ...ownPage, origin: 'http://evil.example', secFetchSite: undefined }, status: 403, message: 'Origin "http://evil.example"' },
    { desc: 'another port of the same host', policy: loopback, request: { ...ownPage, origin: 'http://127.0.0.1:4444', secFetchSite: undefined }, status: 403, message: 'Origin' },
    { desc: 'Origin null', policy: loopback, request: { ...ownPage, origin: 'null', secFetchSite: undefined }, status: 403, message: 'Origin "null"' },
    { desc: 'Sec-Fetch-Site same-site (another port)', policy: loopback, request: { ...ownPage, secFetchSite: 'same-site' }, status: 403, message: 'Sec-Fetch-Site "same-site"' },
    { desc: 'Sec-Fetch-Site cross-site', policy: loopback, request: { ...ownPage, secFetchSite: 'cross-site' }, status: 403, message: 'same-origin or none' },
    { desc: 'Sec-Fetch-Site none (typed into the address bar)', policy: loopback, request: { ...ownPage, secFetchSite: 'none' }, status: null },
    { desc: 'a rebound Host', policy: loopback, request: { ...script, host: 'rebind.evil.example:19300' }, status: 421, message: 'server.allowedHosts' },
    {
      desc: 'a proxy that ends TLS and keeps Host',
      policy: proxied,
      request: { ...ownPage, host: 'pipewatch.example.com', origin: 'https://pipewatch.example.com' },
      status: null,
    },
    { desc: 'a proxy that rewrites Host to the backend', policy: proxied, request: { ...ownPage, host: '10.1.2.3:19300', origin: 'https://pipewatch.example.com' }, status: null },
    { desc: 'a page on an allowed host', policy: proxied, request: { ...ownPage, host: '10.1.2.3:19300', origin: 'https://ops.example.com' }, status: null },
    { desc: 'http:// of publicUrl through a rewriting proxy', policy: proxied, request: { ...ownPage, host: '10.1.2.3:19300', origin: 'http://pipewatch.example.com' }, status: 403, message: 'Origin' },
  ])('$desc → $status', ({ policy, request, status, message }) => {
    const decision = checkWriteRequest(request, policy);
    expect(decision.ok ? null : decision.status).toBe(status);
    if (!decision.ok) expect(decision.message).toContain(message);
  });

  it.each([
    { method: 'GET', expected: false },
    { method: 'HEAD', expected: false },
    { method: 'OPTIONS', expected: false },
    { method: 'POST', expected: true },
    { method: 'delete', expected: true },
    { method: 'PATCH', expected: true },
  ])('isStateChanging($method)', ({ method, expected }) => {
    expect(isStateChanging(method)).toBe(expected);
  });
});
