import type { PipelineDiagnosis } from '../diagnosis/diagnose-cycle';
import type { HealthKind } from '../diagnosis/evaluate-status';
import { byWorstSeverity, failureEntry, severityRank } from '../diagnosis/failure-table';
import type { Incident } from '../incidents/incident';
import type { PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import { readSignal } from '../pipelines/pipeline-point';
import type { IncidentBadge, OpenIncidentRef, PipelineSummary } from './live-wire';
import { assertNever } from '../assert-never';
import { isDormant } from '../pipelines/group-activity';
import { lagSecondsToDisplayPrecision, timeToDrainToDisplayPrecision, toDisplayPrecision } from './display-precision';

const STATUS_RANK: Record<HealthKind, number> = { stop: 6, err: 5, stall: 4, rewind: 3, warn: 2, unknown: 1, ok: 0 };

/** The overview row of one pipeline this cycle, its figures to display precision. `incident` is its open incident, if any (the worst). */
export function buildPipelineSummary(snapshot: PipelineSnapshot, diagnosis: PipelineDiagnosis | undefined, incidents: readonly Incident[]): PipelineSummary {
  const kafka = snapshot.kafka.kind === 'sampled' ? snapshot.kafka : null;
  const status = diagnosis?.status.pipeline ?? { kind: 'unknown' as const, reason: 'not diagnosed yet' };
  const incident = worstIncident(incidents);
  const topFinding = diagnosis?.findings
    .map((f) => f.finding)
    .sort((a, b) => byWorstSeverity(a.severity, b.severity))[0];
  const members = kafka?.group.membership.kind === 'visible' ? kafka.group.membership.members.length : null;
  const { lastActiveAtMs: _moving, ...activity } = snapshot.activity;
  const rank = (incident ? 100 + 10 * severityRank(incident.severity) : 0) + (topFinding ? 10 + severityRank(topFinding.severity) : 0) + STATUS_RANK[status.kind];
  return {
    pipelineId: snapshot.pipelineId,
    name: snapshot.name,
    groupId: snapshot.groupId,
    topics: snapshot.topics,
    status: { kind: status.kind, reason: status.reason },
    // Below every active pipeline, however red: nobody consumes and nobody is paged.
    rank: isDormant(activity) && incident === undefined ? -1 : rank,
    lagMessages: kafka ? kafka.totals.lagMessages : null,
    lagSeconds: kafka ? lagSecondsToDisplayPrecision(kafka.totals.maxLagSeconds) : null,
    timeToDrain: kafka ? timeToDrainToDisplayPrecision(kafka.totals.timeToDrain) : null,
    produceRatePerSec: toDisplayPrecision(kafka?.totals.produceRatePerSec ?? null),
    consumeRatePerSec: toDisplayPrecision(kafka?.totals.consumeRatePerSec ?? null),
    dlqDepthMessages: kafka && snapshot.dlqTopics.length > 0 ? kafka.dlq.depthMessages : null,
    dlqGrowthPerSec: toDisplayPrecision(kafka && snapshot.dlqTopics.length > 0 ? kafka.dlq.growthPerSec : null),
    retriesPerSec: toDisplayPrecision(readSignal(snapshot, 'retriesPerSec')),
    sinkLatencyP99Seconds: toDisplayPrecision(readSignal(snapshot, 'sinkLatencyP99Seconds')),
    members,
    groupState: kafka?.group.state ?? null,
    kafkaGap: snapshot.kafka.kind === 'gap' ? snapshot.kafka.reason : null,
    signalsGap: signalsGap(snapshot),
    incident: incident ? toBadge(incident) : null,
    finding: topFinding ? { type: topFinding.type, title: failureEntry(topFinding.type).title, severity: topFinding.severity, confidence: topFinding.confidence } : null,
    activity,
  };
}

// One collator for every comparison: String#localeCompare builds one per call, and 5,000 rows sort with ~60,000 calls.
const byText = new Intl.Collator('en-US').compare;

/** Worst first; ties by name so rows do not swap places between updates. */
export function comparePipelineSummaries(a: Pick<PipelineSummary, 'rank' | 'name' | 'pipelineId'>, b: Pick<PipelineSummary, 'rank' | 'name' | 'pipelineId'>): number {
  return b.rank - a.rank || byText(a.name, b.name) || byText(a.pipelineId, b.pipelineId);
}

export function toBadge(incident: Incident): IncidentBadge {
  return {
    id: incident.id,
    type: incident.type,
    title: failureEntry(incident.type).title,
    severity: incident.severity,
    status: incident.status,
    openedAtMs: incident.openedAtMs,
    acknowledged: incident.acknowledged !== null,
  };
}

export function toOpenIncidentRef(incident: Incident): OpenIncidentRef {
  return {
    id: incident.id,
    pipelineId: incident.pipelineId,
    type: incident.type,
    severity: incident.severity,
    status: incident.status,
    resolvedAtMs: incident.resolvedAtMs,
    acknowledged: incident.acknowledged !== null,
  };
}

function worstIncident(incidents: readonly Incident[]): Incident | undefined {
  return [...incidents].sort((a, b) => byWorstSeverity(a.severity, b.severity) || a.openedAtMs - b.openedAtMs)[0];
}

function signalsGap(snapshot: PipelineSnapshot): string | null {
  switch (snapshot.signals.kind) {
    case 'sampled':
      return null;
    case 'gap':
      return snapshot.signals.reason;
    case 'disabled':
      return 'Prometheus is not configured';
    default:
      return assertNever(snapshot.signals, 'signals view');
  }
}
