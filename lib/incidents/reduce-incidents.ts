import type { PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import { formatMessages } from '../diagnosis/evidence-text';
import { escalationRank, FAILURE_TYPES, failureEntry, incidentFamilyOf, worseSeverity, type FailureType, type Severity } from '../diagnosis/failure-table';
import type { Finding } from '../diagnosis/finding';
import {
  DEFAULT_INCIDENT_OPTIONS,
  type CycleLag,
  type Incident,
  type IncidentChange,
  type IncidentInput,
  type IncidentOptions,
  type TimelineEntry,
} from './incident';
import { median } from '../diagnosis/window-stats';
import { assertNever } from '../assert-never';

/** A finding seen in consecutive cycles, not yet held long enough to open an incident. */
interface Candidate {
  firstSeenAtMs: number;
  cycles: number;
  type: FailureType;
  severity: Severity;
  baselineLagMessages: number | null;
  peakLagMessages: number | null;
}

/** Bounded: open incidents, candidates per pipeline and family, a few lags per pipeline. Resolved incidents leave. */
export interface IncidentState {
  open: ReadonlyMap<string, Incident>;
  candidates: ReadonlyMap<string, Candidate>;
  healthyLags: ReadonlyMap<string, readonly number[]>;
}

export const EMPTY_INCIDENT_STATE: IncidentState = { open: new Map(), candidates: new Map(), healthyLags: new Map() };

/** Pipelines with an open incident or a finding held towards one: their faults are in progress. */
export function pipelinesInTrouble(state: IncidentState): Set<string> {
  const ids = new Set([...state.open.values()].map((i) => i.pipelineId));
  for (const key of state.candidates.keys()) ids.add(key.split('\u0000')[0]!);
  return ids;
}

/** The cycle's input for the reducer from a snapshot and what the classifier found in its window. */
export function buildCycleInput(snapshot: PipelineSnapshot, findings: Finding[]): IncidentInput {
  const lag: CycleLag =
    snapshot.kafka.kind === 'sampled'
      ? { lagMessages: snapshot.kafka.totals.lagMessages, timeToDrain: snapshot.kafka.totals.timeToDrain.kind }
      : { lagMessages: null, timeToDrain: 'unknown' };
  const base = { pipelineId: snapshot.pipelineId, atMs: snapshot.takenAtMs, lag };
  return findings.length > 0 ? { kind: 'finding-observed', ...base, findings } : { kind: 'cycle-without-finding', ...base };
}

export function reduceIncidents(state: IncidentState, input: IncidentInput, options: IncidentOptions = DEFAULT_INCIDENT_OPTIONS): { state: IncidentState; changes: IncidentChange[] } {
  return reduceIncidentInputs(state, [input], options);
}

/**
 * Many inputs in one pass, typically one cycle's input for every pipeline: the state is copied
 * once and each pipeline's incidents are found through an index, so a cycle costs
 * O(pipelines + open incidents), not O(pipelines x open incidents) as one reduceIncidents call
 * per pipeline would (each copies the whole state).
 */
export function reduceIncidentInputs(state: IncidentState, inputs: readonly IncidentInput[], options: IncidentOptions = DEFAULT_INCIDENT_OPTIONS): { state: IncidentState; changes: IncidentChange[] } {
  const draft: DraftState = { open: new Map(state.open), candidates: new Map(state.candidates), healthyLags: new Map(state.healthyLags) };
  const changes: IncidentChange[] = [];
  let openByPipeline: Map<string, string[]> | null = null;
  for (const input of inputs) {
    switch (input.kind) {
      case 'finding-observed':
      case 'cycle-without-finding': {
        openByPipeline ??= indexByPipeline(draft.open);
        const findings = input.kind === 'finding-observed' ? input.findings : [];
        const ids = openByPipeline.get(input.pipelineId) ?? [];
        const stillOpen = reduceCycle(draft, ids, input.pipelineId, input.atMs, findings, input.lag, options, changes);
        openByPipeline.set(input.pipelineId, stillOpen);
        break;
      }
      case 'acknowledged': {
        const incident = draft.open.get(input.incidentId);
        if (!incident) {
          changes.push({ kind: 'rejected', atMs: input.atMs, input, reason: `no open incident ${input.incidentId}` });
          break;
        }
        const entry: TimelineEntry = { kind: 'acknowledged', atMs: input.atMs, by: input.by, note: input.note };
        const next = { ...incident, acknowledged: { atMs: input.atMs, by: input.by }, timeline: appendBounded(incident.timeline, entry, options) };
        draft.open.set(next.id, next);
        changes.push({ kind: 'updated', atMs: input.atMs, incident: next, entry });
        break;
      }
      case 'resolved-by-hand': {
        const incident = draft.open.get(input.incidentId);
        if (!incident) {
          changes.push({ kind: 'rejected', atMs: input.atMs, input, reason: `no open incident ${input.incidentId}` });
          break;
        }
        const durationMs = input.atMs - incident.openedAtMs;
        const entry: TimelineEntry = { kind: 'resolved', atMs: input.atMs, durationMs, summary: `resolved by ${input.by}: ${input.reason}`, by: input.by };
        const resolved: Incident = { ...incident, status: 'resolved', resolvedAtMs: input.atMs, timeline: appendBounded(incident.timeline, entry, options) };
        draft.open.delete(incident.id);
        openByPipeline?.set(incident.pipelineId, (openByPipeline.get(incident.pipelineId) ?? []).filter((id) => id !== incident.id));
        changes.push({ kind: 'resolved', atMs: input.atMs, incident: resolved });
        break;
      }
      default:
        return assertNever(input, 'incident input');
    }
  }
  return { state: draft, changes };
}

interface DraftState {
  open: Map<string, Incident>;
  candidates: Map<string, Candidate>;
  healthyLags: Map<string, readonly number[]>;
}

function indexByPipeline(open: ReadonlyMap<string, Incident>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const incident of open.values()) {
    const ids = index.get(incident.pipelineId);
    if (ids) ids.push(incident.id);
    else index.set(incident.pipelineId, [incident.id]);
  }
  return index;
}

