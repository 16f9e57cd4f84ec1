import type { IncomingMessage } from 'node:http';
import { ALERTMANAGER_MAX_BODY_BYTES } from '../../lib/alerting/parse-alertmanager-payload';

// Alertmanager's grouped payloads are the largest bodies the API takes.
const MAX_BODY_BYTES = ALERTMANAGER_MAX_BODY_BYTES;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; error: string };

/** The request's JSON body, refused past MAX_BODY_BYTES; undefined for GET, HEAD and empty bodies. */
export async function readJsonBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<BodyResult> {
  if (request.method === 'GET' || request.method === 'HEAD') return { ok: true, value: undefined };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return { ok: false, status: 413, error: `body larger than ${maxBytes} bytes` };
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch (error) {
    return { ok: false, status: 400, error: `body is not JSON: ${(error as Error).message}` };
  }
}
