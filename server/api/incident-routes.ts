import * as z from 'zod';
import type { Logger } from '../../lib/log/logger';
import { buildAlertmanagerAnswer } from '../../lib/alerting/alertmanager-answer';
import { matchAlerts, type AlertMatchLabels, type PipelineRef } from '../../lib/alerting/match-alert-to-pipeline';
import { parseAlertmanagerPayload } from '../../lib/alerting/parse-alertmanager-payload';
import { toJsonSafe } from '../../lib/api/json-safe';
import { failureEntry, FAILURE_TYPES } from '../../lib/diagnosis/failure-table';
import { buildPostmortemMarkdown } from '../../lib/incidents/build-postmortem-markdown';
import type { IncidentStore, StoredIncident } from '../../lib/incidents/incident-store';
import type { StoreResult } from '../../lib/incidents/store-result';
import { parseDurationMs } from '../../lib/units/parse-duration';
import { ApiError, json, queryEnum, queryInt, queryString, queryTime, type ApiRequest, type ApiResponse } from './api-request';
import type { IncidentService } from '../incident-service';

/** What the incident routes need: the store for reads, the service for actions that touch the reducer too. */
export interface IncidentRoutesContext {
  store: IncidentStore;
  service: IncidentService;
  /** The pipelines of the latest cycle, for matching Alertmanager alerts. */
  pipelines(): PipelineRef[];
  matchLabels: AlertMatchLabels;
  log: Logger;
  nowMs?: () => number;
}

const MAX_MUTE_MS = 30 * 24 * 3_600_000;
const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const text = z.string().trim().min(1, 'must not be empty').max(10_000, 'at most 10,000 characters');

const acknowledgeBody = z.strictObject({ by: name, note: text.nullable().optional() });
const noteBody = z.strictObject({ by: name, text });
const resolveBody = z.strictObject({ by: name, reason: text });
const muteBody = z.strictObject({
  pipelineId: z.string().min(1).max(512),
  /** A duration from now ("2h"), or `untilMs`. */
  for: z.string().optional(),
  untilMs: z.number().int().optional(),
  by: name,
  reason: text,
});
const unmuteBody = z.strictObject({ by: name });

/**
 * Incidents (reads, acknowledge, note, resolve, postmortem, figures), mutes, and the Alertmanager
 * webhook. Returns null for a path that is not theirs.
 */
export async function routeIncidents(request: ApiRequest, context: IncidentRoutesContext): Promise<ApiResponse | null> {
  const nowMs = context.nowMs ?? Date.now;
  const [resource, id, action, ...rest] = request.segments;
  const { method } = request;
  if (rest.length > 0) return null;

  if (resource === 'incidents') {
    if (method === 'GET' && id === undefined) return list(request, context.store);
    if (method === 'GET' && id === 'figures' && action === undefined) return figures(request, context.store);
    if (id === undefined) return null;
    if (method === 'GET' && action === undefined) {
      const found = await context.store.getIncident(id);
      if (!found.ok) return storeFailure(found);
      const { detail } = found;
      const entry = failureEntry(detail.stored.incident.type);
      return json(200, {
        ...toStoredJson(detail.stored),
        timeline: detail.timeline,
        evidence: detail.evidence,
        evidenceDownsampled: detail.evidenceDownsampled,
        externalAlerts: detail.externalAlerts,
        mutes: detail.mutes,
        failure: { title: entry.title, response: entry.response, checks: entry.checks, settings: entry.settings, chapterRow: entry.chapterRow },
      });
    }
    if (method === 'GET' && action === 'postmortem') {
      const found = await context.store.getIncident(id);
      if (!found.ok) return storeFailure(found);
      const markdown = buildPostmortemMarkdown(found.detail, failureEntry(found.detail.stored.incident.type));
      return { status: 200, body: markdown, headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `inline; filename="postmortem-${safeFileName(id)}.md"` } };
    }
    if (method === 'POST' && action === 'acknowledge') {
      const body = parseBody(acknowledgeBody, request.body);
      logActor(context, request, `acknowledge ${JSON.stringify(id)}`, body.by);
      return answer(await context.service.acknowledge(id, body.by, body.note ?? null), (r) => ({ entry: r.entry }));
    }
    if (method === 'POST' && action === 'notes') {
      const body = parseBody(noteBody, request.body);
      logActor(context, request, `note on ${JSON.stringify(id)}`, body.by);
      return answer(await context.store.addNote(id, body.by, body.text), (r) => ({ entry: r.entry }), 201);
    }
    if (method === 'POST' && action === 'resolve') {
      const body = parseBody(resolveBody, request.body);
      logActor(context, request, `resolve ${JSON.stringify(id)}`, body.by);
      return answer(await context.service.resolveByHand(id, body.by, body.reason), (r) => toStoredJson(r.incident));
    }
    return null;
  }

  if (resource === 'mutes') {
    if (method === 'GET' && id === undefined) return json(200, { mutes: await context.store.activeMutes(nowMs()) });
    if (method === 'POST' && id === undefined) {
      const body = parseBody(muteBody, request.body);
      const fromMs = nowMs();
      const untilMs = muteUntil(body, fromMs);
      logActor(context, request, `mute ${JSON.stringify(body.pipelineId)}`, body.by);
      return answer(await context.service.mutePipeline({ pipelineId: body.pipelineId, fromMs, untilMs, by: body.by, reason: body.reason }), (r) => ({ mute: r.mute }), 201);
    }
    if (method === 'DELETE' && id !== undefined && action === undefined) {
      // Number() would read 0x1, 1e0 and " 1" as mute 1.
      const muteId = /^[1-9]\d{0,15}$/.test(id) ? Number(id) : NaN;
      if (!Number.isSafeInteger(muteId)) throw new ApiError(400, `mute id must be a positive integer; got ${JSON.stringify(id)}`, 'id');
      const body = parseBody(unmuteBody, request.body);
      logActor(context, request, `unmute ${muteId}`, body.by);
      return answer(await context.store.unmute(muteId, body.by), (r) => ({ mute: r.mute }));
    }
    return null;
  }

  if (resource === 'alertmanager' && id === undefined && method === 'POST') return alertmanager(request, context);
  return null;
}

