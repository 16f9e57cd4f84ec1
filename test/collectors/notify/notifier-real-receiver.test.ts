import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier } from '../../../collectors/notify/create-notifier';
import { notificationOf } from '../../../lib/notify/notification';
import { buildNotifyTargets } from '../../../lib/notify/notify-targets';
import { buildWebhookBody } from '../../../lib/notify/webhook-body';
import { changesFor } from '../../lib/notify/incident-changes';
import { recordingLogger } from '../../support/recording-logger';

/** A real receiver on 127.0.0.1: 503 twice, then 200; it keeps every request it got. */
describe('createNotifier against a real HTTP receiver', () => {
  const received: { method: string; path: string; contentType: string | undefined; body: string; status: number }[] = [];
  let server: http.Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const status = received.length < 2 ? 503 : 200;
        received.push({ method: request.method ?? '', path: request.url ?? '', contentType: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8'), status });
        response.statusCode = status;
        response.end(status === 200 ? 'ok' : 'try later');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('retries through two 503s and delivers the documented body', async () => {
    const publicUrl = 'https://pipewatch.example.com';
    const targets = buildNotifyTargets({ webhooks: [{ name: 'receiver', url: `${baseUrl}/hooks/pipewatch?token=t`, events: ['opened', 'escalated', 'resolved'] }], slack: [] }, publicUrl);
    const { log, messages: lines } = recordingLogger();
    const notifier = createNotifier({ targets, log, retry: { maxAttempts: 5, initialDelayMs: 20, maxDelayMs: 100 }, attemptTimeoutMs: 2_000 });
    const notification = notificationOf(changesFor(['sink-unavailable'])[0]!)!;

    notifier.enqueue({ targetId: 'receiver', notification });
    await notifier.idle();

    expect({
      requests: received.map((r) => [r.method, r.path, r.contentType, r.status]),
      sameBodyEachTime: new Set(received.map((r) => r.body)).size,
      body: JSON.parse(received[2]!.body),
      stats: notifier.stats(),
      lines: lines.map((line) => line.replace(/retrying in \d+ ms/, 'retrying in N ms')),
    }).toEqual({
      requests: [
        ['POST', '/hooks/pipewatch?token=t', 'application/json', 503],
        ['POST', '/hooks/pipewatch?token=t', 'application/json', 503],
        ['POST', '/hooks/pipewatch?token=t', 'application/json', 200],
      ],
      sameBodyEachTime: 1,
      body: buildWebhookBody(notification, { publicUrl }),
      stats: [{ targetId: 'receiver', queued: 0, inFlight: false, delivered: 1, failed: 0, retries: 2, dropped: 0 }],
      lines: [
        'notify receiver: opened "fraud-features/sink-unavailable/1714564800000": HTTP 503 on attempt 1; retrying in N ms',
        'notify receiver: opened "fraud-features/sink-unavailable/1714564800000": HTTP 503 on attempt 2; retrying in N ms',
        'notify receiver: opened "fraud-features/sink-unavailable/1714564800000" delivered on attempt 3',
      ],
    });
    expect(JSON.parse(received[2]!.body)).toMatchObject({ version: 1, event: 'opened', incident: { id: 'fraud-features/sink-unavailable/1714564800000', type: 'sink-unavailable', severity: 'critical' } });
  });

  it('a refused connection is a network error, retried, then given up', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { log, messages: lines } = recordingLogger();
    const notifier = createNotifier({
      targets: buildNotifyTargets({ webhooks: [{ name: 'gone', url: `http://127.0.0.1:${port}/`, events: ['opened'] }], slack: [] }, 'http://127.0.0.1:19300'),
      log,
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10 },
    });
    notifier.enqueue({ targetId: 'gone', notification: notificationOf(changesFor(['slow-sink'])[0]!)! });
    await notifier.idle();
    expect(lines.at(-1)).toBe('notify gone: opened "fraud-features/slow-sink/1714564800000" not delivered: network error (fetch failed: ECONNREFUSED) on attempt 2 of 2');
  });
});
