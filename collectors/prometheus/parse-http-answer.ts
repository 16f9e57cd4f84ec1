import type { ClientQueryOutcome } from '../../lib/signals/prometheus-client';
import { parseQueryResponse } from './parse-response';

const BODY_EXCERPT_CHARS = 200;

/**
 * Turns an HTTP answer from a query endpoint into an outcome. Prometheus answers its own errors
 * (400 bad_data, 422 execution, 503 timeout/unavailable) with a JSON body, kept as a QueryError;
 * any other non-2xx answer (a proxy's 502 page, an auth gateway's 401) is an `http` error.
 * `url` must already be free of credentials.
 */
export function parseHttpAnswer(status: number, body: string, url: string): ClientQueryOutcome {
  const json = parseJson(body);
  const isSuccessStatus = status >= 200 && status < 300;
  if (isSuccessStatus) {
    if (json === undefined) {
      return failed({ type: 'bad-response', message: `response: expected JSON, got ${excerpt(body)}` });
    }
    return parseQueryResponse(json);
  }
  if (json !== undefined) {
    const outcome = parseQueryResponse(json);
    if (!outcome.ok && outcome.error.type !== 'bad-response') return outcome;
  }
  return failed({ type: 'http', status, url, message: `HTTP ${status} from ${url}: ${excerpt(body)}` });
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function failed(error: Extract<ClientQueryOutcome, { ok: false }>['error']): ClientQueryOutcome {
  return { ok: false, error, warnings: [], infos: [] };
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat === '') return 'an empty body';
  return JSON.stringify(flat.length > BODY_EXCERPT_CHARS ? `${flat.slice(0, BODY_EXCERPT_CHARS)}…` : flat);
}
