import { describe, expect, it } from 'vitest';
import { buildDlqMessage } from '../../../lab/pipeline/dlq';

describe('buildDlqMessage', () => {
  const source = { topic: 'payments', partition: 3, offset: '1234', key: Buffer.from('card-0042'), value: Buffer.from('{oops') };

  it('keeps key and value byte for byte and explains the failure in headers', () => {
    const message = buildDlqMessage(source, { errorClass: 'permanent', reason: 'schema', detail: 'not JSON: {oops' }, Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(message.key).toBe(source.key);
    expect(message.value).toBe(source.value);
    expect(message.headers).toEqual({
      'x-error-class': 'permanent',
      'x-error-reason': 'schema',
      'x-error-detail': 'not JSON: {oops',
      'x-source-topic': 'payments',
      'x-source-partition': '3',
      'x-source-offset': '1234',
      'x-failed-at': '2026-01-02T03:04:05.000Z',
    });
  });

  it('bounds the detail header', () => {
    const message = buildDlqMessage(source, { errorClass: 'permanent', reason: 'business-rule', detail: 'x'.repeat(5_000) }, 0);
    expect(String(message.headers?.['x-error-detail']).length).toBe(500);
  });
});
