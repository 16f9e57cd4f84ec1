import { describe, expect, it } from 'vitest';
import { STORED_TIMELINE_KINDS, type StoredTimelineEntry } from '../../../lib/incidents/stored-timeline-entry';
import { buildIncidentTimeline } from '../../../lib/view/build-incident-timeline';
import { parseTimelineEntry } from '../../../components/api/parse-timeline-entry';
import { T0 } from './view-fixtures';

const NOW = T0 + 30 * 60_000;

/** One entry of each stored kind, as the API sends them (lib/incidents/stored-timeline-entry.ts). */
const STORED: StoredTimelineEntry[] = [
  { kind: 'opened', atMs: T0 + 10_000, type: 'slow-sink', firstSeenAtMs: T0, summary: 'Slow sink (backpressure): sink p99 2.5 s vs 22 ms baseline' },
  { kind: 'reclassified', atMs: T0 + 20_000, from: 'slow-sink', to: 'sink-unavailable', summary: 'writes fail now' },
  { kind: 'recovering', atMs: T0 + 30_000, summary: 'no longer observed; lag 5 msg vs 0 msg baseline' },
  { kind: 'relapsed', atMs: T0 + 40_000, type: 'slow-sink', summary: 'sink p99 3 s again' },
  { kind: 'acknowledged', atMs: T0 + 50_000, by: 'ana', note: 'looking' },
  { kind: 'resolved', atMs: T0 + 60_000, durationMs: 60_000, summary: 'recovery verified over 5 cycles' },
  { kind: 'note', atMs: T0 + 70_000, by: 'bob', text: '<img src=x onerror="window.__xss=1">' },
  { kind: 'resolved-by-hand', atMs: T0 + 80_000, by: 'ana', reason: 'sink scaled up', durationMs: 185_000 },
  { kind: 'muted', atMs: T0 + 90_000, by: 'ana', muteId: 3, fromMs: T0 + 90_000, untilMs: T0 + 2 * 3_600_000, reason: 'maintenance' },
  { kind: 'unmuted', atMs: T0 + 100_000, by: 'bob', muteId: 3 },
  { kind: 'external-alert', atMs: T0 + 110_000, alertId: 1, fingerprint: 'abc', status: 'firing', alertName: 'KafkaConsumerLag', summary: 'lag above 1000' },
  { kind: 'evidence-changed', atMs: T0 + 120_000, confidence: 'medium', signals: ['lagMessages', 'sinkLatencyP99Seconds'], summary: 'latency came back' },
];

const items = buildIncidentTimeline(
  STORED.flatMap((e) => parseTimelineEntry(JSON.parse(JSON.stringify(e)))),
  NOW,
);

describe('buildIncidentTimeline', () => {
  it('covers every stored kind, none as unknown', () => {
    expect(new Set(STORED.map((e) => e.kind))).toEqual(new Set(STORED_TIMELINE_KINDS));
    expect(items.map((i) => i.kind)).toEqual(STORED.map((e) => e.kind));
    expect(items.every((i) => i.icon !== '·')).toBe(true);
  });

  it.each([
    { kind: 'opened', expected: { label: 'Opened', by: null, text: 'Slow sink (backpressure): sink p99 2.5 s vs 22 ms baseline', detail: 'first seen 03:00:00 UTC, held 10 s before opening', fromPerson: false } },
    { kind: 'reclassified', expected: { label: 'Reclassified', text: 'Slow sink (backpressure) → Sink unavailable (extended outage)', detail: 'writes fail now' } },
    { kind: 'recovering', expected: { label: 'Recovering', text: 'no longer observed; lag 5 msg vs 0 msg baseline' } },
    { kind: 'relapsed', expected: { label: 'Relapsed', text: 'sink p99 3 s again' } },
    { kind: 'acknowledged', expected: { label: 'Acknowledged', by: 'ana', text: 'looking', fromPerson: true } },
    { kind: 'resolved', expected: { label: 'Resolved automatically', by: null, text: 'recovery verified over 5 cycles', detail: '1 m 00 s after first seen' } },
    { kind: 'note', expected: { label: 'Note', by: 'bob', text: '<img src=x onerror="window.__xss=1">', fromPerson: true } },
    { kind: 'resolved-by-hand', expected: { label: 'Resolved by hand', by: 'ana', text: 'sink scaled up', detail: '3 m 05 s after first seen', fromPerson: true } },
    { kind: 'muted', expected: { label: 'Notifications muted', by: 'ana', text: 'maintenance', detail: 'until 05:00:00 UTC; incidents are still recorded' } },
    { kind: 'unmuted', expected: { label: 'Notifications unmuted', by: 'bob', text: '' } },
    { kind: 'external-alert', expected: { label: 'Alertmanager alert firing', text: 'KafkaConsumerLag: lag above 1000', tone: 'warn' } },
    { kind: 'evidence-changed', expected: { label: 'Evidence changed', text: 'latency came back', detail: 'medium confidence; signals: lagMessages, sinkLatencyP99Seconds' } },
  ])('$kind in words', ({ kind, expected }) => {
    expect(items.find((i) => i.kind === kind)).toMatchObject(expected);
  });

  it('times read absolute (UTC) and relative', () => {
    expect(items[0]).toMatchObject({ at: '03:00:10 UTC', relative: '29 m ago', atFull: '2026-11-24 03:00:10 UTC' });
  });

  it.each([
    { desc: 'a kind newer than this build keeps its name', entry: { kind: 'escalated', atMs: T0, summary: 'paged' }, expected: { kind: 'escalated', label: 'escalated', text: 'paged' } },
    { desc: 'an acknowledgement without a note has no text', entry: { kind: 'acknowledged', atMs: T0, by: 'ana', note: null }, expected: { text: '', fromPerson: false } },
    { desc: 'a note without its author', entry: { kind: 'note', atMs: T0, text: 'x' }, expected: { by: 'someone' } },
    { desc: 'a resolved alert', entry: { kind: 'external-alert', atMs: T0, fingerprint: 'abc', status: 'resolved', alertName: null, summary: null }, expected: { label: 'Alertmanager alert resolved', text: 'abc', tone: 'ok' } },
    { desc: 'no time', entry: { kind: 'note', by: 'a', text: 'x' }, expected: { at: '–', relative: '–' } },
  ])('tolerant: $desc', ({ entry, expected }) => {
    expect(buildIncidentTimeline(parseTimelineEntry(entry), NOW)[0]).toMatchObject(expected);
  });
});
