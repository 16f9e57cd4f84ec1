import type { Finding } from '../../lib/diagnosis/finding';
import type { CycleLag, IncidentChange, IncidentInput } from '../../lib/incidents/incident';
import { reduceIncidents, EMPTY_INCIDENT_STATE, type IncidentState } from '../../lib/incidents/reduce-incidents';
import type { EvidencePoint } from '../../lib/incidents/evidence-point';

/**
 * The store benchmark's burst: `incidents` pipelines that all fault at once, relapse a few times
 * and recover, run through the real reducer so the changes are the ones a server would record.
 * Each incident gets opened + 2 × relapses + recovering + resolved timeline entries.
 */
export interface StoreWorkload {
  /** One list of changes per collection cycle, every pipeline's changes of that cycle. */
  cycles: IncidentChange[][];
  incidentIds: string[];
  evidenceOf: (incidentId: string) => EvidencePoint[];
  entriesPerIncident: number;
}

const T0 = 1_800_000_000_000;
const CYCLE_MS = 5_000;
const BAD: CycleLag = { lagMessages: 50_000, timeToDrain: 'not-draining' };
const GOOD: CycleLag = { lagMessages: 0, timeToDrain: 'drained' };

export function buildStoreWorkload(incidents: number, relapses: number, pointsPerIncident: number): StoreWorkload {
  // true: the finding is observed that cycle. 3 to open, relapses, 5 healthy to resolve.
  const pattern = [true, true, true, ...Array.from({ length: relapses }, () => [false, true]).flat(), false, false, false, false, false];
  const pipelines = Array.from({ length: incidents }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
  let state: IncidentState = EMPTY_INCIDENT_STATE;
  const cycles: IncidentChange[][] = [];
  pattern.forEach((observed, c) => {
    const atMs = T0 + c * CYCLE_MS;
    const changes: IncidentChange[] = [];
    for (const pipelineId of pipelines) {
      const input: IncidentInput = observed
        ? { kind: 'finding-observed', pipelineId, atMs, findings: [slowSink(pipelineId, c)], lag: BAD }
        : { kind: 'cycle-without-finding', pipelineId, atMs, lag: GOOD };
      const reduced = reduceIncidents(state, input);
      state = reduced.state;
      changes.push(...reduced.changes);
    }
    cycles.push(changes);
  });
  const incidentIds = pipelines.map((p) => `${p}/slow-sink/${T0}`);
  return { cycles, incidentIds, evidenceOf: (id) => evidence(id, pointsPerIncident), entriesPerIncident: 2 * relapses + 3 };
}

function slowSink(pipelineId: string, cycle: number): Finding {
  return {
    type: 'slow-sink',
    confidence: 'high',
    severity: 'warning',
    evidence: [
      { signal: 'sinkLatencyP99Seconds', value: 2.3, comparison: { kind: 'vs-baseline', baseline: 0.12 }, text: `sink p99 2.3 s vs 120 ms baseline (cycle ${cycle})` },
      { signal: 'lagGrowthPerSec', value: 40, comparison: { kind: 'trend', direction: 'growing' }, text: 'lag growing +40 msg/s' },
    ],
    partitions: Array.from({ length: 4 }, (_, p) => ({ topic: `${pipelineId}.events`, partition: p, lagMessages: 12_500, committedOffset: BigInt(1_000_000 + cycle * 100), owner: { memberId: `m-${p}`, clientId: `consumer-${p}`, host: `10.0.0.${p + 1}` } })),
    members: [],
    kafkaOnly: false,
    facts: { latencyP99Seconds: 2.3, baselineLatencyP99Seconds: 0.12, lagGrowthPerSec: 40, consumeRatePerSec: 120, baselineConsumeRatePerSec: 200, errorRatio: 0.001 },
  };
}

function evidence(incidentId: string, points: number): EvidencePoint[] {
  const seed = [...incidentId].reduce((s, c) => (s * 31 + c.charCodeAt(0)) % 997, 7);
  return Array.from({ length: points }, (_, i) => ({
    atMs: T0 - 30 * CYCLE_MS + i * CYCLE_MS,
    lagMessages: 100 + ((i * 977 + seed) % 50_000),
    lagSeconds: ((i * 13 + seed) % 600) / 2,
    produceRatePerSec: 200,
    consumeRatePerSec: 120 + (i % 80),
    dlqDepthMessages: i,
    retriesPerSec: i % 3 === 0 ? null : 0.5,
    sinkLatencyP99Seconds: 0.12 + (i % 20) / 10,
    sinkTransientErrorsPerSec: 0.1,
    sinkPermanentErrorsPerSec: 0,
  }));
}
