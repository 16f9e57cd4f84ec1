import { SILENT_LOGGER } from '../../../lib/log/logger';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentStore } from '../../../lib/incidents/incident-store';
import { notificationOf } from '../../../lib/notify/notification';
import { buildNotifyTargets } from '../../../lib/notify/notify-targets';
import { openStore } from '../../../collectors/store/open-store';
import { createOutboxSender } from '../../../server/leadership/outbox-sender';
import { eventually } from '../../support/eventually';
import { changesFor } from '../../lib/notify/incident-changes';

/** The outbox on a real SQLite store, sent to a real receiver that answers the first request slowly. */
const dir = mkdtempSync(join(tmpdir(), 'pipewatch-outbox-'));
let store: IncidentStore;
let server: http.Server;
let url: string;
const received: { event: string; id: string }[] = [];
let slowFirstMs = 0;

beforeAll(async () => {
  const opened = await openStore({ kind: 'sqlite', path: join(dir, 'outbox.sqlite') });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.store;
  server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(text) as { event: string; incident: { id: string } };
      received.push({ event: body.event, id: body.incident.id });
      const delayMs = received.length === 1 ? slowFirstMs : 0;
      setTimeout(() => response.writeHead(200).end('ok'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await store.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

function sender() {
  const targets = buildNotifyTargets({ webhooks: [{ name: 'hook', url, events: ['opened', 'escalated', 'resolved'] }], slack: [] }, 'https://pipewatch.example.com');
  return createOutboxSender({ store, log: SILENT_LOGGER, notifier: { targets, retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 }, attemptTimeoutMs: 5_000 } });
}

describe('the outbox sender', () => {
  it('sends what is due once, settles it, and leaves what a halted sender had not delivered to the next one', async () => {
    const changes = [...changesFor(['sink-unavailable', 'healthy', 'healthy'], 'orders'), ...changesFor(['sink-unavailable'], 'payments')];
    await store.recordChanges(changes);
    const deliveries = changes.flatMap((c) => {
      const notification = notificationOf(c);
      return notification === null ? [] : [{ targetId: 'hook', notification }];
    });
    expect(deliveries.map((d) => d.notification.event)).toEqual(['opened', 'resolved', 'opened']);
    await store.enqueueNotifications(deliveries.slice(0, 2));

    const first = sender();
    first.begin();
    await first.drain();
    await eventually(async () => expect(await store.pendingNotifications(10)).toEqual([]));
    await first.drain();
    expect(received.map((r) => r.event)).toEqual(['opened', 'resolved']);

    // The next notification's receiver is slow: the leader loses its lease with it in flight.
    received.length = 0;
    slowFirstMs = 1_000;
    await store.enqueueNotifications(deliveries.slice(2));
    await first.drain();
    await eventually(() => expect(received).toHaveLength(1));
    first.halt();
    await first.drain();
    expect(await store.pendingNotifications(10)).toHaveLength(1);

    const next = sender();
    next.begin();
    slowFirstMs = 0;
    await next.drain();
    await eventually(async () => expect(await store.pendingNotifications(10)).toEqual([]));
    // In flight when halted: it reached the receiver and comes again, the one repeat docs/store.md names.
    expect(received.map((r) => `${r.event} ${r.id}`)).toEqual([`opened ${deliveries[2]!.notification.incident.id}`, `opened ${deliveries[2]!.notification.incident.id}`]);
    next.halt();
  });
});
