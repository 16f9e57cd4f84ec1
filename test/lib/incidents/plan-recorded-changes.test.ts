import { describe, expect, it } from 'vitest';
import type { IncidentChange, TimelineEntry } from '../../../lib/incidents/incident';
import type { IncidentRecord } from '../../../lib/incidents/incident-record';
import { planRecordedChanges } from '../../../lib/incidents/plan-recorded-changes';
import { finding, incident, T } from './minimal-incident';

const ID = `fraud/slow-sink/${T}`;
const base = incident();
const record = (over: Partial<IncidentRecord> = {}): IncidentRecord => ({ incident: base, resolution: null, lastChangeAtMs: T + 2_000, ...over });
const recovering: TimelineEntry = { kind: 'recovering', atMs: T + 10_000, summary: 'no longer observed' };
const resolvedEntry: TimelineEntry = { kind: 'resolved', atMs: T + 14_000, durationMs: 14_000, summary: 'recovery verified over 5 cycles' };
const resolvedIncident = incident({ status: 'resolved', resolvedAtMs: T + 14_000, timeline: [...base.timeline, recovering, resolvedEntry] });

interface Expected {
  written: { status: string; acknowledged?: unknown; resolution: unknown; lastChangeAtMs: number } | null;
  entries: string[];
  ignored: number;
}

describe('planRecordedChanges', () => {
  const cases: { desc: string; input: { existing: IncidentRecord[]; changes: IncidentChange[] }; expected: Expected }[] = [
    {
      desc: 'an opened incident is written with its opened entry',
      input: { existing: [], changes: [{ kind: 'opened', atMs: T + 2_000, incident: base }] },
      expected: { written: { status: 'open', resolution: null, lastChangeAtMs: T + 2_000 }, entries: ['opened'], ignored: 0 },
    },
    {
      desc: 'an update without an entry rewrites the incident only',
      input: { existing: [record()], changes: [{ kind: 'updated', atMs: T + 3_000, incident: { ...base, lastSeenAtMs: T + 3_000 }, entry: null }] },
      expected: { written: { status: 'open', resolution: null, lastChangeAtMs: T + 3_000 }, entries: [], ignored: 0 },
    },
    {
      desc: 'an incident first met through an update brings its bounded timeline',
      input: { existing: [], changes: [{ kind: 'updated', atMs: T + 10_000, incident: { ...base, status: 'recovering', timeline: [...base.timeline, recovering] }, entry: recovering }] },
      expected: { written: { status: 'recovering', resolution: null, lastChangeAtMs: T + 10_000 }, entries: ['opened', 'recovering'], ignored: 0 },
    },
    {
      desc: 'a resolve is automatic, with the reducer summary as reason and the entries of that cycle',
      input: { existing: [record()], changes: [{ kind: 'resolved', atMs: T + 14_000, incident: resolvedIncident }] },
      expected: { written: { status: 'resolved', resolution: { kind: 'automatic', atMs: T + 14_000, reason: 'recovery verified over 5 cycles' }, lastChangeAtMs: T + 14_000 }, entries: ['resolved'], ignored: 0 },
    },
    {
      desc: 'a change for a resolved incident is ignored (resolved by hand, or replayed)',
      input: { existing: [record({ incident: resolvedIncident, resolution: { kind: 'by-hand', atMs: T + 5_000, by: 'ann', reason: 'x' } })], changes: [{ kind: 'updated', atMs: T + 20_000, incident: base, entry: null }] },
      expected: { written: null, entries: [], ignored: 1 },
    },
    {
      desc: 'an older change (a replay) adds its entries but does not roll the incident back',
      input: { existing: [record({ lastChangeAtMs: T + 10_000 })], changes: [{ kind: 'updated', atMs: T + 5_000, incident: base, entry: recovering }] },
      expected: { written: null, entries: ['recovering'], ignored: 0 },
    },
    {
      desc: 'an acknowledgement made through the store survives an update that does not know it',
      input: { existing: [record({ incident: { ...base, acknowledged: { atMs: T + 4_000, by: 'ann' } } })], changes: [{ kind: 'updated', atMs: T + 5_000, incident: base, entry: null }] },
      expected: { written: { status: 'open', acknowledged: { atMs: T + 4_000, by: 'ann' }, resolution: null, lastChangeAtMs: T + 5_000 }, entries: [], ignored: 0 },
    },
    {
      desc: 'a finding whose signals changed adds an evidence-changed entry',
      input: {
        existing: [record()],
        changes: [{ kind: 'updated', atMs: T + 5_000, incident: { ...base, finding: finding({ confidence: 'medium' }) }, entry: null }],
      },
      expected: { written: { status: 'open', resolution: null, lastChangeAtMs: T + 5_000 }, entries: ['evidence-changed'], ignored: 0 },
    },
    {
      desc: 'a rejected change is not stored',
      input: { existing: [], changes: [{ kind: 'rejected', atMs: T, input: { kind: 'acknowledged', incidentId: ID, atMs: T, by: 'ann', note: null }, reason: 'no open incident' }] },
      expected: { written: null, entries: [], ignored: 0 },
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const plan = planRecordedChanges(new Map(input.existing.map((r) => [r.incident.id, r])), input.changes);
    const written = plan.records.get(ID);
    expect({
      written: written === undefined ? null : { status: written.incident.status, ...(expected.written?.acknowledged === undefined ? {} : { acknowledged: written.incident.acknowledged }), resolution: written.resolution, lastChangeAtMs: written.lastChangeAtMs },
      entries: plan.entries.map((e) => e.entry.kind),
      ignored: plan.ignored,
    }).toEqual(expected);
  });

  it('applies a batch in order: opened then updated in one call ends at the update', () => {
    const plan = planRecordedChanges(new Map(), [
      { kind: 'opened', atMs: T + 2_000, incident: base },
      { kind: 'updated', atMs: T + 3_000, incident: { ...base, lastSeenAtMs: T + 3_000 }, entry: null },
    ]);
    expect([...plan.records.values()].map((r) => [r.incident.lastSeenAtMs, r.lastChangeAtMs])).toEqual([[T + 3_000, T + 3_000]]);
  });
});
