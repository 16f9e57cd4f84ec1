/**
 * GET, POST or DELETE JSON from Pipewatch's own HTTP API. A non-2xx answer throws with the server's
 * `error` text verbatim: the screens show it as it came.
 */
export async function fetchJson<T>(path: string, init?: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; signal?: AbortSignal; fetchFn?: typeof fetch }): Promise<T> {
  const response = await (init?.fetchFn ?? fetch)(path, {
    method: init?.method ?? 'GET',
    headers: init?.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init?.signal,
    cache: 'no-store',
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 300) || response.statusText}`);
  }
  if (!response.ok) {
    const message = json && typeof json === 'object' && typeof (json as { error?: unknown }).error === 'string' ? (json as { error: string }).error : `HTTP ${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return json as T;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A text answer (the postmortem's Markdown); a non-2xx answer throws with the server's `error` text. */
export async function fetchText(path: string, init?: { signal?: AbortSignal; fetchFn?: typeof fetch }): Promise<string> {
  const response = await (init?.fetchFn ?? fetch)(path, { headers: { accept: 'text/markdown, text/plain, application/json' }, signal: init?.signal, cache: 'no-store' });
  const text = await response.text();
  if (response.ok) return text;
  let message = `HTTP ${response.status} ${response.statusText}`;
  try {
    const json = JSON.parse(text) as { error?: unknown };
    if (typeof json.error === 'string') message = json.error;
  } catch {
    // Not JSON: the status line says enough.
  }
  throw new ApiError(response.status, message);
}
