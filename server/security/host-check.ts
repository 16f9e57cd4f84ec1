import { isIP } from 'node:net';

/**
 * Which Host headers this Pipewatch answers to. DNS rebinding points a name the attacker owns at
 * 127.0.0.1, so the browser sends that name as Host: IP literals and `localhost` cannot be
 * rebound and are always fine; names must be publicUrl's, the bound host's, or in allowedHosts.
 */
export interface HostPolicy {
  /** server.host: an address, or a name the operator chose to bind to. */
  boundHost: string;
  /** server.publicUrl, where people reach Pipewatch (a proxy's name when behind one). */
  publicUrl: string;
  /** server.allowedHosts: `name` (any port) or `name:port`, lower case. */
  allowedHosts: readonly string[];
}

export type HostDecision = { ok: true } | { ok: false; status: 421; message: string };

export interface ParsedHost {
  /** Lower case, without brackets or a trailing dot. */
  name: string;
  port: string | null;
}

export function parseHostHeader(value: string): ParsedHost | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!match) return null;
  const name = match[1]!.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  return name === '' ? null : { name, port: match[2] ?? null };
}

export function checkHost(hostHeader: string | undefined, policy: HostPolicy): HostDecision {
  // Rebinding always goes through a browser, and browsers always send Host.
  if (hostHeader === undefined) return { ok: true };
  const host = parseHostHeader(hostHeader);
  if (host !== null && isAllowedHost(host, policy)) return { ok: true };
  return {
    ok: false,
    status: 421,
    message: `this Pipewatch does not answer to the host ${JSON.stringify(hostHeader)}: a name reaching it must be publicUrl's host or listed in server.allowedHosts (PIPEWATCH_ALLOWED_HOSTS); IP addresses and localhost always work`,
  };
}

export function isAllowedHost(host: ParsedHost, policy: HostPolicy): boolean {
  if (isIP(host.name) !== 0 || host.name === 'localhost') return true;
  const bound = parseHostHeader(policy.boundHost);
  if (bound !== null && bound.name === host.name) return true;
  if (URL.canParse(policy.publicUrl) && new URL(policy.publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase() === host.name) return true;
  return policy.allowedHosts.some((entry) => {
    const allowed = parseHostHeader(entry);
    return allowed !== null && allowed.name === host.name && (allowed.port === null || allowed.port === host.port);
  });
}
