import { describe, expect, it } from 'vitest';
import type { IncidentChange } from '../../../lib/incidents/incident';
import { reduceIncidents, replayIncidents } from '../../../lib/incidents/reduce-incidents';
import { evidencePoints, scenario, T0 } from '../../lib/incidents/incident-fixtures';
import { errorKind, ids, kindsOf, useFreshStores, type OpenFreshStore } from './store-suite-support';

/**
 * Incidents and their timelines, whatever the database: run once against SQLite and once against
 * PostgreSQL. Mutes and external alerts are in mute-and-alert-suite.ts.
 */
export function defineIncidentStoreSuite(name: string, openFresh: OpenFreshStore): void {
  describe(`incident store on ${name}`, () => {
    const fresh = useFreshStores(openFresh);

    describe('recording the reducer', () => {
      it('stores every incident with its timeline, newest opened first', async () => {
        const { store } = await fresh();
        const page = await store.listIncidents();
        expect(page.ok && page.incidents.map((s) => [s.incident.id, s.incident.status, s.resolution?.kind ?? null])).toEqual([
          [ids().stuck, 'open', null],
          [ids().hot, 'open', null],
          [ids().outage, 'resolved', 'automatic'],
        ]);
        expect(await kindsOf(store, ids().outage)).toEqual(['opened', 'reclassified', 'evidence-changed', 'evidence-changed', 'recovering', 'resolved']);
      });

      it('replaying the same changes adds nothing and changes nothing', async () => {
        const { store } = await fresh();
        const before = await Promise.all(Object.values(ids()).map((id) => store.getIncident(id)));
        const summary = await store.recordChanges(scenario().changes);
        expect(summary.timelineEntriesAdded).toBe(0);
        expect(await Promise.all(Object.values(ids()).map((id) => store.getIncident(id)))).toEqual(before);
      });

      it('replaying an older prefix does not roll incidents back', async () => {
        const { store } = await fresh();
        const before = await store.listIncidents();
        await store.recordChanges(scenario().changes.slice(0, 5));
        expect(await store.listIncidents()).toEqual(before);
      });

      it('rejected changes are not stored', async () => {
        const { store } = await fresh();
        const rejected: IncidentChange = { kind: 'rejected', atMs: T0, input: { kind: 'acknowledged', incidentId: 'nope', atMs: T0, by: 'ann', note: null }, reason: 'no open incident nope' };
        expect(await store.recordChanges([rejected])).toEqual({ incidentsWritten: 0, timelineEntriesAdded: 0, changesIgnored: 0 });
        expect(errorKind(await store.getIncident('nope'))).toBe('not-found');
      });

      it('openIncidents gives back exactly what the reducer holds open, bigint offsets included', async () => {
        const { store } = await fresh();
        const { state } = replayIncidents(scenario().inputs);
        expect(await store.openIncidents()).toEqual([...state.open.values()].sort((a, b) => a.openedAtMs - b.openedAtMs));
        const stuck = (await store.openIncidents()).find((i) => i.id === ids().stuck);
        expect(stuck?.finding.type === 'permanent-data-error' && stuck.finding.facts.stuckPartitions[0]?.stuckAtOffset).toBe(18_000n);
      });
    });

    describe('evidence', () => {
      it('is stored once per point time, in time order', async () => {
        const { store } = await fresh();
        const points = evidencePoints();
        expect(await store.recordEvidence(ids().outage, points.slice(100).concat(points.slice(0, 100)))).toEqual({ ok: true, added: points.length });
        expect(await store.recordEvidence(ids().outage, points)).toEqual({ ok: true, added: 0 });
        const got = await store.getIncident(ids().outage);
        expect(got.ok && got.detail.evidence).toEqual(points);
      });

      const cases = [
        { desc: 'an unknown incident', input: { id: 'fraud/slow-sink/1', points: evidencePoints().slice(0, 1) }, expected: 'not-found' },
        { desc: 'a point without a time', input: { id: '', points: [{ ...evidencePoints()[0]!, atMs: Number.NaN }] }, expected: 'invalid' },
      ];
      it.each(cases)('refuses $desc', async ({ input, expected }) => {
        const { store } = await fresh();
        expect(errorKind(await store.recordEvidence(input.id || ids().outage, input.points))).toBe(expected);
      });
    });

    describe('acknowledging', () => {
      it('records who and when, survives later reducer updates, and matches the reducer entry', async () => {
        const { store, clock } = await fresh();
        const ack = await store.acknowledge(ids().stuck, 'ann', 'looking at partition 2');
        expect(ack).toEqual({ ok: true, entry: { kind: 'acknowledged', atMs: clock.ms, by: 'ann', note: 'looking at partition 2' } });
        // The reducer goes on without knowing: its next update must not erase the acknowledgement.
        await store.recordChanges(scenario().changes.slice(-1));
        const page = await store.listIncidents({ status: 'open' });
        expect(page.ok && page.incidents.find((s) => s.incident.id === ids().stuck)?.incident.acknowledged).toEqual({ atMs: clock.ms, by: 'ann' });
        // The caller may also dispatch the same acknowledgement to the reducer: its entry is the same one.
        if (!ack.ok) throw new Error('not acknowledged');
        const { state } = replayIncidents(scenario().inputs);
        const { changes } = reduceIncidents(state, { kind: 'acknowledged', incidentId: ids().stuck, atMs: ack.entry.atMs, by: ack.entry.by, note: ack.entry.note });
        expect((await store.recordChanges(changes)).timelineEntriesAdded).toBe(0);
        expect((await kindsOf(store, ids().stuck)).filter((k) => k === 'acknowledged')).toHaveLength(1);
      });

      const cases = [
        { desc: 'an unknown incident', input: { id: 'nope', by: 'ann' }, expected: 'not-found' },
        { desc: 'an empty name', input: { id: 'stuck', by: '  ' }, expected: 'invalid' },
        { desc: 'a resolved incident', input: { id: 'outage', by: 'ann' }, expected: 'conflict' },
        { desc: 'a second acknowledgement', input: { id: 'hot', by: 'bob' }, expected: 'conflict' },
      ];
      it.each(cases)('refuses $desc', async ({ input, expected }) => {
        const { store } = await fresh();
        await store.acknowledge(ids().hot, 'ann', null);
        const id = (ids() as Record<string, string>)[input.id] ?? input.id;
        expect(errorKind(await store.acknowledge(id, input.by, null))).toBe(expected);
      });
    });

    describe('notes', () => {
      it('may be added to a resolved incident, for the postmortem', async () => {
        const { store, clock } = await fresh();
        expect(await store.addNote(ids().outage, 'ann', 'the sink\'s TLS certificate had expired')).toEqual({
          ok: true,
          entry: { kind: 'note', atMs: clock.ms, by: 'ann', text: "the sink's TLS certificate had expired" },
        });
        expect((await kindsOf(store, ids().outage)).at(-1)).toBe('note');
      });

      const cases = [
        { desc: 'empty text', input: { id: 'outage', by: 'ann', text: '' }, expected: 'invalid' },
        { desc: 'an unknown incident', input: { id: 'nope', by: 'ann', text: 'x' }, expected: 'not-found' },
        { desc: 'a name longer than 200 characters', input: { id: 'outage', by: 'a'.repeat(201), text: 'x' }, expected: 'invalid' },
      ];
      it.each(cases)('refuses $desc', async ({ input, expected }) => {
        const { store } = await fresh();
        const id = (ids() as Record<string, string>)[input.id] ?? input.id;
        expect(errorKind(await store.addNote(id, input.by, input.text))).toBe(expected);
      });
    });

    describe('resolving by hand', () => {
      it('closes the incident for good: it leaves openIncidents and later reducer changes are ignored', async () => {
        const { store, clock } = await fresh();
        const resolved = await store.resolveByHand(ids().stuck, 'ann', 'bad record skipped by hand');
        expect(resolved.ok && resolved.incident.resolution).toEqual({ kind: 'by-hand', atMs: clock.ms, by: 'ann', reason: 'bad record skipped by hand' });
        expect((await store.openIncidents()).map((i) => i.id)).toEqual([ids().hot]);
        const summary = await store.recordChanges(scenario().changes.filter((c) => c.kind !== 'rejected' && c.incident.id === ids().stuck));
        expect(summary).toMatchObject({ incidentsWritten: 0, timelineEntriesAdded: 0 });
        const page = await store.listIncidents({ status: 'resolved' });
        expect(page.ok && page.incidents.map((s) => s.incident.id)).toEqual([ids().stuck, ids().outage]);
        expect((await kindsOf(store, ids().stuck)).at(-1)).toBe('resolved-by-hand');
      });

      const cases = [
        { desc: 'an incident resolved automatically', input: { id: 'outage', by: 'ann', reason: 'done' }, expected: 'conflict' },
        { desc: 'an unknown incident', input: { id: 'nope', by: 'ann', reason: 'done' }, expected: 'not-found' },
        { desc: 'no reason', input: { id: 'hot', by: 'ann', reason: ' ' }, expected: 'invalid' },
      ];
      it.each(cases)('refuses $desc', async ({ input, expected }) => {
        const { store } = await fresh();
        const id = (ids() as Record<string, string>)[input.id] ?? input.id;
        expect(errorKind(await store.resolveByHand(id, input.by, input.reason))).toBe(expected);
      });

      it('refuses a second manual resolve', async () => {
        const { store } = await fresh();
        await store.resolveByHand(ids().hot, 'ann', 'keys rebalanced');
        const again = await store.resolveByHand(ids().hot, 'bob', 'again');
        expect(again).toEqual({ ok: false, error: { kind: 'conflict', message: `incident ${ids().hot} is already resolved (by ann)` } });
      });
    });

    describe('listing', () => {
      it('pages newest first with a cursor, without repeats', async () => {
        const { store } = await fresh();
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 5; page++) {
          const got = await store.listIncidents({ limit: 1, ...(cursor === undefined ? {} : { cursor }) });
          if (!got.ok) throw new Error(got.error.message);
          seen.push(...got.incidents.map((s) => s.incident.id));
          if (got.nextCursor === null) break;
          cursor = got.nextCursor;
        }
        expect(seen).toEqual([ids().stuck, ids().hot, ids().outage]);
      });

      const cases = [
        { desc: 'by type', input: { type: 'hot-partition' as const }, expected: ['hot'] },
        { desc: 'by pipeline', input: { pipelineId: 'billing' }, expected: [] },
        { desc: 'open ones', input: { status: 'open' as const }, expected: ['stuck', 'hot'] },
        { desc: 'overlapping a window before the second fault', input: { fromMs: T0 + 100_000, toMs: T0 + 150_000 }, expected: ['outage'] },
        { desc: 'overlapping a window after the outage', input: { fromMs: T0 + 110_000 }, expected: ['stuck', 'hot'] },
      ];
      it.each(cases)('filters $desc', async ({ input, expected }) => {
        const { store } = await fresh();
        const got = await store.listIncidents(input);
        expect(got.ok && got.incidents.map((s) => s.incident.id)).toEqual(expected.map((k) => (ids() as Record<string, string>)[k]));
      });

      const invalid = [
        { desc: 'limit 0', input: { limit: 0 } },
        { desc: 'limit 501', input: { limit: 501 } },
        { desc: 'a made-up cursor', input: { cursor: 'yesterday' } },
        { desc: 'toMs before fromMs', input: { fromMs: 2, toMs: 1 } },
        { desc: 'an unknown type', input: { type: 'gremlins' as never } },
      ];
      it.each(invalid)('refuses $desc', async ({ input }) => {
        const { store } = await fresh();
        expect(errorKind(await store.listIncidents(input))).toBe('invalid');
      });
    });

    describe('figures', () => {
      it('gives times to detect, acknowledge and resolve per failure type, in seconds', async () => {
        const { store, clock } = await fresh();
        clock.ms = T0 + 195_000;
        await store.acknowledge(ids().stuck, 'ann', null);
        const got = await store.incidentFigures();
        expect(got.ok && got.figures.map((f) => [f.type, f.count, f.open, f.timeToDetect.medianSeconds, f.timeToAcknowledge.medianSeconds, f.timeToResolve.medianSeconds])).toEqual([
          ['permanent-data-error', 1, 1, 2, 3, null],
          ['sink-unavailable', 1, 0, 2, null, 43],
          ['hot-partition', 1, 1, 2, null, null],
        ]);
        const filtered = await store.incidentFigures({ status: 'resolved' });
        expect(filtered.ok && filtered.figures.map((f) => f.type)).toEqual(['sink-unavailable']);
      });
    });
  });
}
