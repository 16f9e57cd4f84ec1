import type { Tone } from './describe-status';
import { failureTitle } from './failure-title';
import { formatDurationText, formatRelative, formatUtcDateTime, formatUtcStamp } from './format-time';
import type { TimelineEntryDetail } from './incident-detail-answer';
import { assertNever } from '../assert-never';

/** One timeline entry in words: when, who, what. Everything a person typed is in `text`, shown as text. */
export interface TimelineItemView {
  key: string;
  /** The entry's kind as the server named it (data-kind). */
  kind: string;
  label: string;
  /** A glyph per kind: the list reads without colour. */
  icon: string;
  tone: Tone;
  atMs: number | null;
  /** "03:12:40 UTC", with the date when not today. */
  at: string;
  relative: string;
  /** "2026-11-24 03:12:40 UTC". */
  atFull: string;
  by: string | null;
  text: string;
  /** Written by a person (a note, a reason): shown quoted, line breaks kept. */
  fromPerson: boolean;
  /** A second line: how long after first seen, until when, which signals. */
  detail: string | null;
}

type Words = Pick<TimelineItemView, 'label' | 'icon' | 'tone' | 'text' | 'detail'> & { by?: string; fromPerson?: boolean };

export function buildIncidentTimeline(entries: readonly TimelineEntryDetail[], nowMs: number): TimelineItemView[] {
  return entries.map((entry, i) => {
    const words = describeEntry(entry, nowMs);
    return {
      key: `${i}-${entry.kind}-${entry.atMs ?? ''}`,
      kind: entry.kind === 'unknown' ? entry.sentKind : entry.kind,
      label: words.label,
      icon: words.icon,
      tone: words.tone,
      atMs: entry.atMs,
      at: formatUtcStamp(entry.atMs, nowMs),
      relative: formatRelative(entry.atMs, nowMs),
      atFull: formatUtcDateTime(entry.atMs),
      by: words.by ?? null,
      text: words.text,
      fromPerson: words.fromPerson ?? false,
      detail: words.detail,
    };
  });
}

function describeEntry(entry: TimelineEntryDetail, nowMs: number): Words {
  switch (entry.kind) {
    case 'opened': {
      const detectedMs = entry.firstSeenAtMs === null || entry.atMs === null ? null : entry.atMs - entry.firstSeenAtMs;
      return {
        label: 'Opened',
        icon: '●',
        tone: 'bad',
        text: entry.summary || `${failureTitle(entry.type)} opened`,
        detail: entry.firstSeenAtMs === null ? null : `first seen ${formatUtcStamp(entry.firstSeenAtMs, nowMs)}, held ${formatDurationText(detectedMs)} before opening`,
      };
    }
    case 'reclassified':
      return { label: 'Reclassified', icon: '▲', tone: 'warn', text: `${failureTitle(entry.from)} → ${failureTitle(entry.to)}`, detail: entry.summary || null };
    case 'recovering':
      return { label: 'Recovering', icon: '◐', tone: 'warn', text: entry.summary || 'the fault is no longer observed; recovery is being verified', detail: null };
    case 'relapsed':
      return { label: 'Relapsed', icon: '↻', tone: 'bad', text: entry.summary || `${failureTitle(entry.type)} again`, detail: null };
    case 'acknowledged':
      return { label: 'Acknowledged', icon: '✓', tone: 'info', by: entry.by, text: entry.note ?? '', fromPerson: entry.note !== null, detail: null };
    case 'resolved':
      return { label: 'Resolved automatically', icon: '○', tone: 'ok', text: entry.summary || 'recovery verified', detail: afterFirstSeen(entry.durationMs) };
    case 'note':
      return { label: 'Note', icon: '✎', tone: 'neutral', by: entry.by, text: entry.text, fromPerson: true, detail: null };
    case 'resolved-by-hand':
      return { label: 'Resolved by hand', icon: '✔', tone: 'ok', by: entry.by, text: entry.reason, fromPerson: true, detail: afterFirstSeen(entry.durationMs) };
    case 'muted':
      return {
        label: 'Notifications muted',
        icon: '⊘',
        tone: 'neutral',
        by: entry.by,
        text: entry.reason,
        fromPerson: true,
        detail: entry.untilMs === null ? null : `until ${formatUtcStamp(entry.untilMs, nowMs)}; incidents are still recorded`,
      };
    case 'unmuted':
      return { label: 'Notifications unmuted', icon: '◌', tone: 'neutral', by: entry.by, text: '', detail: null };
    case 'external-alert':
      return {
        label: entry.status === 'resolved' ? 'Alertmanager alert resolved' : 'Alertmanager alert firing',
        icon: '⚑',
        tone: entry.status === 'resolved' ? 'ok' : 'warn',
        text: [entry.alertName ?? entry.fingerprint, entry.summary].filter(Boolean).join(': '),
        detail: null,
      };
    case 'evidence-changed':
      return {
        label: 'Evidence changed',
        icon: '≈',
        tone: 'info',
        text: entry.summary,
        detail: [entry.confidence ? `${entry.confidence} confidence` : null, entry.signals.length > 0 ? `signals: ${entry.signals.join(', ')}` : null].filter(Boolean).join('; ') || null,
      };
    case 'unknown':
      // A kind added after this build: shown as it comes.
      return { label: entry.sentKind, icon: '·', tone: 'neutral', text: entry.summary, detail: null };
    default:
      return assertNever(entry, 'timeline entry');
  }
}

function afterFirstSeen(durationMs: number | null): string | null {
  return durationMs === null ? null : `${formatDurationText(durationMs)} after first seen`;
}
