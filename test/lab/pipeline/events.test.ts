import { describe, expect, it } from 'vitest';
import { encodeEvent, makePoisonRecord, makeTransactionEvent, validateEvent, type EventSource } from '../../../lab/pipeline/events';

const good = {
  event_id: '6f1c1d2e-0000-4000-8000-000000000001',
  entity_id: 'card-0042',
  amount: 12.5,
  currency: 'EUR',
  event_time: '2026-01-02T03:04:05.000Z',
};
const json = (value: unknown): string => JSON.stringify(value);

describe('validateEvent', () => {
  const cases = [
    { desc: 'a well-formed event', input: json(good), expected: { ok: true } },
    { desc: 'bytes instead of a string', input: new TextEncoder().encode(json(good)), expected: { ok: true } },
    { desc: 'a negative amount is a business rule, not schema', input: json({ ...good, amount: -1 }), expected: { ok: true } },
    { desc: 'null value (tombstone)', input: null, expected: { ok: false, detail: 'empty record value' } },
    { desc: 'not JSON', input: '\u0000garbled', expected: { ok: false, detail: 'not JSON: \u0000garbled' } },
    { desc: 'a JSON array', input: '[1]', expected: { ok: false, detail: 'not a JSON object' } },
    { desc: 'missing event_time', input: json({ ...good, event_time: undefined }), expected: { ok: false, detail: 'missing event_time' } },
    { desc: 'missing event_id', input: json({ ...good, event_id: undefined }), expected: { ok: false, detail: 'missing event_id' } },
    { desc: 'empty entity_id', input: json({ ...good, entity_id: '' }), expected: { ok: false, detail: 'entity_id must be a non-empty string' } },
    { desc: 'amount as a string', input: json({ ...good, amount: '12.5' }), expected: { ok: false, detail: 'amount must be a finite number' } },
    { desc: 'missing amount', input: json({ ...good, amount: undefined }), expected: { ok: false, detail: 'missing amount' } },
    { desc: 'lower-case currency', input: json({ ...good, currency: 'eur' }), expected: { ok: false, detail: 'currency must be a 3-letter code' } },
    { desc: 'unparseable event_time', input: json({ ...good, event_time: 'yesterday' }), expected: { ok: false, detail: 'event_time must be an ISO-8601 timestamp' } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const result = validateEvent(input);
    expect(result.ok).toBe(expected.ok);
    if (!result.ok) expect(result).toEqual({ ok: false, reason: 'schema', detail: expected.detail });
  });

  it('returns only the contract fields', () => {
    expect(validateEvent(json({ ...good, extra: true }))).toEqual({ ok: true, event: good });
  });
});

function sequenceSource(values: number[]): EventSource {
  let i = 0;
  return { random: () => values[i++ % values.length] ?? 0, uuid: () => `uuid-${i}`, nowMs: () => Date.parse(good.event_time) };
}

describe('generated records', () => {
  it('a generated event is valid and keyed by its entity', () => {
    const record = encodeEvent(makeTransactionEvent(sequenceSource([0.5, 0.3, 0.7, 0.1])));
    const result = validateEvent(record.value);
    expect(result.ok).toBe(true);
    if (result.ok) expect(record.key).toBe(result.event.entity_id);
  });

  it.each([0, 0.4, 0.9])('a schema poison record fails validation (variant chooser %s)', (variant) => {
    const record = makePoisonRecord('schema', sequenceSource([0.5, 0.5, 0.5, 0.5, variant]));
    expect(validateEvent(record.value).ok).toBe(false);
  });

  it('a business-rule poison record passes validation with a negative amount', () => {
    const result = validateEvent(makePoisonRecord('business-rule', sequenceSource([0.5])).value);
    expect(result.ok && result.event.amount < 0).toBe(true);
  });
});
