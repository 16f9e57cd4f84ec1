import type { Notification } from '../../lib/notify/notification';
import { decideAfterAttempt, describeOutcome, type AttemptOutcome, type RetryOptions } from '../../lib/notify/retry-policy';
import { assertNever } from '../../lib/assert-never';
import type { NotifyTarget } from '../../lib/notify/notify-targets';
import { orderForShutdown } from '../../lib/notify/order-for-shutdown';
import { SILENT_LOGGER, type Logger } from '../../lib/log/logger';

export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body?: { cancel(): Promise<void> } | null;
}

export type FetchLike = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<ResponseLike>;

/** Calls back after delayMs; the returned function cancels. */
export type SetTimer = (callback: () => void, delayMs: number) => () => void;

export interface NotifierOptions {
  targets: readonly NotifyTarget[];
  fetch?: FetchLike;
  setTimer?: SetTimer;
  random?: () => number;
  now?: () => number;
  log?: Logger;
  retry?: Partial<RetryOptions>;
  attemptTimeoutMs?: number;
  /** Notifications waiting per target, the one in flight not counted; past it the oldest waiting is dropped. */
  maxQueuedPerTarget?: number;
  /** Each notification's end: delivered, given up (failed), or dropped from a full queue; not called for those stop() cancels. */
  onSettled?: (delivery: { targetId: string; notification: Notification }, outcome: 'delivered' | 'failed' | 'dropped') => void;
}

export interface TargetStats {
  targetId: string;
  queued: number;
  inFlight: boolean;
  delivered: number;
  /** Given up: a 4xx, or every attempt failed. */
  failed: number;
  retries: number;
  /** Dropped from a full queue, a dead receiver's. */
  dropped: number;
}

export type EnqueueResult =
  | { kind: 'queued'; queued: number }
  /** Queued, and the oldest waiting notification was dropped to make room. */
  | { kind: 'queued-dropping-oldest'; dropped: Notification; droppedSoFar: number }
  | { kind: 'unknown-target' }
  | { kind: 'stopped' };

