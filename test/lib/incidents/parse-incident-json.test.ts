import { describe, expect, it } from 'vitest';
import { toJsonSafe } from '../../../lib/api/json-safe';
import type { Finding } from '../../../lib/diagnosis/finding';
import type { Incident } from '../../../lib/incidents/incident';
import { projectIncidents } from '../../../lib/incidents/reduce-incidents';
import { parseIncidentJson } from '../../../lib/incidents/parse-incident-json';
import { scenario } from './incident-fixtures';
import { finding, incident } from './minimal-incident';

const stored = (value: Incident) => JSON.stringify(toJsonSafe(value));

const atRisk: Finding = {
  ...finding(),
  type: 'lag-near-retention',
  severity: 'critical',
  facts: {
    atRisk: [
      { topic: 'payments', partition: 3, lagMessages: 90_000, committedOffset: 2n ** 63n - 1n, owner: null, lagSeconds: 600_000, lagSecondsAtLeast: false, retentionSeconds: 604_800, headroomSeconds: 4_800, drainSeconds: null, lostMessages: 0 },
    ],
  },
};

describe('parseIncidentJson', () => {
  const fromScenario = [...projectIncidents(scenario().changes).values()];
  const cases: { desc: string; input: Incident }[] = [
    ...fromScenario.map((i) => ({ desc: `${i.type} from the simulated pipeline`, input: i })),
    { desc: 'an offset above 2^53 stays exact', input: incident() },
    { desc: 'lag near retention: offsets inside the facts', input: incident({ finding: atRisk }, 'lag-near-retention') },
    { desc: 'a partition without a commit', input: incident({ finding: finding({ partitions: [{ topic: 't', partition: 0, lagMessages: 0, committedOffset: null, owner: null }] }) }) },
  ];
  it.each(cases)('gives back the same Incident, bigints included: $desc', ({ input }) => {
    expect(parseIncidentJson(stored(input))).toEqual(input);
  });

  it('the scenario has a finding with stuck partitions to check', () => {
    expect(fromScenario.some((i) => i.finding.type === 'permanent-data-error' && i.finding.facts.stuckPartitions.length > 0)).toBe(true);
  });

  const corrupt: { desc: string; input: string; expected: RegExp }[] = [
    { desc: 'not JSON', input: '{', expected: /JSON/ },
    { desc: 'an unknown status', input: stored({ ...incident(), status: 'snoozed' as never }), expected: /status/ },
    { desc: 'an unknown type', input: stored({ ...incident(), type: 'gremlins' as never }), expected: /type or family/ },
    { desc: 'no finding', input: JSON.stringify({ ...toJsonSafe(incident()), finding: null }), expected: /finding/ },
  ];
  it.each(corrupt)('fails loudly on $desc', ({ input, expected }) => expect(() => parseIncidentJson(input)).toThrow(expected));
});
