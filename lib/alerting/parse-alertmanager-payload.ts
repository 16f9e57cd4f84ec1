import * as z from 'zod';
import type { ExternalAlert, ExternalAlertBatch, LabelSet } from './external-alert';

/**
 * Alertmanager's webhook payload, version 4, as documented at
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config. Known fields are
 * checked strictly; fields a later Alertmanager may add are ignored. Wire names (externalURL,
 * generatorURL) stay here; the domain types are in external-alert.ts.
 */

export const SUPPORTED_ALERTMANAGER_VERSION = '4';

/** What the server should accept as a body; a larger one is answered 413 before parsing. Alertmanager's max_alerts bounds it at the sender. */
export const ALERTMANAGER_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Issues listed in one answer: a payload broken everywhere must not produce an answer as large. */
const MAX_ISSUES = 20;

/** Go's zero time.Time, which Alertmanager sends for an unset endsAt. */
const GO_ZERO_TIME_MS = -62_135_596_800_000;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export interface PayloadIssue {
  /** "alerts[2].startsAt"; empty for the payload as a whole. */
  path: string;
  problem: string;
}

export type AlertmanagerParseResult =
  | { kind: 'accepted'; batch: ExternalAlertBatch; truncation: { truncatedAlerts: number; message: string } | null }
  /** Answer 400: a payload version Pipewatch does not read. */
  | { kind: 'unsupported-version'; message: string }
  /** Answer 400: the first issues found, each with its path. */
  | { kind: 'malformed'; message: string; issues: PayloadIssue[] };

/** An own-property copy of a JSON object of strings: zod's record would drop a "__proto__" key on the floor. */
const labelSet = z.unknown().transform((value, ctx): LabelSet => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.issues.push({ code: 'custom', message: `expected an object of strings, got ${describeType(value)}`, input: value });
    return {};
  }
  const entries = Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof item !== 'string') ctx.issues.push({ code: 'custom', path: [key], message: `expected a string, got ${describeType(item)}`, input: item });
  }
  return Object.fromEntries(entries);
});

/** An RFC 3339 time in milliseconds; Go's zero time is "unset", which `whenUnset` says how to read. */
function timestamp<T>(whenUnset: T | 'invalid') {
  return z.string().transform((text, ctx): number | T => {
    const ms = RFC3339.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(ms)) {
      ctx.issues.push({ code: 'custom', message: 'expected an RFC 3339 time like "2024-05-01T12:00:00.000Z"', input: text });
      return z.NEVER;
    }
    if (ms !== GO_ZERO_TIME_MS) return ms;
    if (whenUnset !== 'invalid') return whenUnset;
    ctx.issues.push({ code: 'custom', message: 'must be set (got Go\'s zero time "0001-01-01T00:00:00Z")', input: text });
    return z.NEVER;
  });
}

const status = z.enum(['firing', 'resolved'], { error: 'expected "firing" or "resolved"' });

const alertSchema = z.object({
  status,
  labels: labelSet,
  annotations: labelSet.optional(),
  startsAt: timestamp<never>('invalid'),
  endsAt: timestamp(null).optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1, { error: 'must not be empty' }),
});

const payloadSchema = z.object({
  version: z.literal(SUPPORTED_ALERTMANAGER_VERSION),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status,
  receiver: z.string(),
  groupLabels: labelSet,
  commonLabels: labelSet,
  commonAnnotations: labelSet,
  externalURL: z.string(),
  alerts: z.array(alertSchema),
});

/** A webhook body (already JSON-decoded) into a batch of alerts, or why it must be answered 400. */
export function parseAlertmanagerPayload(body: unknown): AlertmanagerParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return malformed([{ path: '', problem: `expected a JSON object, got ${describeType(body)}` }]);
  }
  const version = (body as { version?: unknown }).version;
  if (version !== undefined && version !== SUPPORTED_ALERTMANAGER_VERSION) {
    const shown = typeof version === 'string' ? JSON.stringify(version.slice(0, 20)) : describeType(version);
    return {
      kind: 'unsupported-version',
      message: `unsupported Alertmanager webhook payload version ${shown}: Pipewatch reads version "${SUPPORTED_ALERTMANAGER_VERSION}"`,
    };
  }
  const parsed = payloadSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return malformed(parsed.error.issues.slice(0, MAX_ISSUES).map(toPayloadIssue), parsed.error.issues.length);

  const wire = parsed.data;
  const alerts = wire.alerts.map(
    (alert): ExternalAlert => ({
      fingerprint: alert.fingerprint,
      status: alert.status,
      startsAtMs: alert.startsAt,
      endsAtMs: alert.endsAt ?? null,
      labels: alert.labels,
      annotations: alert.annotations ?? {},
      generatorUrl: alert.generatorURL ?? '',
    }),
  );
  const truncatedAlerts = wire.truncatedAlerts ?? 0;
  return {
    kind: 'accepted',
    batch: {
      receiver: wire.receiver,
      status: wire.status,
      groupKey: wire.groupKey,
      groupLabels: wire.groupLabels,
      commonLabels: wire.commonLabels,
      commonAnnotations: wire.commonAnnotations,
      externalUrl: wire.externalURL,
      alerts,
      truncatedAlerts,
    },
    truncation:
      truncatedAlerts > 0
        ? {
            truncatedAlerts,
            message: `Alertmanager left ${truncatedAlerts} alert${truncatedAlerts === 1 ? '' : 's'} of group ${JSON.stringify(wire.groupKey.slice(0, 200))} out of this call (max_alerts); only ${alerts.length} arrived`,
          }
        : null,
  };
}

function malformed(issues: PayloadIssue[], total = issues.length): AlertmanagerParseResult {
  const more = total > issues.length ? ` (and ${total - issues.length} more)` : '';
  const list = issues.map((i) => (i.path === '' ? i.problem : `${i.path}: ${i.problem}`)).join('; ');
  return { kind: 'malformed', message: `malformed Alertmanager webhook payload: ${list}${more}`, issues };
}

function toPayloadIssue(issue: z.core.$ZodIssue): PayloadIssue {
  const path = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return { path, problem: input === undefined ? `missing; expected ${typeNoun(issue.expected)}` : `expected ${typeNoun(issue.expected)}, got ${describeType(input)}` };
    case 'invalid_value':
      if (issue.path.length === 1 && issue.path[0] === 'version') return { path, problem: `missing; expected "${SUPPORTED_ALERTMANAGER_VERSION}"` };
      return { path, problem: issue.message.startsWith('expected') ? issue.message : `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}` };
    case 'too_small':
      return { path, problem: issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}` };
    default:
      return { path, problem: issue.message };
  }
}

/** ["alerts", 2, "labels", "a b"] → 'alerts[2].labels["a b"]'; hostile keys are quoted and cut short. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && key.length <= 64) return index === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key.length > 64 ? `${key.slice(0, 61)}...` : key)}]`;
    })
    .join('');
}

function typeNoun(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return expected;
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
