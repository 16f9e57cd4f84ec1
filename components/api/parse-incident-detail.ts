import { parseEvidencePoint } from '../../lib/incidents/evidence-point';
import type { ExternalAlertDetail, IncidentDetailAnswer, ResolutionDetail } from '../../lib/view/incident-detail-answer';
import { parseMutes } from './parse-mutes';
import { parseTimelineEntry } from './parse-timeline-entry';
import { finiteNumber, isObject, list, oneOf, stringRecord, strings, text, type JsonObject } from './read-json';

/**
 * GET /api/incidents/:id (docs/api.md, "The HTTP API"), read tolerantly: fields this build does
 * not know are ignored, a missing optional field reads as absent or empty, and only a body
 * without an id or pipeline is refused. An older server's bare IncidentJson reads too.
 */

export type ParsedIncident = { ok: true; incident: IncidentDetailAnswer } | { ok: false; error: string };

export function parseIncidentDetail(body: unknown): ParsedIncident {
  if (!isObject(body)) return { ok: false, error: 'the server answered with something other than an incident' };
  if (typeof body.error === 'string') return { ok: false, error: body.error };
  const id = text(body.id);
  const pipelineId = text(body.pipelineId);
  if (id === null || pipelineId === null) return { ok: false, error: 'the incident has no id or pipeline' };
  const finding = isObject(body.finding) ? body.finding : null;
  return {
    ok: true,
    incident: {
      id,
      pipelineId,
      type: text(body.type) ?? text(body.family) ?? 'unknown',
      severity: oneOf(body.severity, ['critical', 'warning', 'info'] as const, 'warning'),
      status: oneOf(body.status, ['open', 'recovering', 'resolved'] as const, 'open'),
      firstSeenAtMs: finiteNumber(body.firstSeenAtMs),
      openedAtMs: finiteNumber(body.openedAtMs),
      lastSeenAtMs: finiteNumber(body.lastSeenAtMs),
      resolvedAtMs: finiteNumber(body.resolvedAtMs),
      acknowledged: isObject(body.acknowledged) ? { atMs: finiteNumber(body.acknowledged.atMs), by: text(body.acknowledged.by) ?? 'someone' } : null,
      resolution: parseResolution(body.resolution),
      baselineLagMessages: finiteNumber(body.baselineLagMessages),
      peakLagMessages: finiteNumber(body.peakLagMessages),
      finding: finding
        ? {
            confidence: text(finding.confidence),
            evidence: list(finding.evidence).flatMap((e) => (isObject(e) && typeof e.text === 'string' ? [e.text] : typeof e === 'string' ? [e] : [])),
            kafkaOnly: finding.kafkaOnly === true,
          }
        : null,
      recommendation: parseRecommendation(body.recommendation),
      failure: parseFailure(body.failure),
      // A stable sort: entries of the same millisecond keep the server's order.
      timeline: list(body.timeline)
        .flatMap(parseTimelineEntry)
        .sort((a, b) => (a.atMs ?? 0) - (b.atMs ?? 0)),
      evidence: list(body.evidence)
        .flatMap((p) => parseEvidencePoint(p) ?? [])
        .sort((a, b) => a.atMs - b.atMs),
      externalAlerts: list(body.externalAlerts).flatMap(parseExternalAlert),
      mutes: parseMutes(body.mutes),
    },
  };
}

function parseResolution(value: unknown): ResolutionDetail | null {
  if (!isObject(value)) return null;
  const atMs = finiteNumber(value.atMs);
  const reason = text(value.reason) ?? '';
  if (value.kind === 'by-hand') return { kind: 'by-hand', atMs, by: text(value.by) ?? 'someone', reason };
  if (value.kind === 'automatic') return { kind: 'automatic', atMs, reason };
  return null;
}

function parseRecommendation(value: unknown): IncidentDetailAnswer['recommendation'] {
  if (!isObject(value)) return null;
  return { now: strings(value.now), check: strings(value.check), expectedEffect: text(value.expectedEffect) ?? '', settings: strings(value.settings) };
}

function parseFailure(value: unknown): IncidentDetailAnswer['failure'] {
  if (!isObject(value)) return null;
  const response = text(value.response);
  if (response === null) return null;
  return { title: text(value.title), response, checks: strings(value.checks), settings: strings(value.settings) };
}

function parseExternalAlert(value: unknown): ExternalAlertDetail[] {
  if (!isObject(value)) return [];
  const alert: JsonObject = value;
  return [
    {
      id: finiteNumber(alert.id),
      fingerprint: text(alert.fingerprint) ?? '',
      status: oneOf(alert.status, ['firing', 'resolved'] as const, 'firing'),
      startsAtMs: finiteNumber(alert.startsAtMs),
      endsAtMs: finiteNumber(alert.endsAtMs),
      labels: stringRecord(alert.labels),
      annotations: stringRecord(alert.annotations),
    },
  ];
}
