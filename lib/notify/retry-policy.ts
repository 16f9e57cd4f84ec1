import { fullJitterDelayMs } from '../backoff';
import { formatDurationMs } from '../units/format-duration';
import { assertNever } from '../assert-never';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The backoff cap before the first retry; doubled per attempt up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this gives the delivery up rather than hold its queue that long. */
  maxRetryAfterMs: number;
}

export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter: string | null }
  | { kind: 'network-error'; message: string }
  | { kind: 'timeout'; afterMs: number };

export type AttemptVerdict =
  | { kind: 'delivered' }
  | { kind: 'retry'; delayMs: number; reason: string }
  | { kind: 'give-up'; reason: string };

/**
 * After attempt number `attempt` (1-based): delivered on 2xx; retried on network errors, timeouts,
 * 5xx and 429; given up on any other status — a 4xx will not get better by asking again.
 */
export function decideAfterAttempt(outcome: AttemptOutcome, attempt: number, options: RetryOptions, random: () => number, nowMs: number): AttemptVerdict {
  const reason = describeOutcome(outcome);
  switch (outcome.kind) {
    case 'response': {
      if (outcome.status >= 200 && outcome.status < 300) return { kind: 'delivered' };
      if (outcome.status !== 429 && (outcome.status < 500 || outcome.status > 599)) return { kind: 'give-up', reason: `${reason}, not retried` };
      const retryAfterMs = parseRetryAfterMs(outcome.retryAfter, nowMs);
      if (retryAfterMs !== null && retryAfterMs > options.maxRetryAfterMs) {
        return { kind: 'give-up', reason: `${reason} asking to retry after ${formatDurationMs(retryAfterMs)}, longer than the ${formatDurationMs(options.maxRetryAfterMs)} Pipewatch waits` };
      }
      return retryOrGiveUp(reason, attempt, options, Math.max(fullJitterDelayMs(attempt, { initialMs: options.initialDelayMs, maxMs: options.maxDelayMs }, random), retryAfterMs ?? 0));
    }
    case 'network-error':
    case 'timeout':
      return retryOrGiveUp(reason, attempt, options, fullJitterDelayMs(attempt, { initialMs: options.initialDelayMs, maxMs: options.maxDelayMs }, random));
    default:
      return assertNever(outcome, 'attempt outcome');
  }
}

function retryOrGiveUp(reason: string, attempt: number, options: RetryOptions, delayMs: number): AttemptVerdict {
  if (attempt >= options.maxAttempts) return { kind: 'give-up', reason: `${reason} on attempt ${attempt} of ${options.maxAttempts}` };
  return { kind: 'retry', delayMs, reason };
}

/**
 * Exponential backoff with full jitter (a uniform wait between 0 and the exponential cap), so
 * many senders that failed together do not retry together.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; null when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  const value = header?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  // Only an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"): Date.parse reads "5.5" as a date too.
  const dateMs = /GMT$/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(dateMs) ? null : Math.max(0, dateMs - nowMs);
}

export function describeOutcome(outcome: AttemptOutcome): string {
  switch (outcome.kind) {
    case 'response':
      return `HTTP ${outcome.status}`;
    case 'network-error':
      return `network error (${outcome.message})`;
    case 'timeout':
      return `no answer within ${formatDurationMs(outcome.afterMs)}`;
    default:
      return assertNever(outcome, 'attempt outcome');
  }
}
