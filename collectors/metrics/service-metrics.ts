import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { PIPEWATCH_METRIC } from '../../lib/alerting/pipewatch-metric-names';

/** What the live websocket has done since start, read at each scrape. */
export interface LiveFigures {
  clients: number;
  messagesSent: number;
  /** Deltas a slow client did not get (it got a snapshot instead, or was closed). */
  messagesDropped: number;
}

/** One notification target's totals since start, read at each scrape. */
export interface NotificationFigures {
  targetId: string;
  delivered: number;
  failed: number;
  retries: number;
  /** From a full queue, or still queued at shutdown. */
  dropped: number;
  /** Over the rate limit. */
  rateLimited: number;
  queued: number;
}

const FAST_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

/**
 * Pipewatch as a service: HTTP requests, the live websocket, notifications, store writes, Kafka
 * requests and Prometheus queries. Every label is a bounded set: routes are patterns, APIs and
 * signals are fixed names, targets come from the config.
 */
export function createServiceMetrics(registry: Registry) {
  const registers = [registry];
  const httpRequests = new Counter({ name: PIPEWATCH_METRIC.httpRequestsTotal, help: 'HTTP requests answered, by method, route pattern and status.', labelNames: ['method', 'route', 'status'], registers });
  const httpDuration = new Histogram({ name: PIPEWATCH_METRIC.httpRequestDurationSeconds, help: 'Time to answer an HTTP request, by route pattern.', labelNames: ['route'], buckets: FAST_BUCKETS, registers });
  const kafkaDuration = new Histogram({ name: PIPEWATCH_METRIC.kafkaRequestDurationSeconds, help: 'Time from sending a Kafka request to its answer, by API.', labelNames: ['api'], buckets: FAST_BUCKETS, registers });
  const kafkaErrors = new Counter({ name: PIPEWATCH_METRIC.kafkaRequestErrorsTotal, help: 'Kafka requests that got no answer (connection refused, timeout), by API.', labelNames: ['api'], registers });
  const prometheusDuration = new Histogram({ name: PIPEWATCH_METRIC.prometheusQueryDurationSeconds, help: "Time of one signal's instant query to Prometheus.", labelNames: ['signal'], buckets: FAST_BUCKETS, registers });
  const prometheusErrors = new Counter({ name: PIPEWATCH_METRIC.prometheusQueryErrorsTotal, help: 'Signal queries that failed, by signal and kind of failure.', labelNames: ['signal', 'error'], registers });
  const storeDuration = new Histogram({ name: PIPEWATCH_METRIC.storeWriteDurationSeconds, help: 'Time of one incident store write, by operation.', labelNames: ['operation'], buckets: STORE_BUCKETS, registers });
  const storeFailures = new Counter({ name: PIPEWATCH_METRIC.storeWriteFailuresTotal, help: 'Incident store writes the database refused or did not answer, by operation.', labelNames: ['operation'], registers });

  let readLive: (() => LiveFigures) | null = null;
  let readNotifications: (() => readonly NotificationFigures[]) | null = null;
  // Totals kept by their owners, copied at scrape time: a counter set to its owner's total.
  const copied = <T extends string>(counter: Counter<T>, values: readonly { labels: Partial<Record<T, string>>; value: number }[]) => {
    counter.reset();
    for (const { labels, value } of values) counter.inc(labels, value);
  };
  new Gauge({
    name: PIPEWATCH_METRIC.liveClients,
    help: 'Browsers connected to the live websocket.',
    registers,
    collect() {
      if (readLive) this.set(readLive().clients);
    },
  });
  new Counter({
    name: PIPEWATCH_METRIC.liveMessagesSentTotal,
    help: 'Messages written to live websocket clients (snapshots, deltas, heartbeats).',
    registers,
    collect() {
      if (readLive) copied(this, [{ labels: {}, value: readLive().messagesSent }]);
    },
  });
  new Counter({
    name: PIPEWATCH_METRIC.liveMessagesDroppedTotal,
    help: 'Deltas not sent to a client that was behind; it got a snapshot instead, or was closed.',
    registers,
    collect() {
      if (readLive) copied(this, [{ labels: {}, value: readLive().messagesDropped }]);
    },
  });
  const perTarget = (name: string, help: string, value: (t: NotificationFigures) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['target'],
      registers,
      collect() {
        if (readNotifications) copied(this, readNotifications().map((t) => ({ labels: { target: t.targetId }, value: value(t) })));
      },
    });
  perTarget(PIPEWATCH_METRIC.notificationsSentTotal, 'Notifications the target accepted.', (t) => t.delivered);
  perTarget(PIPEWATCH_METRIC.notificationsFailedTotal, 'Notifications given up: a 4xx, or every attempt failed.', (t) => t.failed);
  perTarget(PIPEWATCH_METRIC.notificationsRetriedTotal, 'Attempts retried after a failure.', (t) => t.retries);
  new Counter({
    name: PIPEWATCH_METRIC.notificationsDroppedTotal,
    help: 'Notifications never sent: reason queue-full (the receiver is slow or down, or they were still queued at shutdown) or rate-limit.',
    labelNames: ['target', 'reason'],
    registers,
    collect() {
      if (!readNotifications) return;
      copied(
        this,
        readNotifications().flatMap((t) => [
          { labels: { target: t.targetId, reason: 'queue-full' }, value: t.dropped },
          { labels: { target: t.targetId, reason: 'rate-limit' }, value: t.rateLimited },
        ]),
      );
    },
  });
  new Gauge({
    name: PIPEWATCH_METRIC.notificationsQueued,
    help: 'Notifications waiting or in flight, per target.',
    labelNames: ['target'],
    registers,
    collect() {
      if (!readNotifications) return;
      this.reset();
      for (const t of readNotifications()) this.set({ target: t.targetId }, t.queued);
    },
  });

  return {
    observeHttpRequest({ method, route, status, durationMs }: { method: string; route: string; status: number; durationMs: number }): void {
      httpRequests.inc({ method, route, status: String(status) });
      httpDuration.observe({ route }, durationMs / 1000);
    },
    observeKafkaRequest({ api, durationMs, error }: { api: string; durationMs: number; error: boolean }): void {
      if (error) kafkaErrors.inc({ api });
      else kafkaDuration.observe({ api }, durationMs / 1000);
    },
    observePrometheusQuery({ signal, durationMs, error }: { signal: string; durationMs: number; error: string | null }): void {
      prometheusDuration.observe({ signal }, durationMs / 1000);
      if (error !== null) prometheusErrors.inc({ signal, error });
    },
    observeStoreWrite({ operation, durationMs, failed }: { operation: string; durationMs: number; failed: boolean }): void {
      storeDuration.observe({ operation }, durationMs / 1000);
      if (failed) storeFailures.inc({ operation });
    },
    /** The live websocket's figures, read at each scrape. */
    watchLive(read: () => LiveFigures): void {
      readLive = read;
    },
    /** The notifier's per-target totals, read at each scrape. */
    watchNotifications(read: () => readonly NotificationFigures[]): void {
      readNotifications = read;
    },
  };
}
