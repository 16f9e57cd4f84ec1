import type { TimeToDrain } from '../pipelines/evaluate-time-to-drain';
import type { FailureType, Severity } from '../diagnosis/failure-table';
import type { Finding } from '../diagnosis/finding';

/** Incidents: one fault of one pipeline, from the first cycle that showed it to verified recovery. */

export type IncidentStatus = 'open' | 'recovering' | 'resolved';

/** What recovery is verified against: the pipeline's lag this cycle. null when Kafka was not read. */
export interface CycleLag {
  lagMessages: number | null;
  timeToDrain: TimeToDrain['kind'];
}

export type IncidentInput =
  /** One cycle of one pipeline with the classifier's findings (non-empty). */
  | { kind: 'finding-observed'; pipelineId: string; atMs: number; findings: Finding[]; lag: CycleLag }
  | { kind: 'cycle-without-finding'; pipelineId: string; atMs: number; lag: CycleLag }
  | { kind: 'acknowledged'; incidentId: string; atMs: number; by: string; note: string | null }
  /** Someone closed it: the fault is fixed, or not worth the page. If it persists, a new incident opens. */
  | { kind: 'resolved-by-hand'; incidentId: string; atMs: number; by: string; reason: string };

export type TimelineEntry =
  | { kind: 'opened'; atMs: number; type: FailureType; firstSeenAtMs: number; summary: string }
  | { kind: 'reclassified'; atMs: number; from: FailureType; to: FailureType; summary: string }
  /** The fault is no longer observed and lag is back: recovery is being verified. */
  | { kind: 'recovering'; atMs: number; summary: string }
  | { kind: 'relapsed'; atMs: number; type: FailureType; summary: string }
  | { kind: 'acknowledged'; atMs: number; by: string; note: string | null }
  | { kind: 'resolved'; atMs: number; durationMs: number; summary: string; by?: string };

export interface Incident {
  /** `${pipelineId}/${family}/${firstSeenAtMs}`: the same inputs always give the same id. */
  id: string;
  pipelineId: string;
  /** The last type of the escalation chain: incidents are deduplicated per pipeline and family. */
  family: FailureType;
  /** The current classification; moves along the escalation chain, never back. */
  type: FailureType;
  /** The worst severity seen. */
  severity: Severity;
  status: IncidentStatus;
  firstSeenAtMs: number;
  openedAtMs: number;
  lastSeenAtMs: number;
  resolvedAtMs: number | null;
  /** Lag before the fault, from cycles without findings: what recovery must return to. */
  baselineLagMessages: number | null;
  peakLagMessages: number | null;
  /** The latest finding, with its evidence. */
  finding: Finding;
  acknowledged: { atMs: number; by: string } | null;
  /** Consecutive cycles with recovery verified. */
  healthyCycles: number;
  /** Bounded: the first entry and the newest. */
  timeline: TimelineEntry[];
}

/** What the reducer emits; a store persisting these can rebuild every incident (see projectIncidents). */
export type IncidentChange =
  | { kind: 'opened'; atMs: number; incident: Incident }
  | { kind: 'updated'; atMs: number; incident: Incident; entry: TimelineEntry | null }
  | { kind: 'resolved'; atMs: number; incident: Incident }
  | { kind: 'rejected'; atMs: number; input: IncidentInput; reason: string };

export interface IncidentOptions {
  /** A finding must hold this many consecutive cycles before it opens an incident. */
  openAfterSamples: number;
  /** Verified healthy cycles in a row before an incident resolves. */
  resolveAfterSamples: number;
  /** Lag counts as back when at most baseline + max(this, share × baseline) and draining. */
  recoveryMarginMessages: number;
  recoveryMarginShare: number;
  /** Cycles without findings kept per pipeline for the pre-incident lag baseline. */
  baselineCycles: number;
  maxTimelineEntries: number;
}

export const DEFAULT_INCIDENT_OPTIONS: IncidentOptions = {
  openAfterSamples: 3,
  resolveAfterSamples: 5,
  recoveryMarginMessages: 100,
  recoveryMarginShare: 0.1,
  baselineCycles: 10,
  maxTimelineEntries: 50,
};
