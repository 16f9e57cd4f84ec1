import { describe, expect, it } from 'vitest';
import { EVIDENCE_METRICS, type EvidencePoint } from '../../../lib/incidents/evidence-point';
import { MAX_EVIDENCE_POINTS } from '../../../lib/incidents/downsample-evidence';
import type { ExternalAlertInput, IncidentStore } from '../../../lib/incidents/incident-store';
import { buildStoreWorkload } from '../../../lab/bench/store-workload';
import { evidencePoints } from '../../lib/incidents/incident-fixtures';
import { errorKind, ids, kindsOf, useFreshStores, type OpenFreshStore } from './store-suite-support';

/** store.retention and the evidence cap, whatever the database: run on SQLite and on PostgreSQL. */

const DAY_MS = 86_400_000;
const NOTHING = { incidents: 0, timelineEntries: 0, evidencePoints: 0, externalAlerts: 0, mutes: 0, more: false };

async function resolvedAtMs(store: IncidentStore, id: string): Promise<number> {
  const got = await store.getIncident(id);
  if (!got.ok || got.detail.stored.incident.resolvedAtMs === null) throw new Error(`${id} is not resolved`);
  return got.detail.stored.incident.resolvedAtMs;
}

/** `count` points 5 s apart with a spike in lagSeconds at `spikeAt`. */
function longEvidence(count: number, startMs: number, spikeAt: number): EvidencePoint[] {
  return Array.from({ length: count }, (_, i) => {
    const point = { atMs: startMs + i * 5_000 } as EvidencePoint;
    for (const metric of EVIDENCE_METRICS) point[metric] = 10 + (i % 17);
    if (i === spikeAt) point.lagSeconds = 9_999;
    return point;
  });
}

const alert = (fingerprint: string, over: Partial<ExternalAlertInput> = {}): ExternalAlertInput => ({
  fingerprint,
  status: 'firing',
  startsAtMs: 1_800_000_000_000,
  endsAtMs: null,
  labels: { alertname: 'KafkaLagHigh' },
  annotations: {},
  pipelineId: null,
  ...over,
});

