import type { CycleResult } from '../../lib/collection/collection-loop';
import { formatCount } from '../../lib/units/format-units';

/** `pipewatch collect`'s one log line per cycle: what it cost, and how far behind the pipelines are. */
export function formatCycleLine(cycle: Pick<CycleResult, 'durationMs' | 'roundTrips' | 'snapshots' | 'sources' | 'skippedCycles'>): string {
  const lagging = cycle.snapshots.filter((s) => s.kafka.kind === 'sampled' && s.kafka.totals.lagMessages > 0).length;
  const totalLag = cycle.snapshots.reduce((sum, s) => sum + (s.kafka.kind === 'sampled' ? s.kafka.totals.lagMessages : 0), 0);
  return (
    `cycle ${cycle.durationMs} ms, ${cycle.roundTrips ?? '–'} round trips; ${cycle.snapshots.length} pipelines, ${lagging} lagging, ` +
    `total lag ${formatCount(totalLag)}; Kafka ${cycle.sources.kafka.health}, Prometheus ${cycle.sources.prometheus.activity === 'disabled' ? 'off' : cycle.sources.prometheus.health}` +
    (cycle.skippedCycles > 0 ? `; ${cycle.skippedCycles} cycles skipped so far` : '')
  );
}
