import { describe, expect, it } from 'vitest';
import { buildAlertmanagerAnswer } from '../../../lib/alerting/alertmanager-answer';
import type { ExternalAlert } from '../../../lib/alerting/external-alert';
import { parseAlertmanagerPayload } from '../../../lib/alerting/parse-alertmanager-payload';

const STARTS = '2024-05-01T12:00:00.123456789Z';
const STARTS_MS = Date.UTC(2024, 4, 1, 12, 0, 0, 123);
const ENDS = '2024-05-01T12:10:00+02:00';
const ENDS_MS = Date.UTC(2024, 4, 1, 10, 10, 0);
const UNSET = '0001-01-01T00:00:00Z';

/** One alert as Alertmanager 0.27 sends it. */
function wireAlert(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    status: 'firing',
    labels: { alertname: 'KafkaConsumerLag', consumergroup: 'fraud-features', severity: 'warning' },
    annotations: { summary: 'lag is high' },
    startsAt: STARTS,
    endsAt: UNSET,
    generatorURL: 'http://prometheus:9090/graph?g0.expr=kafka_consumergroup_lag+%3E+1000',
    fingerprint: 'c0ffee0123456789',
    ...overrides,
  };
}

/** A version 4 webhook body around `alerts`. */
function payload(alerts: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '4',
    groupKey: '{}:{alertname="KafkaConsumerLag"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'pipewatch',
    groupLabels: { alertname: 'KafkaConsumerLag' },
    commonLabels: { alertname: 'KafkaConsumerLag' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts,
    ...overrides,
  };
}

const FIRING: ExternalAlert = {
  fingerprint: 'c0ffee0123456789',
  status: 'firing',
  startsAtMs: STARTS_MS,
  endsAtMs: null,
  labels: { alertname: 'KafkaConsumerLag', consumergroup: 'fraud-features', severity: 'warning' },
  annotations: { summary: 'lag is high' },
  generatorUrl: 'http://prometheus:9090/graph?g0.expr=kafka_consumergroup_lag+%3E+1000',
};

/** Built from entries: an object literal's `__proto__:` would set the prototype instead of a key. */
const HOSTILE_LABELS: Record<string, string> = Object.fromEntries([
  ['__proto__', 'polluted'],
  ['constructor', 'x'],
  ['pipeline', '<script>alert(1)</script>'],
  ['topic', '*'],
  ['group', '.*'],
  ['new\nline', 'a\u0000b'],
  ['π', '💥'.repeat(1000)],
]);