const candidateKey = (pipelineId: string, family: FailureType) => `${pipelineId}\u0000${family}`;

/** Replaying the same inputs gives the same incidents and the same changes: nothing here reads a clock. */
export function replayIncidents(inputs: readonly IncidentInput[], options: IncidentOptions = DEFAULT_INCIDENT_OPTIONS): { state: IncidentState; changes: IncidentChange[] } {
  let state = EMPTY_INCIDENT_STATE;
  const changes: IncidentChange[] = [];
  for (const input of inputs) {
    const reduced = reduceIncidents(state, input, options);
    state = reduced.state;
    changes.push(...reduced.changes);
  }
  return { state, changes };
}

/** Every incident, resolved ones included, as the emitted changes describe it. */
export function projectIncidents(changes: readonly IncidentChange[]): Map<string, Incident> {
  const incidents = new Map<string, Incident>();
  for (const change of changes) if (change.kind !== 'rejected') incidents.set(change.incident.id, change.incident);
  return incidents;
}

/** One pipeline's cycle, applied to the draft; returns the ids of its incidents still open. */
function reduceCycle(
  draft: DraftState,
  openIds: readonly string[],
  pipelineId: string,
  atMs: number,
  findings: readonly Finding[],
  lag: CycleLag,
  options: IncidentOptions,
  changes: IncidentChange[],
): string[] {
  const present = new Map<FailureType, Finding>();
  for (const f of findings) {
    const family = incidentFamilyOf(f.type);
    const held = present.get(family);
    if (!held || escalationRank(f.type) > escalationRank(held.type)) present.set(family, f);
  }
  const stillOpen: string[] = [];

  for (const id of openIds) {
    const incident = draft.open.get(id);
    if (!incident) continue;
    const finding = present.get(incident.family);
    present.delete(incident.family);
    const next = finding ? observeAgain(incident, finding, atMs, lag, options) : observeAbsent(incident, atMs, lag, options);
    if (next.incident.status === 'resolved') {
      draft.open.delete(incident.id);
      changes.push({ kind: 'resolved', atMs, incident: next.incident });
    } else {
      draft.open.set(incident.id, next.incident);
      stillOpen.push(incident.id);
      if (next.entries.length === 0) changes.push({ kind: 'updated', atMs, incident: next.incident, entry: null });
      for (const entry of next.entries) changes.push({ kind: 'updated', atMs, incident: next.incident, entry });
    }
  }

  const healthy = draft.healthyLags.get(pipelineId) ?? [];
  const seenFamilies = new Set(findings.map((f) => incidentFamilyOf(f.type)));
  for (const family of FAILURE_TYPES) {
    if (!seenFamilies.has(family)) draft.candidates.delete(candidateKey(pipelineId, family));
  }
  for (const [family, finding] of present) {
    const key = candidateKey(pipelineId, family);
    const before = draft.candidates.get(key);
    const candidate: Candidate = {
      firstSeenAtMs: before?.firstSeenAtMs ?? atMs,
      cycles: (before?.cycles ?? 0) + 1,
      type: before && escalationRank(before.type) > escalationRank(finding.type) ? before.type : finding.type,
      severity: worseSeverity(before?.severity ?? finding.severity, finding.severity),
      baselineLagMessages: before ? before.baselineLagMessages : median(healthy),
      peakLagMessages: maxLag(before?.peakLagMessages ?? null, lag.lagMessages),
    };
    if (candidate.cycles < options.openAfterSamples) {
      draft.candidates.set(key, candidate);
      continue;
    }
    draft.candidates.delete(key);
    const incident = openIncident(pipelineId, family, candidate, finding, atMs);
    draft.open.set(incident.id, incident);
    stillOpen.push(incident.id);
    changes.push({ kind: 'opened', atMs, incident });
  }

  const calm = findings.every((f) => f.severity === 'info');
  if (calm && lag.lagMessages !== null) draft.healthyLags.set(pipelineId, [...healthy, lag.lagMessages].slice(-options.baselineCycles));
  return stillOpen;
}

