import type { ExternalAlertInput, StoredExternalAlert } from '../../lib/incidents/incident-store';
import type { StoreResult } from '../../lib/incidents/store-result';
import type { StoredTimelineEntry } from '../../lib/incidents/stored-timeline-entry';
import { validateExternalAlert } from '../../lib/incidents/validate-store-input';
import { parseExternalAlertRow } from './store-rows';
import { insertTimelineEntries, openIncidentIds, type WriteContext } from './store-writes';

/**
 * Stores an Alertmanager alert once per (fingerprint, start, status) and links it to the
 * pipeline's newest open incident, noting it on that incident's timeline.
 */
export async function recordExternalAlert({ db, now }: WriteContext, alert: ExternalAlertInput): Promise<StoreResult<{ alert: StoredExternalAlert; duplicate: boolean }>> {
  const problem = validateExternalAlert(alert);
  if (problem !== null) return { ok: false, error: problem };
  return db.transaction().execute(async (trx) => {
    const same = (status: string) =>
      trx.selectFrom('external_alerts').selectAll().where('fingerprint', '=', alert.fingerprint).where('starts_at_ms', '=', alert.startsAtMs).where('status', '=', status);
    const known = await same(alert.status).executeTakeFirst();
    if (known !== undefined) return { ok: true as const, alert: parseExternalAlertRow(known), duplicate: true };
    // The same occurrence (firing, then resolved) stays with the incident it was first linked to.
    const earlier = await same(alert.status === 'firing' ? 'resolved' : 'firing').where('incident_id', 'is not', null).executeTakeFirst();
    const incidentId = earlier?.incident_id ?? (alert.pipelineId === null ? null : ((await openIncidentIds(trx, alert.pipelineId)).at(-1) ?? null));
    const receivedAtMs = now();
    const inserted = await trx
      .insertInto('external_alerts')
      .values({
        fingerprint: alert.fingerprint,
        status: alert.status,
        starts_at_ms: alert.startsAtMs,
        ends_at_ms: alert.endsAtMs,
        labels_json: JSON.stringify(alert.labels),
        annotations_json: JSON.stringify(alert.annotations),
        pipeline_id: alert.pipelineId,
        incident_id: incidentId,
        received_at_ms: receivedAtMs,
      })
      .onConflict((oc) => oc.columns(['fingerprint', 'starts_at_ms', 'status']).doNothing())
      .returningAll()
      .executeTakeFirst();
    // Lost a race with the same webhook delivered twice at once.
    if (inserted === undefined) return { ok: true as const, alert: parseExternalAlertRow(await same(alert.status).executeTakeFirstOrThrow()), duplicate: true };
    const stored = parseExternalAlertRow(inserted);
    if (incidentId !== null) {
      const entry: StoredTimelineEntry = {
        kind: 'external-alert',
        atMs: receivedAtMs,
        alertId: stored.id,
        fingerprint: stored.fingerprint,
        status: stored.status,
        alertName: stored.labels.alertname ?? null,
        summary: stored.annotations.summary ?? stored.annotations.description ?? null,
      };
      await insertTimelineEntries(trx, [{ incidentId, entry }]);
    }
    return { ok: true as const, alert: stored, duplicate: false };
  });
}
