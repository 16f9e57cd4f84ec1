import type { StoredTimelineKind } from '../../lib/incidents/stored-timeline-entry';
import { finiteNumber, isObject, list, text } from './read-json';

/**
 * One entry of an incident's stored timeline (lib/incidents/stored-timeline-entry.ts), read
 * tolerantly: a missing field reads as null or empty, a kind newer than this build becomes
 * `unknown` with what it said. Failure types stay strings: a newer server may send a type this
 * build has no title for.
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

// Fails to compile when the store gains a timeline kind this parser does not read.
type Unread = Exclude<StoredTimelineKind, TimelineEntryDetail['kind']>;
const EVERY_KIND_READ: [Unread] extends [never] ? true : Unread = true;
void EVERY_KIND_READ;

const SOMEONE = 'someone';

export function parseTimelineEntry(entry: unknown): TimelineEntryDetail[] {
  if (!isObject(entry)) return [];
  const kind = text(entry.kind) ?? text(entry.type) ?? 'event';
  const atMs = finiteNumber(entry.atMs);
  const summary = text(entry.summary) ?? '';
  const by = text(entry.by) ?? SOMEONE;
  switch (kind) {
    case 'opened':
      return [{ kind, atMs, type: text(entry.type) ?? 'unknown', firstSeenAtMs: finiteNumber(entry.firstSeenAtMs), summary }];
    case 'reclassified':
      return [{ kind, atMs, from: text(entry.from) ?? 'unknown', to: text(entry.to) ?? 'unknown', summary }];
    case 'recovering':
      return [{ kind, atMs, summary }];
    case 'relapsed':
      return [{ kind, atMs, type: text(entry.type) ?? 'unknown', summary }];
    case 'acknowledged':
      return [{ kind, atMs, by, note: text(entry.note) }];
    case 'resolved':
      return [{ kind, atMs, durationMs: finiteNumber(entry.durationMs), summary }];
    case 'note':
      return [{ kind, atMs, by, text: text(entry.text) ?? '' }];
    case 'resolved-by-hand':
      return [{ kind, atMs, by, reason: text(entry.reason) ?? '', durationMs: finiteNumber(entry.durationMs) }];
    case 'muted':
      return [{ kind, atMs, by, muteId: finiteNumber(entry.muteId), fromMs: finiteNumber(entry.fromMs), untilMs: finiteNumber(entry.untilMs), reason: text(entry.reason) ?? '' }];
    case 'unmuted':
      return [{ kind, atMs, by, muteId: finiteNumber(entry.muteId) }];
    case 'external-alert':
      return [{ kind, atMs, status: text(entry.status) ?? 'firing', alertName: text(entry.alertName), fingerprint: text(entry.fingerprint) ?? '', summary: text(entry.summary) }];
    case 'evidence-changed':
      return [{ kind, atMs, confidence: text(entry.confidence), signals: list(entry.signals).filter((s): s is string => typeof s === 'string'), summary }];
    default:
      return [{ kind: 'unknown', sentKind: kind, atMs, summary }];
  }
}
