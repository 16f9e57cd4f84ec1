import { formatSeconds } from '../units/format-units';
import { escapeMarkdown as esc, formatUtc } from './markdown-text';
import type { StoredTimelineEntry } from './stored-timeline-entry';
import { assertNever } from '../assert-never';

/** One timeline entry as an event name and Markdown details, every outside string escaped. */
export function describeTimelineEntry(entry: StoredTimelineEntry): { event: string; details: string } {
  switch (entry.kind) {
    case 'opened':
      return { event: 'Opened', details: `${entry.type}, first seen ${formatUtc(entry.firstSeenAtMs)}: ${esc(entry.summary)}` };
    case 'reclassified':
      return { event: 'Reclassified', details: `${entry.from} → ${entry.to}: ${esc(entry.summary)}` };
    case 'recovering':
      return { event: 'Recovering', details: esc(entry.summary) };
    case 'relapsed':
      return { event: 'Relapsed', details: `${entry.type}: ${esc(entry.summary)}` };
    case 'acknowledged':
      return { event: 'Acknowledged', details: `by ${esc(entry.by)}${entry.note === null ? '' : `: ${esc(entry.note)}`}` };
    case 'resolved':
      return { event: 'Resolved automatically', details: `${esc(entry.summary)}, ${formatSeconds(entry.durationMs / 1000)} after first seen` };
    case 'note':
      return { event: 'Note', details: `by ${esc(entry.by)}: ${esc(entry.text)}` };
    case 'resolved-by-hand':
      return { event: 'Resolved by hand', details: `by ${esc(entry.by)}, ${formatSeconds(entry.durationMs / 1000)} after first seen: ${esc(entry.reason)}` };
    case 'muted':
      return { event: 'Pipeline muted', details: `by ${esc(entry.by)}, ${formatUtc(entry.fromMs)} to ${formatUtc(entry.untilMs)} (mute ${entry.muteId}): ${esc(entry.reason)}` };
    case 'unmuted':
      return { event: 'Pipeline unmuted', details: `by ${esc(entry.by)} (mute ${entry.muteId})` };
    case 'external-alert':
      return {
        event: 'External alert',
        details: `${esc(entry.alertName ?? entry.fingerprint)} ${entry.status}${entry.summary === null ? '' : `: ${esc(entry.summary)}`}`,
      };
    case 'evidence-changed':
      return { event: 'Evidence changed', details: `confidence ${entry.confidence}, signals ${entry.signals.join(', ')}: ${esc(entry.summary)}` };
    default:
      return assertNever(entry, 'timeline entry');
  }
}
