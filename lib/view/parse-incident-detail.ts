/**
 * GET /api/incidents/:id, read tolerantly. The shape is IncidentJson today and will grow (a
 * richer timeline, evidence over time): fields this build does not know are ignored, a missing
 * optional field reads as absent, and only a body without an id or pipeline is refused.
 */

export interface IncidentDetail {
  id: string;
  pipelineId: string;
  type: string;
  severity: 'critical' | 'warning' | 'info';
  status: 'open' | 'recovering' | 'resolved';
  firstSeenAtMs: number | null;
  openedAtMs: number | null;
  lastSeenAtMs: number | null;
  resolvedAtMs: number | null;
  acknowledged: { atMs: number | null; by: string } | null;
  baselineLagMessages: number | null;
  peakLagMessages: number | null;
  finding: { confidence: string | null; evidence: string[]; kafkaOnly: boolean } | null;
  /** Present when the server sends one with the incident. */
  recommendation: { now: string[]; check: string[]; expectedEffect: string; settings: string[] } | null;
  timeline: TimelineItem[];
}

export interface TimelineItem {
  kind: string;
  atMs: number | null;
  summary: string;
}

export type ParsedIncident = { ok: true; incident: IncidentDetail } | { ok: false; error: string };

type Json = Record<string, unknown>;

export function parseIncidentDetail(body: unknown): ParsedIncident {
  if (!isObject(body)) return { ok: false, error: 'the server answered with something other than an incident' };
  if (typeof body.error === 'string') return { ok: false, error: body.error };
  const id = str(body.id);
  const pipelineId = str(body.pipelineId);
  if (id === null || pipelineId === null) return { ok: false, error: 'the incident has no id or pipeline' };
  const finding = isObject(body.finding) ? body.finding : null;
  return {
    ok: true,
    incident: {
      id,
      pipelineId,
      type: str(body.type) ?? str(body.family) ?? 'unknown',
      severity: oneOf(body.severity, ['critical', 'warning', 'info'] as const, 'warning'),
      status: oneOf(body.status, ['open', 'recovering', 'resolved'] as const, 'open'),
      firstSeenAtMs: num(body.firstSeenAtMs),
      openedAtMs: num(body.openedAtMs),
      lastSeenAtMs: num(body.lastSeenAtMs),
      resolvedAtMs: num(body.resolvedAtMs),
      acknowledged: isObject(body.acknowledged) ? { atMs: num(body.acknowledged.atMs), by: str(body.acknowledged.by) ?? 'someone' } : null,
      baselineLagMessages: num(body.baselineLagMessages),
      peakLagMessages: num(body.peakLagMessages),
      finding: finding
        ? {
            confidence: str(finding.confidence),
            evidence: list(finding.evidence).flatMap((e) => (isObject(e) && typeof e.text === 'string' ? [e.text] : typeof e === 'string' ? [e] : [])),
            kafkaOnly: finding.kafkaOnly === true,
          }
        : null,
      recommendation: parseRecommendation(body.recommendation),
      timeline: list(body.timeline).flatMap(parseTimelineItem).sort((a, b) => (a.atMs ?? 0) - (b.atMs ?? 0)),
    },
  };
}

function parseTimelineItem(entry: unknown): TimelineItem[] {
  if (!isObject(entry)) return [];
  const kind = str(entry.kind) ?? str(entry.type) ?? 'event';
  const atMs = num(entry.atMs);
  let summary = str(entry.summary) ?? '';
  if (summary === '' && kind === 'acknowledged') {
    const note = str(entry.note);
    summary = `acknowledged by ${str(entry.by) ?? 'someone'}${note ? `: ${note}` : ''}`;
  }
  return [{ kind, atMs, summary }];
}

function parseRecommendation(value: unknown): IncidentDetail['recommendation'] {
  if (!isObject(value)) return null;
  return { now: strings(value.now), check: strings(value.check), expectedEffect: str(value.expectedEffect) ?? '', settings: strings(value.settings) };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}

function oneOf<T extends string>(value: unknown, options: readonly T[], fallback: T): T {
  return options.includes(value as T) ? (value as T) : fallback;
}