describe('parseAlertmanagerPayload: accepted', () => {
  const cases: { desc: string; input: unknown; expected: { alerts: ExternalAlert[]; truncated: number; truncation: string | null; status?: string } }[] = [
    { desc: 'one firing alert; the zero endsAt is null', input: payload([wireAlert()]), expected: { alerts: [FIRING], truncated: 0, truncation: null } },
    {
      desc: 'a resolved alert keeps its fingerprint and gets its end',
      input: payload([wireAlert({ status: 'resolved', endsAt: ENDS })], { status: 'resolved' }),
      expected: { alerts: [{ ...FIRING, status: 'resolved', endsAtMs: ENDS_MS }], truncated: 0, truncation: null, status: 'resolved' },
    },
    {
      desc: 'a group of several alerts, firing and resolved, in order',
      input: payload([wireAlert(), wireAlert({ fingerprint: 'b2', status: 'resolved', endsAt: ENDS, labels: { alertname: 'KafkaConsumerLag', consumergroup: 'orders' } })]),
      expected: {
        alerts: [FIRING, { ...FIRING, fingerprint: 'b2', status: 'resolved', endsAtMs: ENDS_MS, labels: { alertname: 'KafkaConsumerLag', consumergroup: 'orders' } }],
        truncated: 0,
        truncation: null,
      },
    },
    {
      desc: 'truncated: accepted, and the truncation is reported',
      input: payload([wireAlert()], { truncatedAlerts: 7 }),
      expected: {
        alerts: [FIRING],
        truncated: 7,
        truncation: 'Alertmanager left 7 alerts of group "{}:{alertname=\\"KafkaConsumerLag\\"}" out of this call (max_alerts); only 1 arrived',
      },
    },
    { desc: 'an empty group', input: payload([]), expected: { alerts: [], truncated: 0, truncation: null } },
    {
      desc: 'optional fields left out by other senders: truncatedAlerts, annotations, endsAt, generatorURL',
      input: (() => {
        const { truncatedAlerts: _t, ...body } = payload([{ status: 'firing', labels: {}, startsAt: STARTS, fingerprint: 'f' }]);
        return body;
      })(),
      expected: { alerts: [{ fingerprint: 'f', status: 'firing', startsAtMs: STARTS_MS, endsAtMs: null, labels: {}, annotations: {}, generatorUrl: '' }], truncated: 0, truncation: null },
    },
    {
      desc: 'fields a later Alertmanager adds are ignored',
      input: payload([wireAlert({ silencedBy: ['x'] })], { extra: { nested: true } }),
      expected: { alerts: [FIRING], truncated: 0, truncation: null },
    },
    {
      desc: 'hostile label names and values arrive as plain own strings',
      input: JSON.parse(JSON.stringify(payload([wireAlert({ labels: HOSTILE_LABELS })]))),
      expected: { alerts: [{ ...FIRING, labels: HOSTILE_LABELS }], truncated: 0, truncation: null },
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const result = parseAlertmanagerPayload(input);
    if (result.kind !== 'accepted') throw new Error(`not accepted: ${result.message}`);
    expect({ alerts: result.batch.alerts, truncated: result.batch.truncatedAlerts, truncation: result.truncation?.message ?? null, status: result.batch.status }).toEqual({
      status: 'firing',
      ...expected,
    });
  });

  it('a "__proto__" label is an own property and pollutes nothing', () => {
    const result = parseAlertmanagerPayload(JSON.parse('{"version":"4","groupKey":"k","status":"firing","receiver":"r","groupLabels":{},"commonLabels":{"__proto__":"x"},"commonAnnotations":{},"externalURL":"","alerts":[{"status":"firing","labels":{"__proto__":"p"},"startsAt":"2024-05-01T12:00:00Z","fingerprint":"f"}]}'));
    if (result.kind !== 'accepted') throw new Error(result.message);
    const labels = result.batch.alerts[0]!.labels;
    expect([Object.hasOwn(labels, '__proto__'), Object.getPrototypeOf(labels) === Object.prototype, Object.keys(result.batch.commonLabels), ({} as Record<string, unknown>).p]).toEqual([
      true,
      true,
      ['__proto__'],
      undefined,
    ]);
  });
});

