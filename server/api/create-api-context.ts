import { toPipelineJson } from '../../lib/api/pipeline-json';
import type { Collection, CycleResult } from '../../lib/collection/collection-loop';
import type { PipelineDiagnosis } from '../../lib/diagnosis/diagnose-cycle';
import type { PipelineSnapshot } from '../../lib/pipelines/pipeline-snapshot';
import type { Logger } from '../../lib/log/logger';
import type { PipewatchConfig } from '../../lib/config/pipewatch-config';
import type { IncidentStore } from '../../lib/incidents/incident-store';
import type { LiveHub } from '../../lib/live/live-hub';
import type { PrometheusClient } from '../../lib/signals/prometheus-client';
import { readPipelineHistory } from '../../lib/signals/read-pipeline-history';
import type { SignalName } from '../../lib/signals/signals';
import type { IncidentService } from '../incident-service';
import type { ApiContext, FaultControl } from './api-routes';

export interface ApiContextParts {
  config: Pick<PipewatchConfig, 'collection' | 'prometheus' | 'alertmanager'>;
  collection: Pick<Collection, 'latest'>;
  hub: Pick<LiveHub, 'readPipeline' | 'readOverviewFrame'>;
  /** The collector's own Prometheus client and signal queries; null when not configured. */
  prometheus: { client: PrometheusClient; signalQueries: Readonly<Record<SignalName, string>> } | null;
  store: IncidentStore;
  incidents: IncidentService;
  faults: FaultControl | null;
  log: Logger;
}

/** What the JSON API reads: the latest cycle, the live hub, Prometheus for long ranges, the incident store. */
export function createApiContext(parts: ApiContextParts): ApiContext {
  const { config, collection, prometheus } = parts;
  const latest = () => collection.latest();
  // A page of 5,000 rows with partitions looks up 5,000 pipelines: index each cycle once.
  const indexes = new WeakMap<CycleResult, { snapshots: Map<string, PipelineSnapshot>; diagnoses: Map<string, PipelineDiagnosis> }>();
  function indexOf(cycle: CycleResult) {
    let index = indexes.get(cycle);
    if (!index) {
      index = { snapshots: new Map(cycle.snapshots.map((s) => [s.pipelineId, s])), diagnoses: new Map(cycle.diagnoses.map((d) => [d.pipelineId, d])) };
      indexes.set(cycle, index);
    }
    return index;
  }
  return {
    overview: () => parts.hub.readOverviewFrame(),
    detail: (id) => {
      const cycle = latest();
      if (!cycle) return null;
      const { snapshots, diagnoses } = indexOf(cycle);
      const snapshot = snapshots.get(id);
      return snapshot ? toPipelineJson(snapshot, diagnoses.get(id)) : null;
    },
    pipeline: (id, windowMs) => parts.hub.readPipeline(id, windowMs),
    history: prometheus
      ? async (id, startMs, endMs) => {
          const snapshot = latest()?.snapshots.find((s) => s.pipelineId === id);
          if (!snapshot) return { kind: 'unknown-pipeline' };
          const outcome = await readPipelineHistory({
            client: prometheus.client,
            signalQueries: prometheus.signalQueries,
            groupLabel: config.prometheus.groupLabel,
            pipelineId: id,
            groupId: snapshot.groupId,
            startMs,
            endMs,
            // About 600 points a chart, never finer than a collection cycle.
            minStepMs: Math.max(config.collection.intervalMs, Math.round((endMs - startMs) / 600)),
          });
          return { kind: 'read', outcome };
        }
      : null,
    incidents: {
      store: parts.store,
      service: parts.incidents,
      pipelines: () => (latest()?.snapshots ?? []).map((s) => ({ pipelineId: s.pipelineId, groupId: s.groupId, topics: s.topics })),
      matchLabels: config.alertmanager.matchLabels,
      log: parts.log,
    },
    faults: parts.faults,
  };
}