export interface Notifier {
  enqueue(delivery: { targetId: string; notification: Notification }): EnqueueResult;
  stats(): TargetStats[];
  /** Resolves when every queue is empty and nothing is in flight. */
  idle(): Promise<void>;
  /**
   * For a shutdown: moves resolves ahead in every queue (orderForShutdown), then waits until the
   * queues are empty or `timeoutMs` has passed; `stop()` afterwards drops and counts what is left.
   */
  drain(timeoutMs: number): Promise<'idle' | 'timed-out'>;
  /** Cancels waits and requests in flight; those and what was queued are dropped and counted. */
  stop(): void;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = { maxAttempts: 5, initialDelayMs: 1_000, maxDelayMs: 60_000, maxRetryAfterMs: 10 * 60_000 };
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_QUEUED_PER_TARGET = 100;

interface TargetQueue {
  target: NotifyTarget;
  waiting: Notification[];
  active: { cancel: () => void } | null;
  stats: TargetStats;
}

const defaultSetTimer: SetTimer = (callback, delayMs) => {
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
};

/**
 * Sends notifications, one at a time per target so a receiver sees them in order; a slow or dead
 * target holds up only its own queue, which is bounded by count.
 */
export function createNotifier({
  targets,
  fetch = globalThis.fetch,
  setTimer = defaultSetTimer,
  random = Math.random,
  now = Date.now,
  log = SILENT_LOGGER,
  retry,
  attemptTimeoutMs = DEFAULT_ATTEMPT_TIMEOUT_MS,
  maxQueuedPerTarget = DEFAULT_MAX_QUEUED_PER_TARGET,
  onSettled = () => {},
}: NotifierOptions): Notifier {
  const retryOptions: RetryOptions = { ...DEFAULT_RETRY_OPTIONS, ...retry };
  const queues = new Map<string, TargetQueue>(
    targets.map((target) => [target.id, { target, waiting: [], active: null, stats: { targetId: target.id, queued: 0, inFlight: false, delivered: 0, failed: 0, retries: 0, dropped: 0 } }]),
  );
  let stopped = false;
  let idleWaiters: (() => void)[] = [];

  function checkIdle(): void {
    if (![...queues.values()].every((q) => q.active === null && q.waiting.length === 0)) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function pump(queue: TargetQueue): void {
    if (stopped || queue.active !== null) return;
    const notification = queue.waiting.shift();
    if (notification === undefined) return checkIdle();
    let body: string;
    try {
      body = JSON.stringify(queue.target.buildBody(notification));
    } catch (error) {
      queue.stats.failed++;
      onSettled({ targetId: queue.target.id, notification }, 'failed');
      log.error(`notify ${queue.target.id}: cannot build the ${notification.event} body of ${JSON.stringify(notification.incident.id)}: ${(error as Error).message}`);
      return pump(queue);
    }
    const delivery = { cancel: () => {} };
    queue.active = delivery;
    attempt(queue, notification, body, 1, delivery);
  }

  function attempt(queue: TargetQueue, notification: Notification, body: string, number: number, delivery: { cancel: () => void }): void {
    const controller = new AbortController();
    let timedOut = false;
    const cancelTimeout = setTimer(() => {
      timedOut = true;
      controller.abort();
    }, attemptTimeoutMs);
    delivery.cancel = () => {
      cancelTimeout();
      controller.abort();
    };
    const headers = { 'content-type': 'application/json', 'user-agent': 'pipewatch' };
    void Promise.resolve()
      .then(() => fetch(queue.target.url, { method: 'POST', headers, body, signal: controller.signal }))
      .then(
        (response): AttemptOutcome => {
          // Unread bodies hold their connection; the answer's content is not needed.
          void response.body?.cancel().catch(() => {});
          return { kind: 'response', status: response.status, retryAfter: response.headers.get('retry-after') };
        },
        (error: unknown): AttemptOutcome => (timedOut ? { kind: 'timeout', afterMs: attemptTimeoutMs } : { kind: 'network-error', message: networkErrorMessage(error) }),
      )
      .then((outcome) => {
        cancelTimeout();
        if (stopped) return;
        const verdict = decideAfterAttempt(outcome, number, retryOptions, random, now());
        const what = `${notification.event} ${JSON.stringify(notification.incident.id)}`;
        switch (verdict.kind) {
          case 'delivered':
            queue.stats.delivered++;
            onSettled({ targetId: queue.target.id, notification }, 'delivered');
            if (number > 1) log.info(`notify ${queue.target.id}: ${what} delivered on attempt ${number}`);
            return finish(queue);
          case 'retry': {
            queue.stats.retries++;
            log.warn(`notify ${queue.target.id}: ${what}: ${describeOutcome(outcome)} on attempt ${number}; retrying in ${verdict.delayMs} ms`);
            const cancelWait = setTimer(() => attempt(queue, notification, body, number + 1, delivery), verdict.delayMs);
            delivery.cancel = cancelWait;
            return;
          }
          case 'give-up':
            queue.stats.failed++;
            onSettled({ targetId: queue.target.id, notification }, 'failed');
            log.error(`notify ${queue.target.id}: ${what} not delivered: ${verdict.reason}`);
            return finish(queue);
          default:
            return assertNever(verdict, 'verdict');
        }
      });
  }

  function waitIdle(): Promise<void> {
    return new Promise<void>((resolve) => {
      idleWaiters.push(resolve);
      checkIdle();
    });
  }

  function finish(queue: TargetQueue): void {
    queue.active = null;
    pump(queue);
    checkIdle();
  }

  return {
    enqueue({ targetId, notification }) {
      if (stopped) return { kind: 'stopped' };
      const queue = queues.get(targetId);
      if (queue === undefined) return { kind: 'unknown-target' };
      queue.waiting.push(notification);
      let result: EnqueueResult = { kind: 'queued', queued: queue.waiting.length };
      if (queue.waiting.length > Math.max(1, maxQueuedPerTarget)) {
        const dropped = queue.waiting.shift()!;
        queue.stats.dropped++;
        onSettled({ targetId, notification: dropped }, 'dropped');
        log.warn(
          `notify ${targetId}: queue full (${maxQueuedPerTarget} waiting, receiver slow or down): dropped the oldest, ${dropped.event} ${JSON.stringify(dropped.incident.id)}; ${queue.stats.dropped} dropped so far`,
        );
        result = { kind: 'queued-dropping-oldest', dropped, droppedSoFar: queue.stats.dropped };
      }
      pump(queue);
      return result;
    },
    stats() {
      return [...queues.values()].map((q) => ({ ...q.stats, queued: q.waiting.length, inFlight: q.active !== null }));
    },
    idle: waitIdle,
    drain(timeoutMs) {
      for (const queue of queues.values()) queue.waiting = orderForShutdown(queue.waiting);
      return new Promise((resolve) => {
        const cancel = setTimer(() => resolve('timed-out'), timeoutMs);
        waitIdle().then(() => {
          cancel();
          resolve('idle');
        });
      });
    },
    stop() {
      stopped = true;
      for (const queue of queues.values()) {
        if (queue.active !== null) {
          queue.active.cancel();
          queue.active = null;
          queue.stats.dropped++;
        }
        queue.stats.dropped += queue.waiting.length;
        queue.waiting = [];
      }
      checkIdle();
    },
  };
}

/** undici reports "fetch failed" with the reason (ECONNREFUSED, …) in `cause`. */
function networkErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  const cause = typeof code === 'string' ? code : error.cause instanceof Error ? error.cause.message : null;
  return cause === null ? error.message : `${error.message}: ${cause}`;
}
