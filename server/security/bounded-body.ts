import type { IncomingMessage } from 'node:http';
import { ALERTMANAGER_MAX_BODY_BYTES } from '../../lib/alerting/parse-alertmanager-payload';

/**
 * API bodies, read within a limit per route before anything is parsed: people's actions are a few
 * lines of text; only Alertmanager's grouped payloads are large. Nesting is bounded before
 * JSON.parse, which would otherwise build a deep tree from megabytes of brackets.
 */
export const ACTION_MAX_BODY_BYTES = 16 * 1024;
export const MAX_JSON_DEPTH = 32;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; error: string };

export function bodyLimitFor(segments: readonly string[]): number {
  return segments[0] === 'alertmanager' && segments.length === 1 ? ALERTMANAGER_MAX_BODY_BYTES : ACTION_MAX_BODY_BYTES;
}

export async function readApiBody(request: IncomingMessage, segments: readonly string[]): Promise<BodyResult> {
  if (request.method === 'GET' || request.method === 'HEAD') return { ok: true, value: undefined };
  const limit = bodyLimitFor(segments);
  const tooLarge = { ok: false, status: 413, error: `body larger than ${limit} bytes` } as const;
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return tooLarge;
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return { ok: true, value: undefined };
  const text = Buffer.concat(chunks).toString('utf8');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) return { ok: false, status: 400, error: `body nests deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, status: 400, error: `body is not JSON: ${(error as Error).message}` };
  }
}

/** Brackets outside strings, counted without parsing: linear time, no allocation. */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
