/**
 * A card transaction, the input of the fraud-detection feature pipeline. JSON on the wire, keyed by
 * entity_id so that all events of one card land on one partition, in order.
 */
export interface TransactionEvent {
  /** Stable UUID assigned upstream: the sink's idempotency key. */
  event_id: string;
  entity_id: string;
  amount: number;
  /** ISO 4217 code, e.g. "EUR". */
  currency: string;
  /** ISO-8601 instant the transaction happened; the sink's stale-write guard compares these. */
  event_time: string;
}

export type EventValidation =
  | { ok: true; event: TransactionEvent }
  | { ok: false; reason: 'schema'; detail: string };

const decoder = new TextDecoder();

/** Schema check only; business rules (amount >= 0) are the sink's to enforce. */
export function validateEvent(raw: Uint8Array | string | null): EventValidation {
  if (raw === null) return schemaError('empty record value');
  const text = typeof raw === 'string' ? raw : decoder.decode(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return schemaError(`not JSON: ${text.slice(0, 40)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return schemaError('not a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  const event_id = stringField(record, 'event_id');
  if (typeof event_id !== 'string') return event_id;
  const entity_id = stringField(record, 'entity_id');
  if (typeof entity_id !== 'string') return entity_id;
  const { amount } = record;
  if (amount === undefined) return schemaError('missing amount');
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return schemaError('amount must be a finite number');
  const currency = stringField(record, 'currency');
  if (typeof currency !== 'string') return currency;
  if (!/^[A-Z]{3}$/.test(currency)) return schemaError('currency must be a 3-letter code');
  const event_time = stringField(record, 'event_time');
  if (typeof event_time !== 'string') return event_time;
  if (!Number.isFinite(Date.parse(event_time))) return schemaError('event_time must be an ISO-8601 timestamp');
  return { ok: true, event: { event_id, entity_id, amount, currency, event_time } };
}

function stringField(record: Record<string, unknown>, field: string): string | EventValidation {
  const value = record[field];
  if (value === undefined) return schemaError(`missing ${field}`);
  if (typeof value !== 'string' || value === '') return schemaError(`${field} must be a non-empty string`);
  return value;
}

export function eventTimeMs(event: TransactionEvent): number {
  return Date.parse(event.event_time);
}

function schemaError(detail: string): EventValidation {
  return { ok: false, reason: 'schema', detail };
}

export interface EventSource {
  random: () => number;
  uuid: () => string;
  nowMs: () => number;
}

export const systemEventSource: EventSource = {
  random: Math.random,
  uuid: () => crypto.randomUUID(),
  nowMs: Date.now,
};

export interface GeneratedRecord {
  key: string;
  value: string;
}

const ENTITY_COUNT = 500;
const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
/** Share of events that arrive late, as from a phone that was offline; they exercise the stale guard. */
const LATE_FRACTION = 0.02;
const MAX_LATENESS_MS = 30_000;

export function makeTransactionEvent(source: EventSource): TransactionEvent {
  const late = source.random() < LATE_FRACTION;
  const eventTimeMs = source.nowMs() - (late ? Math.ceil(source.random() * MAX_LATENESS_MS) : 0);
  return {
    event_id: source.uuid(),
    entity_id: `card-${String(Math.floor(source.random() * ENTITY_COUNT)).padStart(4, '0')}`,
    amount: Math.round(source.random() * 50_000 + 1) / 100,
    currency: CURRENCIES[Math.floor(source.random() * CURRENCIES.length)] ?? 'EUR',
    event_time: new Date(eventTimeMs).toISOString(),
  };
}

export function encodeEvent(event: TransactionEvent): GeneratedRecord {
  return { key: event.entity_id, value: JSON.stringify(event) };
}

export type PoisonKind = 'schema' | 'business-rule';

/** A record the pipeline must dead-letter: unparseable/mistyped (schema) or a negative amount (the sink answers 422). */
export function makePoisonRecord(kind: PoisonKind, source: EventSource): GeneratedRecord {
  const event = makeTransactionEvent(source);
  if (kind === 'business-rule') return encodeEvent({ ...event, amount: -event.amount });
  const variant = Math.floor(source.random() * 3);
  if (variant === 0) {
    const { event_time: _dropped, ...withoutTime } = event;
    return { key: event.entity_id, value: JSON.stringify(withoutTime) };
  }
  if (variant === 1) return { key: event.entity_id, value: JSON.stringify({ ...event, amount: String(event.amount) }) };
  return { key: event.entity_id, value: `\u0000garbled ${event.event_id}` };
}
