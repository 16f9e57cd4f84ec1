import { describe, expect, it } from 'vitest';
import type { ExternalAlertInput, IncidentFilter, MuteRequest } from '../../../lib/incidents/incident-store';
import { validateExternalAlert, validateIncidentFilter, validateMuteRequest, validateName, validateText } from '../../../lib/incidents/validate-store-input';

const NOW = 1_800_000_000_000;
const kind = (error: { kind: string; message: string } | null) => error?.kind ?? null;

describe('validateName and validateText', () => {
  const cases: { desc: string; input: () => ReturnType<typeof validateName>; expected: string | null }[] = [
    { desc: 'a name', input: () => validateName('by', 'ann'), expected: null },
    { desc: 'blank name', input: () => validateName('by', ' \t'), expected: 'invalid' },
    { desc: 'a 201-character name', input: () => validateName('by', 'x'.repeat(201)), expected: 'invalid' },
    { desc: 'an optional note left out', input: () => validateText('note', null, false), expected: null },
    { desc: 'a required text left blank', input: () => validateText('reason', '  ', true), expected: 'invalid' },
    { desc: 'a 10,001-character text', input: () => validateText('text', 'x'.repeat(10_001), true), expected: 'invalid' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(kind(input())).toBe(expected));
});

describe('validateMuteRequest', () => {
  const ok: MuteRequest = { pipelineId: 'fraud', fromMs: NOW, untilMs: NOW + 60_000, by: 'ann', reason: 'deploy' };
  const cases: { desc: string; input: Partial<MuteRequest>; expected: string | null }[] = [
    { desc: 'a mute starting now', input: {}, expected: null },
    { desc: 'a mute that started an hour ago and still runs', input: { fromMs: NOW - 3_600_000 }, expected: null },
    { desc: 'until equal to from', input: { untilMs: NOW }, expected: 'invalid' },
    { desc: 'until before from', input: { fromMs: NOW + 120_000 }, expected: 'invalid' },
    { desc: 'a window already over', input: { fromMs: NOW - 120_000, untilMs: NOW - 60_000 }, expected: 'invalid' },
    { desc: 'NaN', input: { untilMs: Number.NaN }, expected: 'invalid' },
    { desc: 'no reason', input: { reason: '' }, expected: 'invalid' },
    { desc: 'no pipeline', input: { pipelineId: ' ' }, expected: 'invalid' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(kind(validateMuteRequest({ ...ok, ...input }, NOW))).toBe(expected));
});

describe('validateExternalAlert', () => {
  const ok: ExternalAlertInput = { fingerprint: 'abc', status: 'firing', startsAtMs: NOW, endsAtMs: null, labels: { alertname: 'Lag' }, annotations: {}, pipelineId: null };
  const cases: { desc: string; input: Partial<ExternalAlertInput>; expected: string | null }[] = [
    { desc: 'a firing alert', input: {}, expected: null },
    { desc: 'a resolved alert with its end', input: { status: 'resolved', endsAtMs: NOW + 1 }, expected: null },
    { desc: 'an unknown status', input: { status: 'pending' as never }, expected: 'invalid' },
    { desc: 'an end before the start', input: { endsAtMs: NOW - 1 }, expected: 'invalid' },
    { desc: 'a label that is not text', input: { labels: { severity: 3 as never } }, expected: 'invalid' },
    { desc: 'labels that are a list', input: { labels: [] as never }, expected: 'invalid' },
    { desc: 'an empty pipeline id (null means none)', input: { pipelineId: '' }, expected: 'invalid' },
    { desc: 'huge annotations', input: { annotations: { description: 'x'.repeat(10_000) } }, expected: 'invalid' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(kind(validateExternalAlert({ ...ok, ...input }))).toBe(expected));
});

describe('validateIncidentFilter', () => {
  const cases: { desc: string; input: IncidentFilter; expected: string | null }[] = [
    { desc: 'no filter', input: {}, expected: null },
    { desc: 'everything set', input: { pipelineId: 'fraud', type: 'slow-sink', status: 'open', fromMs: 1, toMs: 2 }, expected: null },
    { desc: 'an unknown type', input: { type: 'gremlins' as never }, expected: 'invalid' },
    { desc: 'an unknown status', input: { status: 'recovering' as never }, expected: 'invalid' },
    { desc: 'a negative time', input: { fromMs: -1 }, expected: 'invalid' },
    { desc: 'a window ending before it starts', input: { fromMs: 5, toMs: 4 }, expected: 'invalid' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(kind(validateIncidentFilter(input))).toBe(expected));
});