describe('parseAlertmanagerPayload: rejected with the path and the problem', () => {
  const cases: { desc: string; input: unknown; expected: { kind: string; message: string } }[] = [
    { desc: 'not an object', input: '[]', expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: expected a JSON object, got a string' } },
    { desc: 'null', input: null, expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: expected a JSON object, got null' } },
    { desc: 'an array', input: [payload([])], expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: expected a JSON object, got an array' } },
    {
      desc: 'an older version names the supported one',
      input: payload([], { version: '3' }),
      expected: { kind: 'unsupported-version', message: 'unsupported Alertmanager webhook payload version "3": Pipewatch reads version "4"' },
    },
    {
      desc: 'a version that is a number is not "4"',
      input: payload([], { version: 4 }),
      expected: { kind: 'unsupported-version', message: 'unsupported Alertmanager webhook payload version a number: Pipewatch reads version "4"' },
    },
    {
      desc: 'no version at all',
      input: (() => {
        const { version: _v, ...body } = payload([]);
        return body;
      })(),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: version: missing; expected "4"' },
    },
    {
      desc: 'a missing top-level field',
      input: (() => {
        const { receiver: _r, ...body } = payload([]);
        return body;
      })(),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: receiver: missing; expected a string' },
    },
    {
      desc: 'alerts is not an array',
      input: payload({} as unknown as unknown[]),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: alerts: expected an array, got an object' },
    },
    {
      desc: 'a bad status deep in the group',
      input: payload([wireAlert(), wireAlert({ status: 'pending' })]),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: alerts[1].status: expected "firing" or "resolved"' },
    },
    {
      desc: 'a time that is not RFC 3339',
      input: payload([wireAlert({ startsAt: '1 May 2024' })]),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: alerts[0].startsAt: expected an RFC 3339 time like "2024-05-01T12:00:00.000Z"' },
    },
    {
      desc: 'an impossible date',
      input: payload([wireAlert({ endsAt: '2024-13-45T00:00:00Z' })]),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: alerts[0].endsAt: expected an RFC 3339 time like "2024-05-01T12:00:00.000Z"' },
    },
    {
      desc: 'startsAt unset',
      input: payload([wireAlert({ startsAt: UNSET })]),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: alerts[0].startsAt: must be set (got Go\'s zero time "0001-01-01T00:00:00Z")' },
    },
    {
      desc: 'a label value that is not a string, under a hostile name',
      input: payload([wireAlert({ labels: { 'a"b': 1, ok: 'x' } })]),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: alerts[0].labels["a\\"b"]: expected a string, got a number' },
    },
    {
      desc: 'labels that are a list',
      input: payload([wireAlert({ labels: ['a'] })]),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: alerts[0].labels: expected an object of strings, got an array' },
    },
    {
      desc: 'an empty fingerprint',
      input: payload([wireAlert({ fingerprint: '' })]),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: alerts[0].fingerprint: must not be empty' },
    },
    {
      desc: 'a negative truncatedAlerts',
      input: payload([], { truncatedAlerts: -1 }),
      expected: { kind: 'malformed', message: 'malformed Alertmanager webhook payload: truncatedAlerts: must be at least 0' },
    },
    {
      desc: 'several problems are listed together',
      input: payload([wireAlert({ fingerprint: 3, status: null })], { groupKey: 1 }),
      expected: {
        kind: 'malformed',
        message:
          'malformed Alertmanager webhook payload: groupKey: expected a string, got a number; alerts[0].status: expected "firing" or "resolved"; alerts[0].fingerprint: expected a string, got a number',
      },
    },
    {
      desc: 'a payload broken everywhere lists 20 problems, not thousands',
      input: payload(Array.from({ length: 500 }, () => wireAlert({ fingerprint: 1 }))),
      expected: {
        kind: 'malformed',
        message: `malformed Alertmanager webhook payload: ${Array.from({ length: 20 }, (_, i) => `alerts[${i}].fingerprint: expected a string, got a number`).join('; ')} (and 480 more)`,
      },
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const result = parseAlertmanagerPayload(input);
    expect({ kind: result.kind, message: result.kind === 'accepted' ? 'accepted' : result.message }).toEqual(expected);
    expect(buildAlertmanagerAnswer(result).httpStatus).toBe(400);
  });

  it('a malformed answer lists each issue with its path', () => {
    const answer = buildAlertmanagerAnswer(parseAlertmanagerPayload(payload([wireAlert({ startsAt: 'x', labels: { a: false } })])));
    expect(answer).toEqual({
      httpStatus: 400,
      body: {
        status: 'rejected',
        error: 'malformed Alertmanager webhook payload: alerts[0].labels.a: expected a string, got a boolean; alerts[0].startsAt: expected an RFC 3339 time like "2024-05-01T12:00:00.000Z"',
        issues: [
          { path: 'alerts[0].labels.a', problem: 'expected a string, got a boolean' },
          { path: 'alerts[0].startsAt', problem: 'expected an RFC 3339 time like "2024-05-01T12:00:00.000Z"' },
        ],
      },
    });
  });

  it('an accepted truncated group is answered 200 with the warning', () => {
    expect(buildAlertmanagerAnswer(parseAlertmanagerPayload(payload([wireAlert()], { truncatedAlerts: 1, groupKey: 'g' })))).toEqual({
      httpStatus: 200,
      body: { status: 'accepted', alerts: 1, truncatedAlerts: 1, warning: 'Alertmanager left 1 alert of group "g" out of this call (max_alerts); only 1 arrived' },
    });
  });
});
