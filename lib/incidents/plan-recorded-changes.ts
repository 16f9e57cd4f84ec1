import type { IncidentChange, TimelineEntry } from './incident';
import { canonicalJson } from './canonical-json';
import { detectEvidenceChange } from './detect-evidence-change';
import type { IncidentRecord } from './incident-record';
import type { StoredTimelineEntry } from './stored-timeline-entry';
import { assertNever } from '../assert-never';

export interface PlannedEntry {
  incidentId: string;
  entry: StoredTimelineEntry;
}

export interface RecordPlan {
  /** The rows to write, newest state of each incident touched. */
  records: Map<string, IncidentRecord>;
  /** Without repeats, but possibly already stored: the store inserts them idempotently. */
  entries: PlannedEntry[];
  ignored: number;
}

/**
 * What a batch of reducer changes does to the stored incidents, given the rows they touch. Rules:
 * a resolved incident is final (a manual resolve is not undone by the reducer still holding it
 * open, and a replay does not reopen anything); a change older than the row's newest one (a
 * replay) adds its entries but does not roll the incident back; an acknowledgement made through
 * the store survives reducer updates that do not know about it.
 */
export function planRecordedChanges(existing: ReadonlyMap<string, IncidentRecord>, changes: readonly IncidentChange[]): RecordPlan {
  const current = new Map(existing);
  const records = new Map<string, IncidentRecord>();
  const entries: PlannedEntry[] = [];
  const planned = new Set<string>();
  let ignored = 0;

  for (const change of changes) {
    if (change.kind === 'rejected') continue;
    const { incident } = change;
    const before = current.get(incident.id);
    if (before?.incident.status === 'resolved') {
      ignored++;
      continue;
    }
    const stale = before !== undefined && change.atMs < before.lastChangeAtMs;
    const add = (entry: StoredTimelineEntry) => {
      const key = `${incident.id}\u0000${canonicalJson(entry)}`;
      if (planned.has(key)) return;
      planned.add(key);
      entries.push({ incidentId: incident.id, entry });
    };

    // An incident first met mid-life (the store was added or wiped while it was open) brings its bounded timeline.
    if (before === undefined && change.kind !== 'opened') incident.timeline.forEach(add);
    entriesOf(change).forEach(add);
    if (stale) continue;

    if (change.kind === 'updated' && before !== undefined) {
      const evidence = detectEvidenceChange(before.incident.finding, incident.finding, change.atMs);
      if (evidence !== null) add(evidence);
    }
    const resolvedEntry = change.kind === 'resolved' ? incident.timeline.findLast((e) => e.kind === 'resolved') : undefined;
    const next: IncidentRecord = {
      incident: { ...incident, acknowledged: incident.acknowledged ?? before?.incident.acknowledged ?? null },
      resolution: change.kind === 'resolved' ? { kind: 'automatic', atMs: incident.resolvedAtMs ?? change.atMs, reason: resolvedEntry?.kind === 'resolved' ? resolvedEntry.summary : '' } : null,
      lastChangeAtMs: change.atMs,
    };
    current.set(incident.id, next);
    records.set(incident.id, next);
  }
  return { records, entries, ignored };
}

function entriesOf(change: Exclude<IncidentChange, { kind: 'rejected' }>): TimelineEntry[] {
  switch (change.kind) {
    case 'opened':
      return change.incident.timeline;
    case 'updated':
      return change.entry === null ? [] : [change.entry];
    case 'resolved':
      // The resolved entry, and a 'recovering' one when recovery was verified within the same cycle.
      return change.incident.timeline.filter((e) => e.atMs === change.atMs);
    default:
      return assertNever(change, 'incident change');
  }
}
