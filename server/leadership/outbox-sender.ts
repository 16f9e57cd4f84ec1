import { createNotifier, type Notifier, type NotifierOptions, type TargetStats } from '../../collectors/notify/create-notifier';
import type { IncidentStore, OutboxOutcome } from '../../lib/incidents/incident-store';
import type { Logger } from '../../lib/log/logger';

export interface OutboxSenderOptions {
  store: Pick<IncidentStore, 'pendingNotifications' | 'settleNotification'>;
  /** Everything the notifier needs but the settlement callback, which is the sender's. */
  notifier: Omit<NotifierOptions, 'onSettled'>;
  log: Logger;
}

export interface OutboxSender {
  /** A new leadership term: a fresh notifier, and nothing of an earlier term's queues. */
  begin(): void;
  /** Hands every due notification of the outbox not already on its way to the notifier; a no-op while halted. */
  drain(): Promise<void>;
  /** Stops sending at once (leadership lost, shutdown): what was queued or in flight stays due for the next leader. */
  halt(): void;
  /**
   * For a shutdown: sends what the notifier holds (resolves first) for up to timeoutMs, and
   * marks in the store what was settled; what is left stays due for the next leader or start.
   */
  flush(timeoutMs: number): Promise<void>;
  stats(): TargetStats[];
}

/** Due rows read per drain: a backlog goes out over a few cycles rather than in one burst. */
const DRAIN_BATCH = 500;

/**
 * Sends the outbox: the leader's notifier, fed from the store. A row is settled after its delivery
 * (or after it was given up), so a leader that dies leaves what it had not sent to the next one.
 * The one window for a repeat: delivered, then the process died before the row was settled.
 */
export function createOutboxSender({ store, notifier: notifierOptions, log }: OutboxSenderOptions): OutboxSender {
  let notifier: Notifier | null = null;
  /** `${targetId}\u0000${key}` handed to the notifier this term and not yet settled in the store. */
  const onTheirWay = new Set<string>();
  /** Settled by the notifier, not yet in the store (the database was away): never handed over again. */
  const unsaved = new Map<string, { targetId: string; key: string; outcome: OutboxOutcome }>();

  async function save(id: string, targetId: string, key: string, outcome: OutboxOutcome): Promise<void> {
    try {
      await store.settleNotification(targetId, key, outcome);
      unsaved.delete(id);
    } catch (error) {
      if (!unsaved.has(id)) log.warn(`notifications: ${outcome} ${key} to ${targetId} not marked in the store (${(error as Error).message}); retrying`);
      unsaved.set(id, { targetId, key, outcome });
    }
  }

  return {
    begin() {
      notifier?.stop();
      onTheirWay.clear();
      const term = createNotifier({
        ...notifierOptions,
        onSettled: ({ targetId, notification }, outcome) => {
          if (notifier !== term) return;
          const id = `${targetId}\u0000${notification.key}`;
          onTheirWay.delete(id);
          unsaved.set(id, { targetId, key: notification.key, outcome });
          void save(id, targetId, notification.key, outcome);
        },
      });
      notifier = term;
    },
    async drain() {
      for (const [id, { targetId, key, outcome }] of [...unsaved]) await save(id, targetId, key, outcome);
      if (notifier === null) return;
      const term = notifier;
      const due = await store.pendingNotifications(DRAIN_BATCH);
      for (const delivery of due) {
        const id = `${delivery.targetId}\u0000${delivery.notification.key}`;
        if (notifier !== term || onTheirWay.has(id) || unsaved.has(id)) continue;
        const queued = term.enqueue(delivery);
        if (queued.kind === 'queued' || queued.kind === 'queued-dropping-oldest') onTheirWay.add(id);
        else if (queued.kind === 'unknown-target') void save(id, delivery.targetId, delivery.notification.key, 'failed');
      }
    },
    async flush(timeoutMs) {
      await notifier?.drain(timeoutMs);
      for (const [id, { targetId, key, outcome }] of [...unsaved]) await save(id, targetId, key, outcome);
    },
    halt() {
      notifier?.stop();
      notifier = null;
      onTheirWay.clear();
    },
    stats: () => notifier?.stats() ?? [],
  };
}