export function defineRetentionSuite(name: string, openFresh: OpenFreshStore): void {
  describe(`incident store retention on ${name}`, () => {
    const fresh = useFreshStores(openFresh);

    it('deletes a resolved incident past the retention with its timeline and evidence; open incidents stay whatever their age', async () => {
      const { store, clock } = await fresh();
      const points = evidencePoints();
      await store.recordEvidence(ids().outage, points);
      await store.recordEvidence(ids().stuck, points.slice(0, 10));
      const entries = (await kindsOf(store, ids().outage)).length;
      const openBefore = await Promise.all([store.getIncident(ids().stuck), store.getIncident(ids().hot)]);
      clock.ms += 365 * DAY_MS;

      expect(await store.pruneExpired(clock.ms, { retentionMs: 90 * DAY_MS, batchSize: 200 })).toEqual({ ...NOTHING, incidents: 1, timelineEntries: entries, evidencePoints: points.length });
      expect(errorKind(await store.getIncident(ids().outage))).toBe('not-found');
      expect(await Promise.all([store.getIncident(ids().stuck), store.getIncident(ids().hot)])).toEqual(openBefore);
      expect(await store.pruneExpired(clock.ms, { retentionMs: 90 * DAY_MS, batchSize: 200 })).toEqual(NOTHING);
    });

    const edges = [
      { desc: 'resolved a millisecond before the cutoff: deleted', input: { pastCutoffMs: 1 }, expected: 1 },
      { desc: 'resolved exactly at the cutoff: kept', input: { pastCutoffMs: 0 }, expected: 0 },
      { desc: 'resolved inside the retention: kept', input: { pastCutoffMs: -DAY_MS }, expected: 0 },
    ];
    it.each(edges)('$desc', async ({ input, expected }) => {
      const { store } = await fresh();
      const retentionMs = 30 * DAY_MS;
      const nowMs = (await resolvedAtMs(store, ids().outage)) + retentionMs + input.pastCutoffMs;
      expect((await store.pruneExpired(nowMs, { retentionMs, batchSize: 10 })).incidents).toBe(expected);
    });

    it('works in batches, oldest resolved first, and says when more is left', async () => {
      const { store, clock } = await fresh();
      const workload = buildStoreWorkload(25, 0, 4);
      for (const cycle of workload.cycles) await store.recordChanges(cycle);
      for (const id of workload.incidentIds) await store.recordEvidence(id, workload.evidenceOf(id));
      clock.ms += 365 * DAY_MS;
      const batches = [];
      for (let more = true; more; ) {
        const batch = await store.pruneExpired(clock.ms, { retentionMs: DAY_MS, batchSize: 10 });
        batches.push(batch);
        more = batch.more;
      }
      // 25 workload incidents and the scenario's resolved outage.
      expect(batches.map((b) => [b.incidents, b.more])).toEqual([
        [10, true],
        [10, true],
        [6, false],
      ]);
      expect(batches.reduce((n, b) => n + b.evidencePoints, 0)).toBe(25 * 4);
      const left = await store.listIncidents({ limit: 500 });
      expect(left.ok && left.incidents.map((s) => s.incident.id).sort()).toEqual([ids().hot, ids().stuck].sort());
    });

    it('deletes alerts received before the cutoff unless an incident still stored holds them', async () => {
      const { store, clock } = await fresh();
      const old = await store.recordExternalAlert(alert('unlinked-old'));
      const onOpen = await store.recordExternalAlert(alert('on-open-incident', { pipelineId: 'fraud' }));
      clock.ms += 200 * DAY_MS;
      const recent = await store.recordExternalAlert(alert('unlinked-recent'));
      if (!old.ok || !onOpen.ok || !recent.ok) throw new Error('alerts not recorded');
      expect(onOpen.alert.incidentId).not.toBeNull();

      expect(await store.pruneExpired(clock.ms, { retentionMs: 90 * DAY_MS, batchSize: 200 })).toMatchObject({ externalAlerts: 1 });
      const stillShown = await store.getIncident(onOpen.alert.incidentId!);
      expect(stillShown.ok && stillShown.detail.externalAlerts.map((a) => a.fingerprint)).toEqual(['on-open-incident']);
      // Re-posting the deleted alert stores it again: it is gone, not remembered.
      expect(await store.recordExternalAlert(alert('unlinked-old'))).toMatchObject({ ok: true, duplicate: false });
      expect(await store.recordExternalAlert(alert('unlinked-recent'))).toMatchObject({ ok: true, duplicate: true });
    });

    it('deletes mutes that ended before the cutoff, but not one over an incident still stored, nor one still running', async () => {
      const { store, clock } = await fresh();
      const hour = 3_600_000;
      const ended = await store.mutePipeline({ pipelineId: 'orders', fromMs: clock.ms, untilMs: clock.ms + hour, by: 'ann', reason: 'deploy' });
      const overOpen = await store.mutePipeline({ pipelineId: 'fraud', fromMs: clock.ms, untilMs: clock.ms + hour, by: 'ann', reason: 'deploy' });
      const unmutedEarly = await store.mutePipeline({ pipelineId: 'payments', fromMs: clock.ms, untilMs: clock.ms + 400 * DAY_MS, by: 'ann', reason: 'migration' });
      if (!ended.ok || !overOpen.ok || !unmutedEarly.ok) throw new Error('mutes not recorded');
      clock.ms += 60_000;
      await store.unmute(unmutedEarly.mute.id, 'bob');
      const running = await store.mutePipeline({ pipelineId: 'orders', fromMs: clock.ms, untilMs: clock.ms + 400 * DAY_MS, by: 'ann', reason: 'long' });
      if (!running.ok) throw new Error(running.error.message);
      clock.ms += 200 * DAY_MS;

      expect(await store.pruneExpired(clock.ms, { retentionMs: 90 * DAY_MS, batchSize: 200 })).toMatchObject({ mutes: 2 });
      const stuck = await store.getIncident(ids().stuck);
      expect(stuck.ok && stuck.detail.mutes.map((m) => m.id)).toEqual([overOpen.mute.id]);
      expect((await store.activeMutes(clock.ms)).map((m) => m.id)).toEqual([running.mute.id]);
    });

    describe('evidence cap', () => {
      it('getIncident answers at most the cap, extremes kept, and says it downsampled', async () => {
        const { store } = await fresh();
        const points = longEvidence(MAX_EVIDENCE_POINTS + 500, 1_800_000_000_000, 1_234);
        expect(await store.recordEvidence(ids().stuck, points)).toEqual({ ok: true, added: points.length });
        const got = await store.getIncident(ids().stuck);
        if (!got.ok) throw new Error(got.error.message);
        expect(got.detail.evidence.length).toBeLessThanOrEqual(MAX_EVIDENCE_POINTS);
        expect(got.detail.evidenceDownsampled).toBe(true);
        expect([got.detail.evidence[0], got.detail.evidence.at(-1)]).toEqual([points[0], points.at(-1)]);
        expect(Math.max(...got.detail.evidence.map((p) => p.lagSeconds ?? 0))).toBe(9_999);
      });

      it('getIncident answers every point under the cap', async () => {
        const { store } = await fresh();
        await store.recordEvidence(ids().stuck, evidencePoints());
        const got = await store.getIncident(ids().stuck);
        expect(got.ok && [got.detail.evidence.length, got.detail.evidenceDownsampled]).toEqual([evidencePoints().length, false]);
      });

      it('thinEvidence deletes what downsampling leaves out', async () => {
        const { store } = await fresh();
        const points = longEvidence(600, 1_800_000_000_000, 321);
        await store.recordEvidence(ids().stuck, points);
        const thinned = await store.thinEvidence(ids().stuck, 100);
        if (!thinned.ok) throw new Error(thinned.error.message);
        expect(thinned.kept + thinned.removed).toBe(600);
        expect(thinned.kept).toBeLessThanOrEqual(100);
        const got = await store.getIncident(ids().stuck);
        expect(got.ok && got.detail.evidence.length).toBe(thinned.kept);
        expect(got.ok && got.detail.evidence.some((p) => p.lagSeconds === 9_999)).toBe(true);
        expect(await store.thinEvidence(ids().stuck, 100)).toEqual({ ok: true, kept: thinned.kept, removed: 0 });
      });

      const refusals = [
        { desc: 'an unknown incident', input: { id: 'fraud/slow-sink/1', maxPoints: 100 }, expected: 'not-found' },
        { desc: 'a bound under 2', input: { id: '', maxPoints: 1 }, expected: 'invalid' },
      ];
      it.each(refusals)('thinEvidence refuses $desc', async ({ input, expected }) => {
        const { store } = await fresh();
        expect(errorKind(await store.thinEvidence(input.id || ids().stuck, input.maxPoints))).toBe(expected);
      });
    });

    it('ping answers while the store is open', async () => {
      const { store } = await fresh();
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
