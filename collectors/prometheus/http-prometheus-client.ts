import { classifyFetchFailure } from './classify-fetch-failure';
import { parseHttpAnswer } from './parse-http-answer';
import type { ClientQueryOutcome, ClientRangeOutcome, PrometheusClient } from '../../lib/signals/prometheus-client';
import { rangeQueryStep } from '../../lib/signals/range-query-step';

export type PrometheusAuth = { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

export interface HttpPrometheusClientOptions {
  /** e.g. http://127.0.0.1:19090 or https://metrics.example/prometheus; user:password in it becomes basic auth. */
  baseUrl: string;
  /** Per request, connecting and reading the body included. */
  timeoutMs?: number;
  auth?: PrometheusAuth;
  fetch?: typeof fetch;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
// Prometheus gets a little less time than the client, so a slow query comes back as its own
// `timeout` error naming the phase instead of an abort on our side, and stops using its CPU.
const SERVER_TIMEOUT_SHARE = 0.9;

/**
 * The Prometheus HTTP API over fetch. Queries are POSTed form-encoded so long PromQL never meets
 * a URL length limit. https://prometheus.io/docs/prometheus/latest/querying/api/#expression-queries
 * Credentials live in a private field and never appear in an outcome: URLs in messages are
 * stripped of user info.
 */
export class HttpPrometheusClient implements PrometheusClient {
  readonly #fetch: typeof fetch;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #timeoutMs: number;
  readonly #queryUrl: string;
  readonly #rangeUrl: string;

  constructor(options: HttpPrometheusClientOptions) {
    const { base, urlAuth } = parseBaseUrl(options.baseUrl);
    if (urlAuth !== undefined && options.auth !== undefined) {
      throw new Error(`Prometheus URL ${base.href} has credentials in it and auth is also set: give one of them`);
    }
    const auth = options.auth ?? urlAuth;
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (!(this.#timeoutMs > 0) || !Number.isFinite(this.#timeoutMs)) {
      throw new RangeError(`Prometheus request timeout must be a positive number of ms, got ${options.timeoutMs}`);
    }
    this.#headers = { accept: 'application/json', ...(auth === undefined ? {} : { authorization: authorizationHeader(auth) }) };
    this.#queryUrl = new URL('api/v1/query', base).href;
    this.#rangeUrl = new URL('api/v1/query_range', base).href;
  }

  query(promql: string, options: { timeMs?: number } = {}): Promise<ClientQueryOutcome> {
    const form = new URLSearchParams({ query: promql, timeout: this.#serverTimeout() });
    if (options.timeMs !== undefined) form.set('time', formatUnixSeconds(options.timeMs));
    return this.#post(this.#queryUrl, form);
  }

  async queryRange(promql: string, startMs: number, endMs: number, minStepMs: number): Promise<ClientRangeOutcome> {
    const step = rangeQueryStep(startMs, endMs, minStepMs);
    if (step.kind === 'invalid') {
      const message = `range query not sent: ${step.reason} (start ${startMs} ms, end ${endMs} ms, step ${minStepMs} ms)`;
      return { ok: false, error: { type: 'invalid-range', reason: step.reason, message }, warnings: [], infos: [] };
    }
    const form = new URLSearchParams({
      query: promql,
      start: formatUnixSeconds(startMs),
      end: formatUnixSeconds(endMs),
      step: formatUnixSeconds(step.stepMs),
      timeout: this.#serverTimeout(),
    });
    const outcome = await this.#post(this.#rangeUrl, form);
    return outcome.ok ? { ...outcome, stepMs: step.stepMs } : outcome;
  }

  async #post(url: string, form: URLSearchParams): Promise<ClientQueryOutcome> {
    try {
      const response = await this.#fetch(url, {
        method: 'POST',
        headers: this.#headers,
        body: form,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      return parseHttpAnswer(response.status, await response.text(), url);
    } catch (error) {
      return { ok: false, error: classifyFetchFailure(error, url, this.#timeoutMs), warnings: [], infos: [] };
    }
  }

  #serverTimeout(): string {
    return `${Math.max(1, Math.floor(this.#timeoutMs * SERVER_TIMEOUT_SHARE))}ms`;
  }
}

function parseBaseUrl(raw: string): { base: URL; urlAuth: PrometheusAuth | undefined } {
  let base: URL;
  try {
    base = new URL(raw);
  } catch {
    // The raw text may hold a password; say only what is wrong with it.
    throw new Error('Prometheus URL is not an absolute URL (expected e.g. http://127.0.0.1:19090)');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`Prometheus URL must be http or https, got ${base.protocol}`);
  }
  const urlAuth: PrometheusAuth | undefined =
    base.username === '' && base.password === ''
      ? undefined
      : { kind: 'basic', username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) };
  base.username = '';
  base.password = '';
  base.search = '';
  base.hash = '';
  // Without a trailing slash, new URL('api/v1/query', base) would drop the last path segment.
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  return { base, urlAuth };
}

function authorizationHeader(auth: PrometheusAuth): string {
  switch (auth.kind) {
    case 'bearer':
      return `Bearer ${auth.token}`;
    case 'basic':
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
    default: {
      const unknown: never = auth;
      throw new Error(`unknown Prometheus auth kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
    }
  }
}

/** Epoch ms → the API's unix seconds with millisecond decimals. */
function formatUnixSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