async function list(request: ApiRequest, store: IncidentStore): Promise<ApiResponse> {
  const page = await store.listIncidents({
    ...filterOf(request),
    limit: queryInt(request.query, 'limit', 1, 500) ?? 100,
    cursor: queryString(request.query, 'cursor', 1_000),
  });
  if (!page.ok) return storeFailure(page);
  return json(200, { incidents: page.incidents.map(toStoredJson), nextCursor: page.nextCursor });
}

async function figures(request: ApiRequest, store: IncidentStore): Promise<ApiResponse> {
  const result = await store.incidentFigures(filterOf(request));
  if (!result.ok) return storeFailure(result);
  return json(200, { figures: result.figures });
}

function filterOf(request: ApiRequest) {
  const filter = {
    pipelineId: queryString(request.query, 'pipeline'),
    type: queryEnum(request.query, 'type', FAILURE_TYPES),
    status: queryEnum(request.query, 'status', ['open', 'resolved'] as const),
    fromMs: queryTime(request.query, 'from'),
    toMs: queryTime(request.query, 'to'),
  };
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs > filter.toMs) throw new ApiError(400, 'from must not be after to', 'from');
  return filter;
}

async function alertmanager(request: ApiRequest, context: IncidentRoutesContext): Promise<ApiResponse> {
  const parsed = parseAlertmanagerPayload(request.body);
  const answered = buildAlertmanagerAnswer(parsed);
  if (parsed.kind !== 'accepted') {
    context.log.warn(`Alertmanager webhook refused (400): ${parsed.message}`);
    return json(answered.httpStatus, answered.body);
  }
  if (parsed.truncation) context.log.warn(`Alertmanager webhook: ${parsed.truncation.message}`);
  const matched = matchAlerts(parsed.batch.alerts, context.pipelines(), context.matchLabels);
  let linked = 0;
  for (const alert of matched) {
    const stored = await context.store.recordExternalAlert({
      fingerprint: alert.fingerprint,
      status: alert.status,
      startsAtMs: alert.startsAtMs,
      endsAtMs: alert.endsAtMs,
      labels: alert.labels,
      annotations: alert.annotations,
      pipelineId: alert.pipelineId,
    });
    if (!stored.ok) {
      context.log.error(`Alertmanager alert ${alert.fingerprint} not recorded: ${stored.error.message}`);
      continue;
    }
    if (stored.alert.incidentId !== null) linked++;
  }
  return json(200, { ...answered.body, matched: matched.filter((a) => a.pipelineId !== null).length, linkedToIncidents: linked });
}

function muteUntil(body: z.infer<typeof muteBody>, fromMs: number): number {
  if ((body.for === undefined) === (body.untilMs === undefined)) throw new ApiError(400, 'give exactly one of "for" (a duration such as "2h") and "untilMs"', 'for');
  if (body.for !== undefined) {
    const parsed = parseDurationMs(body.for);
    if (!parsed.ok || parsed.valueMs <= 0 || parsed.valueMs > MAX_MUTE_MS) throw new ApiError(400, `for must be a duration from 1s to 30d, such as "2h"; got ${JSON.stringify(body.for)}`, 'for');
    return fromMs + parsed.valueMs;
  }
  // The same bound as `for`: a time past the year 275760 would break every page that shows it.
  const untilMs = body.untilMs!;
  if (untilMs < fromMs || untilMs > fromMs + MAX_MUTE_MS) {
    throw new ApiError(400, `untilMs must be from now (${fromMs}) to 30 days from now (${fromMs + MAX_MUTE_MS}); got ${untilMs}`, 'untilMs');
  }
  return untilMs;
}

/**
 * `by` is what the person typed; how the request proved itself (session cookie, bearer token, or
 * no token configured) is not theirs to type, so the log records both.
 */
function logActor(context: IncidentRoutesContext, request: ApiRequest, action: string, by: string): void {
  context.log.info(`${action} by ${JSON.stringify(by)} (authenticated: ${request.auth ?? 'open'})`);
}

function toStoredJson(stored: StoredIncident) {
  return { ...toJsonSafe(stored.incident), resolution: stored.resolution };
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (body === undefined) throw new ApiError(400, 'a JSON body is required', 'body');
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || 'body';
  throw new ApiError(400, `${field}: ${issue.message}`, field);
}

function answer<T extends object>(result: StoreResult<T>, shape: (ok: T) => unknown, status = 200): ApiResponse {
  if (!result.ok) return storeFailure(result);
  return json(status, shape(result as T));
}

function storeFailure(result: { ok: false; error: { kind: 'not-found' | 'invalid' | 'conflict'; message: string } }): ApiResponse {
  const status = result.error.kind === 'not-found' ? 404 : result.error.kind === 'conflict' ? 409 : 400;
  return json(status, { error: result.error.message, parameter: null });
}

function safeFileName(id: string): string {
  return id.replace(/[^a-zA-Z0-9._-]+/g, '_').slice(0, 120);
}
