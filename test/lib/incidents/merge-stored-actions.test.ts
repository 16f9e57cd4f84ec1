import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../lib/incidents/incident';
import { mergeStoredActions } from '../../../lib/incidents/merge-stored-actions';
import { scenario } from './incident-fixtures';

const base = (): Incident => {
  const opened = scenario().changes.find((c) => c.kind === 'opened');
  if (!opened || opened.kind !== 'opened') throw new Error('the scenario opens an incident');
  return opened.incident;
};

describe('mergeStoredActions', () => {
  const mine = { ...base(), lastSeenAtMs: 9_000, healthyCycles: 2 };
  const ack = { atMs: 8_000, by: 'ann' };
  it.each([
    { desc: 'nothing done: the leader keeps its own, newer incident', stored: { open: new Map([[mine.id, { ...mine, lastSeenAtMs: 1 }]]), resolved: new Set<string>() }, expected: [mine] },
    { desc: 'acknowledged on another replica: taken over, the rest kept', stored: { open: new Map([[mine.id, { ...mine, lastSeenAtMs: 1, acknowledged: ack }]]), resolved: new Set<string>() }, expected: [{ ...mine, acknowledged: ack }] },
    { desc: 'resolved by hand elsewhere: it leaves the reducer', stored: { open: new Map<string, Incident>(), resolved: new Set([mine.id]) }, expected: [] },
    { desc: 'not in the store yet (opened this cycle): it stays', stored: { open: new Map<string, Incident>(), resolved: new Set<string>() }, expected: [mine] },
  ])('$desc', ({ stored, expected }) => {
    expect(mergeStoredActions([mine], stored)).toEqual(expected);
  });

  it('never drops an acknowledgement the leader already has', () => {
    const acknowledged = { ...mine, acknowledged: ack };
    expect(mergeStoredActions([acknowledged], { open: new Map([[mine.id, mine]]), resolved: new Set() })).toEqual([acknowledged]);
  });
});
