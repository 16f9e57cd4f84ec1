import { describe, expect, it } from 'vitest';
import type { ExternalAlertInput, MuteRequest } from '../../../lib/incidents/incident-store';
import { T0 } from '../../lib/incidents/incident-fixtures';
import { errorKind, ids, kindsOf, useFreshStores, type OpenFreshStore, type TestClock } from './store-suite-support';

/** Mutes and external alerts, and how they mark the incidents they touch; run on both databases. */
export function defineMuteAndAlertSuite(name: string, openFresh: OpenFreshStore): void {
  describe(`incident store on ${name}`, () => {
    const fresh = useFreshStores(openFresh);

    describe('mutes', () => {
      const request = (clock: TestClock, over: Partial<MuteRequest> = {}): MuteRequest => ({ pipelineId: 'fraud', fromMs: clock.ms, untilMs: clock.ms + 3_600_000, by: 'ann', reason: 'sink migration', ...over });

      it('are active inside their window until unmuted, and leave an entry on the open incidents', async () => {
        const { store, clock } = await fresh();
        const muted = await store.mutePipeline(request(clock));
        if (!muted.ok) throw new Error(muted.error.message);
        expect((await store.activeMutes(clock.ms + 1_000)).map((m) => m.id)).toEqual([muted.mute.id]);
        expect(await store.activeMutes(clock.ms - 1)).toEqual([]);
        expect(await store.activeMutes(clock.ms + 3_600_000)).toEqual([]);
        expect((await kindsOf(store, ids().hot)).at(-1)).toBe('muted');
        expect(await kindsOf(store, ids().outage)).not.toContain('muted');

        clock.ms += 60_000;
        const unmuted = await store.unmute(muted.mute.id, 'bob');
        expect(unmuted.ok && unmuted.mute.unmuted).toEqual({ atMs: clock.ms, by: 'bob' });
        expect(await store.activeMutes(clock.ms + 1)).toEqual([]);
        expect((await store.activeMutes(clock.ms - 1)).map((m) => m.id)).toEqual([muted.mute.id]);
        expect((await kindsOf(store, ids().stuck)).slice(-2)).toEqual(['muted', 'unmuted']);
        expect(errorKind(await store.unmute(muted.mute.id, 'bob'))).toBe('conflict');
        const detail = await store.getIncident(ids().hot);
        expect(detail.ok && detail.detail.mutes.map((m) => m.id)).toEqual([muted.mute.id]);
      });

      const cases: { desc: string; input: (clock: TestClock) => Partial<MuteRequest>; expected: string }[] = [
        { desc: 'untilMs not after fromMs', input: (c) => ({ untilMs: c.ms }), expected: 'invalid' },
        { desc: 'a window already over', input: (c) => ({ fromMs: c.ms - 7_200_000, untilMs: c.ms - 3_600_000 }), expected: 'invalid' },
        { desc: 'an empty name', input: () => ({ by: '' }), expected: 'invalid' },
        { desc: 'an empty pipeline', input: () => ({ pipelineId: '' }), expected: 'invalid' },
        { desc: 'a fractional time', input: (c) => ({ fromMs: c.ms + 0.5 }), expected: 'invalid' },
      ];
      it.each(cases)('refuses $desc', async ({ input, expected }) => {
        const { store, clock } = await fresh();
        expect(errorKind(await store.mutePipeline(request(clock, input(clock))))).toBe(expected);
      });

      it('refuses to unmute an unknown mute', async () => {
        const { store } = await fresh();
        expect(errorKind(await store.unmute(4242, 'ann'))).toBe('not-found');
      });
    });

    describe('external alerts', () => {
      const alert = (over: Partial<ExternalAlertInput> = {}): ExternalAlertInput => ({
        fingerprint: 'c0ffee01',
        status: 'firing',
        startsAtMs: T0 + 190_000,
        endsAtMs: null,
        labels: { alertname: 'KafkaConsumerLagHigh', consumergroup: 'fraud' },
        annotations: { summary: 'lag above 1k for 2m' },
        pipelineId: 'fraud',
        ...over,
      });

      it('link to the pipeline\'s newest open incident, once, and the resolved one follows the firing one', async () => {
        const { store } = await fresh();
        const firing = await store.recordExternalAlert(alert());
        expect(firing.ok && [firing.alert.incidentId, firing.duplicate]).toEqual([ids().stuck, false]);
        const again = await store.recordExternalAlert(alert());
        expect(again.ok && [again.alert.id, again.duplicate]).toEqual([firing.ok && firing.alert.id, true]);
        await store.resolveByHand(ids().stuck, 'ann', 'fixed');
        const resolved = await store.recordExternalAlert(alert({ status: 'resolved', endsAtMs: T0 + 400_000 }));
        expect(resolved.ok && resolved.alert.incidentId).toBe(ids().stuck);
        const detail = await store.getIncident(ids().stuck);
        expect(detail.ok && detail.detail.externalAlerts.map((a) => a.status)).toEqual(['firing', 'resolved']);
        expect((await kindsOf(store, ids().stuck)).filter((k) => k === 'external-alert')).toHaveLength(2);
      });

      const cases = [
        { desc: 'a pipeline without an open incident', input: alert({ pipelineId: 'billing' }), expected: { ok: true, incidentId: null } },
        { desc: 'no pipeline', input: alert({ pipelineId: null }), expected: { ok: true, incidentId: null } },
        { desc: 'an empty fingerprint', input: alert({ fingerprint: '' }), expected: { ok: false, incidentId: null } },
        { desc: 'an end before the start', input: alert({ endsAtMs: T0 }), expected: { ok: false, incidentId: null } },
      ];
      it.each(cases)('$desc', async ({ input, expected }) => {
        const { store } = await fresh();
        const result = await store.recordExternalAlert(input);
        expect({ ok: result.ok, incidentId: result.ok ? result.alert.incidentId : null }).toEqual(expected);
      });
    });
  });
}
