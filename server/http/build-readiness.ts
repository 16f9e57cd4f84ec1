import type { CycleResult } from '../../lib/collection/collection-loop';

export type Readiness = { status: 200; body: { status: 'ready' } } | { status: 503; body: { status: 'waiting'; waiting: string[] } };

/**
 * `/readyz`: ready once Kafka, and Prometheus when configured, have answered at least once. A
 * source failing later leaves it ready: the pages show the gap while the collector retries.
 */
export function buildReadiness(latest: Pick<CycleResult, 'sources'> | null): Readiness {
  const sources = latest?.sources;
  const waiting = !sources
    ? ['no collection cycle yet']
    : [
        ...(sources.kafka.lastSuccessAtMs === null ? [`Kafka has not answered: ${sources.kafka.lastError?.message ?? 'no attempt yet'}`] : []),
        ...(sources.prometheus.activity !== 'disabled' && sources.prometheus.lastSuccessAtMs === null
          ? [`Prometheus has not answered: ${sources.prometheus.lastError?.message ?? 'no attempt yet'}`]
          : []),
      ];
  return waiting.length === 0 ? { status: 200, body: { status: 'ready' } } : { status: 503, body: { status: 'waiting', waiting } };
}
