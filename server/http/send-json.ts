import type { ServerResponse } from 'node:http';

/** Every JSON answer Pipewatch sends: never cached, since each one is the state of now. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
