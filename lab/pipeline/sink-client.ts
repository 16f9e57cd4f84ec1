/** The outcome of one write attempt against the feature-store sink. */
export type SinkResult =
  | { kind: 'applied'; outcome: 'written' | 'duplicate' | 'stale' }
  | { kind: 'permanent'; statusCode: string; reason: 'business-rule'; detail: string }
  | { kind: 'transient'; statusCode: string; retryAfterMs: number | null; detail: string };

export interface SinkClient {
  /** Never throws: network failures and timeouts come back as transient results. */
  put(entityId: string, eventJson: string): Promise<SinkResult>;
  isHealthy(): Promise<boolean>;
}

export interface HttpSinkClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Client for the lab sink's HTTP API (lab/pipeline/sink-server.ts). */
export function createHttpSinkClient(options: HttpSinkClientOptions): SinkClient {
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 2_000;
  return {
    async put(entityId, eventJson) {
      try {
        const response = await fetchFn(`${options.baseUrl}/features/${encodeURIComponent(entityId)}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: eventJson,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        return classifySinkResponse(response.status, parseJson(text), response.headers.get('retry-after'));
      } catch (error) {
        return classifySinkFailure(error);
      }
    },
    async isHealthy() {
      try {
        const response = await fetchFn(`${options.baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
        await response.arrayBuffer();
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}

export function classifySinkResponse(status: number, body: unknown, retryAfter: string | null): SinkResult {
  if (status >= 200 && status < 300) {
    const reason = isObject(body) && body.applied === false ? body.reason : undefined;
    return { kind: 'applied', outcome: reason === 'duplicate' || reason === 'stale' ? reason : 'written' };
  }
  const detail = isObject(body) && typeof body.detail === 'string' ? body.detail : `HTTP ${status}`;
  if (status === 400 || status === 422) {
    return { kind: 'permanent', statusCode: String(status), reason: 'business-rule', detail };
  }
  // Other 4xx (404, 401...) mean a misconfigured sink, not a bad record: dead-lettering would empty
  // the topic into the DLQ, so they are retried and end in a pause that an operator will see.
  return { kind: 'transient', statusCode: String(status), retryAfterMs: parseRetryAfterMs(retryAfter), detail };
}

export function classifySinkFailure(error: unknown): SinkResult {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'transient', statusCode: 'timeout', retryAfterMs: null, detail: 'sink request timed out' };
  }
  const code = errorCode(error);
  const statusCode =
    code === 'ECONNREFUSED'
      ? 'connection_refused'
      : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE'
        ? 'connection_reset'
        : 'network_error';
  return { kind: 'transient', statusCode, retryAfterMs: null, detail: code ?? String(error) };
}

/** Retry-After as delta-seconds; the HTTP-date form is not used by the lab sink. */
export function parseRetryAfterMs(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim()) * 1_000;
}

/** undici wraps the socket error: fetch failed → cause { code: 'ECONNREFUSED' }. */
function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; isObject(current) && depth < 4; depth += 1) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
