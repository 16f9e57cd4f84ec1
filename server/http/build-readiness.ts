import type { CycleResult } from '../../lib/collection/collection-loop';
import type { SourceHealth } from '../../lib/collection/source-health';
import { cycleDeadlineMs, formatAgo, type ProbeSettings } from './probe-settings';
import type { StoreCheck } from './store-check';

export type Readiness =
  | { status: 200; body: { status: 'ready' } }
  /** Serving, with less: Prometheus's signals are missing, Kafka's lag is still there. */
  | { status: 200; body: { status: 'degraded'; degraded: string[] } }
  | { status: 503; body: { status: 'not-ready'; notReady: string[]; degraded: string[] } };

export interface ReadinessInput {
  nowMs: number;
  latest: Pick<CycleResult, 'sources'> | null;
  /** The cached store check; null before the first one has answered. */
  store: StoreCheck | null;
  settings: ProbeSettings;
}

/**
 * `/readyz`, as things are now: the store answers, and Kafka answered within cycleDeadlineMs (a
 * cycle or two with a gap is tolerated). Prometheus not answering leaves Pipewatch ready but
 * degraded: lag, group state and DLQ depth still come from Kafka.
 */
export function buildReadiness({ nowMs, latest, store, settings }: ReadinessInput): Readiness {
  const deadlineMs = cycleDeadlineMs(settings);
  const notReady: string[] = [];
  const degraded: string[] = [];
  if (store === null) notReady.push('the incident store has not been checked yet');
  else if (!store.ok) notReady.push(`the incident store is unreachable: ${store.message}`);

  if (latest === null) notReady.push('no collection cycle yet');
  else {
    const kafka = staleness('Kafka', latest.sources.kafka, nowMs, deadlineMs);
    if (kafka !== null) notReady.push(kafka);
    const { prometheus } = latest.sources;
    if (prometheus.activity !== 'disabled') {
      const stale = staleness('Prometheus', prometheus, nowMs, deadlineMs);
      if (stale !== null) degraded.push(stale);
      else if (prometheus.health === 'degraded' && prometheus.lastError !== null) degraded.push(`Prometheus answered with problems: ${prometheus.lastError.message}`);
    }
  }

  if (notReady.length > 0) return { status: 503, body: { status: 'not-ready', notReady, degraded } };
  if (degraded.length > 0) return { status: 200, body: { status: 'degraded', degraded } };
  return { status: 200, body: { status: 'ready' } };
}

/** Why a source's last answer is too old, or null when it answered within the deadline. */
function staleness(name: string, source: SourceHealth, nowMs: number, deadlineMs: number): string | null {
  const error = source.lastError?.message ?? 'no attempt yet';
  if (source.lastSuccessAtMs === null) return `${name} has not answered: ${error}`;
  const agoMs = nowMs - source.lastSuccessAtMs;
  return agoMs > deadlineMs ? `${name} has not answered for ${formatAgo(agoMs)}: ${error}` : null;
}
