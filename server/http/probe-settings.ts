import { formatDurationMs } from '../../lib/units/format-duration';

/** What the probes measure against: the collection's interval and its Kafka timeout. */
export interface ProbeSettings {
  intervalMs: number;
  kafkaTimeoutMs: number;
}

/**
 * How long without a completed cycle means the loop is wedged, and how old Kafka's last answer
 * may be for Pipewatch to be ready: three intervals (a skipped tick or two is normal) plus one
 * Kafka timeout (a cycle may wait that long on a broker before it completes with a gap).
 */
export function cycleDeadlineMs({ intervalMs, kafkaTimeoutMs }: ProbeSettings): number {
  return 3 * intervalMs + kafkaTimeoutMs;
}

export function describeDeadline(settings: ProbeSettings): string {
  return `3 × the ${formatDurationMs(settings.intervalMs)} interval + the ${formatDurationMs(settings.kafkaTimeoutMs)} Kafka timeout = ${formatDurationMs(cycleDeadlineMs(settings))}`;
}

/** Whole seconds, for the probes' messages. */
export function formatAgo(ms: number): string {
  return `${Math.max(0, Math.round(ms / 1_000))} s`;
}
