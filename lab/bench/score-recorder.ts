import type { CycleResult } from '../../lib/collection/collection-loop';
import type { FailureType } from '../../lib/diagnosis/failure-table';
import type { IncidentChange } from '../../lib/incidents/incident';
import { SIGNAL_NAMES, type SignalName } from '../../lib/signals/signals';
import type { ScoredIncident } from './score-evaluate';

/** One incident change as recorded: 'updated' changes only when they carry a timeline entry. */
export interface RecordedChange {
  atMs: number;
  kind: 'opened' | 'reclassified' | 'recovering' | 'relapsed' | 'resolved';
  incidentId: string;
  type: FailureType;
  summary: string;
}

/** One cycle of the scored pipeline, reduced to what explains a diagnosis. */
export interface CycleTrace {
  atMs: number;
  durationMs: number;
  lagMessages: number | null;
  produceRatePerSec: number | null;
  consumeRatePerSec: number | null;
  groupState: string | null;
  members: number | null;
  dlqDepthMessages: number | null;
  signals: Partial<Record<SignalName, number | null>> | null;
  /** The classifier's findings this cycle: "type/confidence". */
  findings: string[];
  openIncidents: string[];
  kafkaOk: boolean;
  prometheusOk: boolean;
}

/** Every signal, so a miss can be traced to any of them. */
const TRACED_SIGNALS: readonly SignalName[] = SIGNAL_NAMES;

/** Bounds the trace: a day of 1 s cycles at most. */
const MAX_TRACE_CYCLES = 86_400;

export interface ScoreRecorder {
  onCycle(cycle: CycleResult): void;
  incidents(): ScoredIncident[];
  changes(): readonly RecordedChange[];
  trace(): readonly CycleTrace[];
  latest(): CycleTrace | null;
}

/** Follows one pipeline's cycles: every incident change, each incident's types, and a per-cycle trace. */
export function createScoreRecorder(pipelineId: string, onChange: (change: RecordedChange, incident: ScoredIncident) => void): ScoreRecorder {
  const incidents = new Map<string, ScoredIncident>();
  const changes: RecordedChange[] = [];
  const trace: CycleTrace[] = [];

  function record(change: IncidentChange): void {
    if (change.kind === 'rejected' || change.incident.pipelineId !== pipelineId) return;
    const { incident } = change;
    const known = incidents.get(incident.id);
    const opening = incident.timeline[0];
    const scored: ScoredIncident = known ?? {
      id: incident.id,
      family: incident.family,
      types: [],
      firstSeenAtMs: incident.firstSeenAtMs,
      openedAtMs: incident.openedAtMs,
      resolvedAtMs: null,
      summary: opening?.kind === 'opened' ? opening.summary : incident.finding.evidence[0]?.text ?? '',
    };
    if (!scored.types.includes(incident.type)) scored.types.push(incident.type);
    scored.resolvedAtMs = incident.resolvedAtMs;
    incidents.set(incident.id, scored);

    const kind = change.kind === 'updated' ? change.entry?.kind : change.kind;
    if (kind !== 'opened' && kind !== 'reclassified' && kind !== 'recovering' && kind !== 'relapsed' && kind !== 'resolved') return;
    const entry = change.kind === 'updated' ? change.entry : null;
    const summary = entry && 'summary' in entry ? entry.summary : kind === 'opened' ? scored.summary : '';
    const recorded: RecordedChange = { atMs: change.atMs, kind, incidentId: incident.id, type: incident.type, summary };
    changes.push(recorded);
    onChange(recorded, scored);
  }

  return {
    onCycle(cycle) {
      for (const change of cycle.incidentChanges) record(change);
      const snapshot = cycle.snapshots.find((s) => s.pipelineId === pipelineId);
      if (!snapshot) return;
      const kafka = snapshot.kafka.kind === 'sampled' ? snapshot.kafka : null;
      const signals = snapshot.signals.kind === 'sampled' ? snapshot.signals.readings : null;
      const diagnosis = cycle.diagnoses.find((d) => d.pipelineId === pipelineId);
      const membership = kafka?.group.membership;
      trace.push({
        atMs: cycle.atMs,
        durationMs: cycle.durationMs,
        lagMessages: kafka?.totals.lagMessages ?? null,
        produceRatePerSec: kafka?.totals.produceRatePerSec ?? null,
        consumeRatePerSec: kafka?.totals.consumeRatePerSec ?? null,
        groupState: kafka?.group.state ?? null,
        members: membership?.kind === 'visible' ? membership.members.length : null,
        dlqDepthMessages: kafka?.dlq.depthMessages ?? null,
        signals: signals && Object.fromEntries(TRACED_SIGNALS.map((name) => [name, signals[name].kind === 'value' ? signals[name].value : null])),
        findings: diagnosis?.findings.map((f) => `${f.finding.type}/${f.finding.confidence}`) ?? [],
        openIncidents: cycle.openIncidents.filter((i) => i.pipelineId === pipelineId).map((i) => `${i.type}/${i.status}`),
        kafkaOk: kafka !== null,
        prometheusOk: signals !== null,
      });
      if (trace.length > MAX_TRACE_CYCLES) trace.shift();
    },
    incidents: () => [...incidents.values()].map((i) => ({ ...i, types: [...i.types] })),
    changes: () => changes,
    trace: () => trace,
    latest: () => trace.at(-1) ?? null,
  };
}
