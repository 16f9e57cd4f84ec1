import { describe, expect, it } from 'vitest';
import { buildIncidentActionRequest, buildPostmortemPath, describeIncidentAction, INCIDENT_ACTION_KINDS, postmortemFileName } from '../../../lib/view/build-incident-action-request';

const ID = 'fraud/slow-sink/1795517988387';

describe('buildIncidentActionRequest', () => {
  it.each([
    { desc: 'acknowledge with a note', kind: 'acknowledge' as const, text: 'looking', expected: { path: '/api/incidents/fraud%2Fslow-sink%2F1795517988387/acknowledge', body: { by: 'ana', note: 'looking' } } },
    { desc: 'acknowledge without one leaves the note out', kind: 'acknowledge' as const, text: '  ', expected: { path: '/api/incidents/fraud%2Fslow-sink%2F1795517988387/acknowledge', body: { by: 'ana' } } },
    { desc: 'a note, as typed', kind: 'note' as const, text: '<img src=x> & co', expected: { path: '/api/incidents/fraud%2Fslow-sink%2F1795517988387/notes', body: { by: 'ana', text: '<img src=x> & co' } } },
    { desc: 'an empty reason goes as typed: the server says what is wrong', kind: 'resolve' as const, text: '', expected: { path: '/api/incidents/fraud%2Fslow-sink%2F1795517988387/resolve', body: { by: 'ana', reason: '' } } },
  ])('$desc', ({ kind, text, expected }) => {
    expect(buildIncidentActionRequest(kind, ID, 'ana', text)).toEqual(expected);
  });

  it('encodes any id into one path segment', () => {
    expect(buildIncidentActionRequest('note', 'a?b#c%d/é', 'x', 'y').path).toBe('/api/incidents/a%3Fb%23c%25d%2F%C3%A9/notes');
  });
});

describe('describeIncidentAction', () => {
  it.each([
    { kind: 'acknowledge' as const, expected: { open: 'Acknowledge', textRequired: false } },
    { kind: 'note' as const, expected: { open: 'Add note', textRequired: true } },
    { kind: 'resolve' as const, expected: { open: 'Resolve…', textLabel: 'Reason', textRequired: true } },
  ])('$kind', ({ kind, expected }) => {
    expect(describeIncidentAction(kind)).toMatchObject(expected);
  });

  it('every action has words', () => {
    for (const kind of INCIDENT_ACTION_KINDS) expect(describeIncidentAction(kind).submit).not.toBe('');
  });
});

describe('postmortem', () => {
  it.each([
    { desc: 'path', actual: () => buildPostmortemPath(ID), expected: '/api/incidents/fraud%2Fslow-sink%2F1795517988387/postmortem' },
    { desc: 'file name as the server names it', actual: () => postmortemFileName(ID), expected: 'postmortem-fraud_slow-sink_1795517988387.md' },
    { desc: 'hostile ids make safe names', actual: () => postmortemFileName('../../etc/passwd"<x>'), expected: 'postmortem-.._.._etc_passwd_x_.md' },
  ])('$desc', ({ actual, expected }) => {
    expect(actual()).toBe(expected);
  });
});
