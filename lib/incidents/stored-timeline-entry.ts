import type { Confidence, EvidenceSignal } from '../diagnosis/finding';
import type { TimelineEntry } from './incident';

/**
 * What an incident's stored timeline holds: the reducer's entries as it emitted them, plus what
 * people did (notes, a manual resolve, mutes), what other systems said (Alertmanager) and what
 * the store noticed (the evidence changed its shape).
 */
export type StoredTimelineEntry =
  | TimelineEntry
  | { kind: 'note'; atMs: number; by: string; text: string }
  /** Resolved by a person: the reducer had not verified recovery. */
  | { kind: 'resolved-by-hand'; atMs: number; by: string; reason: string; durationMs: number }
  | { kind: 'muted'; atMs: number; by: string; muteId: number; fromMs: number; untilMs: number; reason: string }
  | { kind: 'unmuted'; atMs: number; by: string; muteId: number }
  | { kind: 'external-alert'; atMs: number; alertId: number; fingerprint: string; status: 'firing' | 'resolved'; alertName: string | null; summary: string | null }
  /** The finding's confidence or the set of signals showing it changed; numbers moving alone do not count. */
  | { kind: 'evidence-changed'; atMs: number; confidence: Confidence; signals: EvidenceSignal[]; summary: string };

export type StoredTimelineKind = StoredTimelineEntry['kind'];

export const STORED_TIMELINE_KINDS: readonly StoredTimelineKind[] = [
  'opened',
  'reclassified',
  'recovering',
  'relapsed',
  'acknowledged',
  'resolved',
  'note',
  'resolved-by-hand',
  'muted',
  'unmuted',
  'external-alert',
  'evidence-changed',
];

export function isStoredTimelineKind(kind: string): kind is StoredTimelineKind {
  return (STORED_TIMELINE_KINDS as readonly string[]).includes(kind);
}
