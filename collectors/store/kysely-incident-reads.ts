import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Incident } from '../../lib/incidents/incident';
import { buildIncidentFigures } from '../../lib/incidents/build-incident-figures';
import { downsampleEvidence, MAX_EVIDENCE_POINTS } from '../../lib/incidents/downsample-evidence';
import { formatIncidentCursor, parseIncidentCursor } from '../../lib/incidents/incident-cursor';
import { toStoredIncident } from '../../lib/incidents/incident-record';
import { parseIncidentRow } from './incident-row';
import {
  DEFAULT_LIST_LIMIT,
  MAX_LIST_LIMIT,
  type IncidentDetail,
  type IncidentFigures,
  type IncidentFilter,
  type IncidentListQuery,
  type IncidentPage,
} from '../../lib/incidents/incident-store';
import type { StoreDatabase } from './store-schema';
import { storeError, type StoreResult } from '../../lib/incidents/store-result';
import { parseEvidenceRow, parseExternalAlertRow, parseMuteRow, parseTimelineRow } from './store-rows';
import { validateIncidentFilter } from '../../lib/incidents/validate-store-input';

/** The store's queries that only read; each takes the Kysely instance (or a transaction). */

type Db = Kysely<StoreDatabase>;

export async function listIncidents(db: Db, query: IncidentListQuery): Promise<StoreResult<IncidentPage>> {
  const limit = query.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) return storeError('invalid', `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}`);
  const problem = validateIncidentFilter(query);
  if (problem !== null) return { ok: false, error: problem };
  const cursor = query.cursor === undefined ? null : parseIncidentCursor(query.cursor);
  if (query.cursor !== undefined && cursor === null) return storeError('invalid', 'cursor is not one this listing gave out');

  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where((eb) => filterCondition(eb, query))
    .$if(cursor !== null, (qb) =>
      qb.where((eb) => eb.or([eb('opened_at_ms', '<', cursor!.openedAtMs), eb.and([eb('opened_at_ms', '=', cursor!.openedAtMs), eb('id', '<', cursor!.id)])])),
    )
    .orderBy('opened_at_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const incidents = rows.slice(0, limit).map((row) => toStoredIncident(parseIncidentRow(row)));
  const last = incidents.at(-1)?.incident;
  return { ok: true, incidents, nextCursor: rows.length > limit && last ? formatIncidentCursor({ openedAtMs: last.openedAtMs, id: last.id }) : null };
}

export async function getIncident(db: Db, incidentId: string): Promise<StoreResult<{ detail: IncidentDetail }>> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirst();
  if (row === undefined) return storeError('not-found', `no incident ${incidentId}`);
  const stored = toStoredIncident(parseIncidentRow(row));
  const { incident } = stored;
  const [timeline, evidence, alerts, mutes] = await Promise.all([
    db.selectFrom('timeline_entries').select(['kind', 'entry_json']).where('incident_id', '=', incidentId).orderBy('at_ms').orderBy('id').execute(),
    db.selectFrom('evidence_points').select('point_json').where('incident_id', '=', incidentId).orderBy('at_ms').execute(),
    db.selectFrom('external_alerts').selectAll().where('incident_id', '=', incidentId).orderBy('received_at_ms').orderBy('id').execute(),
    db
      .selectFrom('mutes')
      .selectAll()
      .where('pipeline_id', '=', incident.pipelineId)
      .where('until_ms', '>=', incident.firstSeenAtMs)
      .$if(incident.resolvedAtMs !== null, (qb) => qb.where('from_ms', '<=', incident.resolvedAtMs!))
      .orderBy('from_ms')
      .orderBy('id')
      .execute(),
  ]);
  const points = evidence.map(parseEvidenceRow);
  return {
    ok: true,
    detail: {
      stored,
      timeline: timeline.map(parseTimelineRow),
      evidence: downsampleEvidence(points, MAX_EVIDENCE_POINTS),
      evidenceDownsampled: points.length > MAX_EVIDENCE_POINTS,
      externalAlerts: alerts.map(parseExternalAlertRow),
      mutes: mutes.map(parseMuteRow),
    },
  };
}

export async function openIncidents(db: Db): Promise<Incident[]> {
  const rows = await db.selectFrom('incidents').selectAll().where('status', '<>', 'resolved').orderBy('opened_at_ms').orderBy('id').execute();
  return rows.map((row) => parseIncidentRow(row).incident);
}

export async function incidentFigures(db: Db, filter: IncidentFilter): Promise<StoreResult<{ figures: IncidentFigures[] }>> {
  const problem = validateIncidentFilter(filter);
  if (problem !== null) return { ok: false, error: problem };
  const rows = await db
    .selectFrom('incidents')
    .select(['type', 'first_seen_at_ms', 'opened_at_ms', 'acknowledged_at_ms', 'resolved_at_ms'])
    .where((eb) => filterCondition(eb, filter))
    .execute();
  const figures = buildIncidentFigures(
    rows.map((r) => ({
      type: r.type as IncidentFigures['type'],
      firstSeenAtMs: Number(r.first_seen_at_ms),
      openedAtMs: Number(r.opened_at_ms),
      acknowledgedAtMs: r.acknowledged_at_ms === null ? null : Number(r.acknowledged_at_ms),
      resolvedAtMs: r.resolved_at_ms === null ? null : Number(r.resolved_at_ms),
    })),
  );
  return { ok: true, figures };
}

function filterCondition(eb: ExpressionBuilder<StoreDatabase, 'incidents'>, filter: IncidentFilter) {
  const conditions = [];
  if (filter.pipelineId !== undefined) conditions.push(eb('pipeline_id', '=', filter.pipelineId));
  if (filter.type !== undefined) conditions.push(eb('type', '=', filter.type));
  if (filter.status === 'open') conditions.push(eb('status', '<>', 'resolved'));
  if (filter.status === 'resolved') conditions.push(eb('status', '=', 'resolved'));
  if (filter.toMs !== undefined) conditions.push(eb('first_seen_at_ms', '<=', filter.toMs));
  if (filter.fromMs !== undefined) conditions.push(eb.or([eb('resolved_at_ms', 'is', null), eb('resolved_at_ms', '>=', filter.fromMs)]));
  return eb.and(conditions);
}