function openIncident(pipelineId: string, family: FailureType, c: Candidate, finding: Finding, atMs: number): Incident {
  const summary = `${failureEntry(c.type).title}: ${finding.evidence[0]?.text ?? 'no evidence text'}`;
  return {
    id: `${pipelineId}/${family}/${c.firstSeenAtMs}`,
    pipelineId,
    family,
    type: c.type,
    severity: c.severity,
    status: 'open',
    firstSeenAtMs: c.firstSeenAtMs,
    openedAtMs: atMs,
    lastSeenAtMs: atMs,
    resolvedAtMs: null,
    baselineLagMessages: c.baselineLagMessages,
    peakLagMessages: c.peakLagMessages,
    finding,
    acknowledged: null,
    healthyCycles: 0,
    timeline: [{ kind: 'opened', atMs, type: c.type, firstSeenAtMs: c.firstSeenAtMs, summary }],
  };
}

function observeAgain(incident: Incident, finding: Finding, atMs: number, lag: CycleLag, options: IncidentOptions) {
  const entries: TimelineEntry[] = [];
  let type = incident.type;
  if (escalationRank(finding.type) > escalationRank(incident.type)) {
    type = finding.type;
    entries.push({ kind: 'reclassified', atMs, from: incident.type, to: finding.type, summary: `${failureEntry(finding.type).title}: ${finding.evidence[0]?.text ?? ''}` });
  }
  if (incident.status === 'recovering') entries.push({ kind: 'relapsed', atMs, type: finding.type, summary: finding.evidence[0]?.text ?? '' });
  const next: Incident = {
    ...incident,
    type,
    severity: worseSeverity(incident.severity, finding.severity),
    status: 'open',
    lastSeenAtMs: atMs,
    peakLagMessages: maxLag(incident.peakLagMessages, lag.lagMessages),
    // `type` stays escalated even when this cycle's finding reads milder; the finding is kept as observed.
    finding,
    healthyCycles: 0,
    timeline: entries.reduce((t, e) => appendBounded(t, e, options), incident.timeline),
  };
  return { incident: next, entries };
}

/** Recovery is verified on lag, not on the trigger going away: back to its baseline, or within a margin of it and draining. */
function observeAbsent(incident: Incident, atMs: number, lag: CycleLag, options: IncidentOptions) {
  const verdict = verifyRecovery(lag, incident.baselineLagMessages, options);
  const healthyCycles = verdict === 'healthy' ? incident.healthyCycles + 1 : verdict === 'unhealthy' ? 0 : incident.healthyCycles;
  const entries: TimelineEntry[] = [];
  let status = incident.status;
  if (status === 'open' && verdict === 'healthy') {
    status = 'recovering';
    entries.push({ kind: 'recovering', atMs, summary: `no longer observed; lag ${formatMessages(lag.lagMessages)} vs ${formatMessages(incident.baselineLagMessages ?? 0)} baseline` });
  }
  if (healthyCycles >= options.resolveAfterSamples) {
    status = 'resolved';
    entries.push({ kind: 'resolved', atMs, durationMs: atMs - incident.firstSeenAtMs, summary: `recovery verified over ${healthyCycles} cycles` });
  }
  const next: Incident = {
    ...incident,
    status,
    healthyCycles,
    resolvedAtMs: status === 'resolved' ? atMs : null,
    timeline: entries.reduce((t, e) => appendBounded(t, e, options), incident.timeline),
  };
  return { incident: next, entries };
}

function verifyRecovery(lag: CycleLag, baseline: number | null, options: IncidentOptions): 'healthy' | 'unhealthy' | 'unknown' {
  if (lag.lagMessages === null) return 'unknown';
  const base = baseline ?? 0;
  if (lag.lagMessages <= base) return 'healthy';
  const margin = Math.max(options.recoveryMarginMessages, base * options.recoveryMarginShare);
  const draining = lag.timeToDrain === 'drained' || lag.timeToDrain === 'draining';
  return lag.lagMessages <= base + margin && draining ? 'healthy' : 'unhealthy';
}

function appendBounded(timeline: readonly TimelineEntry[], entry: TimelineEntry, options: IncidentOptions): TimelineEntry[] {
  const next = [...timeline, entry];
  return next.length <= options.maxTimelineEntries ? next : [next[0]!, ...next.slice(-(options.maxTimelineEntries - 1))];
}

function maxLag(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
