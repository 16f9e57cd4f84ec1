import type { Backoff } from '../../lib/backoff';
import { abortableSleep, type Sleep } from './abortable-sleep';
import { assertNever } from '../../lib/assert-never';
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff';
import type { TransactionEvent } from './events';
import type { ConsumerLabels, PipelineMetrics } from './metrics';
import type { OutageGuard } from './outage-guard';
import type { SinkClient } from './sink-client';

export type DeliveryResult =
  | { kind: 'applied'; outcome: 'written' | 'duplicate' | 'stale' }
  | { kind: 'rejected'; reason: 'business-rule'; detail: string }
  /** The member is stopping; the record stays uncommitted and will be redelivered. */
  | { kind: 'abandoned' };

export interface DeliveryContext {
  heartbeat: () => Promise<void>;
  signal: AbortSignal;
  guard: OutageGuard;
}

export interface DeliveryDeps {
  sink: SinkClient;
  metrics: PipelineMetrics;
  labels: ConsumerLabels;
  backoff?: Backoff;
  random?: () => number;
  sleep?: Sleep;
  /** Monotonic clock for request durations. */
  clockMs?: () => number;
}

/**
 * Writes one event to the sink, retrying transient failures in place, as long as it takes: the
 * offset is not committed before this resolves, so giving up would mean losing the record.
 */
export async function deliverWithRetry(event: TransactionEvent, context: DeliveryContext, deps: DeliveryDeps): Promise<DeliveryResult> {
  const sleep = deps.sleep ?? abortableSleep;
  const clockMs = deps.clockMs ?? (() => performance.now());
  const { metrics, labels } = deps;
  const body = JSON.stringify(event);
  for (let attempt = 0; ; attempt += 1) {
    if (!(await context.guard.waitForSink(context.signal, context.heartbeat))) return { kind: 'abandoned' };
    if (attempt > 0) metrics.sinkRetries.inc(labels);
    const startedMs = clockMs();
    const result = await deps.sink.put(event.entity_id, body);
    metrics.sinkRequestDuration.observe(labels, (clockMs() - startedMs) / 1_000);
    switch (result.kind) {
      case 'applied':
        context.guard.recordSuccess();
        return { kind: 'applied', outcome: result.outcome };
      case 'permanent':
        // The sink answered, so it is up: a rejection must not count toward an outage.
        context.guard.recordSuccess();
        metrics.sinkErrors.inc({ ...labels, error_class: 'permanent', status_code: result.statusCode });
        return { kind: 'rejected', reason: result.reason, detail: result.detail };
      case 'transient': {
        context.guard.recordFailure();
        metrics.sinkErrors.inc({ ...labels, error_class: 'transient', status_code: result.statusCode });
        const delayMs = retryDelayMs(attempt, result.retryAfterMs, deps.backoff ?? DEFAULT_BACKOFF, deps.random);
        if (!(await sleep(delayMs, context.signal))) return { kind: 'abandoned' };
        await context.heartbeat();
        break;
      }
      default:
        return assertNever(result);
    }
  }
}
