import type { EvidencePoint } from '../incidents/evidence-point';
import type { StoredTimelineKind } from '../incidents/stored-timeline-entry';

/**
 * GET /api/incidents/:id (docs/api.md, "The HTTP API") as the browser reads it: tolerantly, so a
 * missing optional field is absent or empty and a kind or type newer than this build is kept as
 * text. The incident builders are written against these shapes; components/api/ parses into them.
 */

export interface IncidentDetailAnswer {
  id: string;
  pipelineId: string;
  type: string;
  severity: 'critical' | 'warning' | 'info';
  status: 'open' | 'recovering' | 'resolved';
  firstSeenAtMs: number | null;
  openedAtMs: number | null;
  lastSeenAtMs: number | null;
  resolvedAtMs: number | null;
  acknowledged: { atMs: number | null; by: string } | null;
  resolution: ResolutionDetail | null;
  baselineLagMessages: number | null;
  peakLagMessages: number | null;
  finding: { confidence: string | null; evidence: string[]; kafkaOnly: boolean } | null;
  /** Present when the server sends one with the incident. */
  recommendation: { now: string[]; check: string[]; expectedEffect: string; settings: string[] } | null;
  /** The failure table's row for the type, as the server knew it. */
  failure: { title: string | null; response: string; checks: string[]; settings: string[] } | null;
  /** Oldest first. */
  timeline: TimelineEntryDetail[];
  /** The pipeline's numbers per cycle around the incident, oldest first; null is a gap. */
  evidence: EvidencePoint[];
  externalAlerts: ExternalAlertDetail[];
  mutes: MuteDetail[];
}

export type ResolutionDetail = { kind: 'automatic'; atMs: number | null; reason: string } | { kind: 'by-hand'; atMs: number | null; by: string; reason: string };

/** An Alertmanager alert linked to the incident. */
export interface ExternalAlertDetail {
  id: number | null;
  fingerprint: string;
  status: 'firing' | 'resolved';
  startsAtMs: number | null;
  endsAtMs: number | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A mute of a pipeline's notifications (lib/incidents/incident-store.ts `Mute`), as the API sends it. */
export interface MuteDetail {
  id: number;
  pipelineId: string;
  fromMs: number;
  untilMs: number;
  by: string;
  reason: string;
  /** Ended early by a person. */
  unmuted: { atMs: number | null; by: string } | null;
}

/**
 * One entry of an incident's stored timeline (lib/incidents/stored-timeline-entry.ts): a missing
 * field reads as null or empty, a kind newer than this build becomes `unknown` with what it said.
 * Failure types stay strings: a newer server may send a type this build has no title for.
 */
export type TimelineEntryDetail =
  | { kind: 'opened'; atMs: number | null; type: string; firstSeenAtMs: number | null; summary: string }
  | { kind: 'reclassified'; atMs: number | null; from: string; to: string; summary: string }
  | { kind: 'recovering'; atMs: number | null; summary: string }
  | { kind: 'relapsed'; atMs: number | null; type: string; summary: string }
  | { kind: 'acknowledged'; atMs: number | null; by: string; note: string | null }
  | { kind: 'resolved'; atMs: number | null; durationMs: number | null; summary: string }
  | { kind: 'note'; atMs: number | null; by: string; text: string }
  | { kind: 'resolved-by-hand'; atMs: number | null; by: string; reason: string; durationMs: number | null }
  | { kind: 'muted'; atMs: number | null; by: string; muteId: number | null; fromMs: number | null; untilMs: number | null; reason: string }
  | { kind: 'unmuted'; atMs: number | null; by: string; muteId: number | null }
  | { kind: 'external-alert'; atMs: number | null; status: string; alertName: string | null; fingerprint: string; summary: string | null }
  | { kind: 'evidence-changed'; atMs: number | null; confidence: string | null; signals: string[]; summary: string }
  | { kind: 'unknown'; sentKind: string; atMs: number | null; summary: string };

// Fails to compile when the store gains a timeline kind the browser does not read.
type Unread = Exclude<StoredTimelineKind, TimelineEntryDetail['kind']>;
const EVERY_KIND_READ: [Unread] extends [never] ? true : Unread = true;
void EVERY_KIND_READ;
