import type { TimelineEntryDetail } from '../../lib/view/incident-detail-answer';
import { finiteNumber, isObject, list, text } from './read-json';

const SOMEONE = 'someone';

/** One stored timeline entry, read tolerantly (see TimelineEntryDetail); anything but an object is skipped. */
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
