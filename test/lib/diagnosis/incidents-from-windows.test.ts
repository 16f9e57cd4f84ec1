import { describe, expect, it } from 'vitest';
import { classifyWindow } from '../../../lib/diagnosis/classify';
import { diagnoseCycle, EMPTY_DIAGNOSIS_STATE } from '../../../lib/diagnosis/diagnose-cycle';
import type { FailureType } from '../../../lib/diagnosis/failure-table';
import type { TimelineEntry } from '../../../lib/incidents/incident';
import { buildCycleInput, replayIncidents } from '../../../lib/incidents/reduce-incidents';
import { AFTER_REBALANCE, ALL, REBALANCE } from './classify-cases';
import { healthy, simulate, T0, type Phase } from '../../../lab/bench/simulate-pipeline';

/**
 * The whole pure path, cycle by cycle as the server runs it: snapshots from simulated samples,
 * the classifier over the last 60 s, the incident reducer over its findings.
 */
function incidentsOf(phases: Phase[], windowSize = 60) {
  const snapshots = simulate(phases);
  const inputs = snapshots.slice(10).map((snapshot, i) => buildCycleInput(snapshot, classifyWindow(snapshots.slice(Math.max(0, i + 11 - windowSize), i + 11))));
  const { changes } = replayIncidents(inputs);
  return changes.flatMap((c) =>
    c.kind === 'opened' || c.kind === 'resolved'
      ? [{ change: c.kind, atSecond: (c.atMs - T0) / 1000, type: c.incident.type, timeline: c.incident.timeline.map((e: TimelineEntry) => e.kind) }]
      : [],
  );
}

describe('incidents from classified windows', () => {
  const cases: { desc: string; input: Phase[]; expected: { change: string; atSecond: number; type: FailureType; timeline: string[] }[] }[] = [
    { desc: 'three healthy minutes: nothing at all', input: [healthy(180)], expected: [] },
    {
      desc: 'a sink outage: opened as transient errors, escalated within the same incident, resolved once lag is back',
      input: [
        healthy(60),
        { seconds: 10, capacityPerSec: ALL(0), signals: { sinkTransientErrorsPerSec: 10, retriesPerSec: 10 } },
        { seconds: 30, capacityPerSec: ALL(0), signals: { sinkTransientErrorsPerSec: 2, retriesPerSec: 2, consumersPaused: 2 } },
        healthy(60),
      ],
      expected: [
        { change: 'opened', atSecond: 65, type: 'transient-sink-error', timeline: ['opened'] },
        { change: 'resolved', atSecond: 107, type: 'sink-unavailable', timeline: ['opened', 'reclassified', 'recovering', 'resolved'] },
      ],
    },
    {
      desc: 'a slow sink: one incident, resolved after the backlog drained',
      input: [healthy(60), { seconds: 40, capacityPerSec: ALL(30), signals: { sinkLatencyP99Seconds: 2.3 } }, healthy(60)],
      expected: [
        { change: 'opened', atSecond: 66, type: 'slow-sink', timeline: ['opened'] },
        { change: 'resolved', atSecond: 108, type: 'slow-sink', timeline: ['opened', 'recovering', 'resolved'] },
      ],
    },
    {
      desc: 'one rebalance: one incident, not a slow sink, resolved once the grace window has passed',
      input: [healthy(60), ...REBALANCE, { seconds: 90, members: AFTER_REBALANCE }],
      expected: [
        { change: 'opened', atSecond: 63, type: 'kafka-rebalance', timeline: ['opened'] },
        { change: 'resolved', atSecond: 99, type: 'kafka-rebalance', timeline: ['opened', 'recovering', 'resolved'] },
      ],
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(incidentsOf(input)).toEqual(expected));
});

describe('a fault longer than the window', () => {
  // Through diagnoseCycle, as the server runs it: 180 s windows, the baseline pinned while healthy.
  function findingsPerCycle(phases: Phase[]) {
    let state = EMPTY_DIAGNOSIS_STATE;
    return simulate(phases).map((snapshot) => {
      const diagnosed = diagnoseCycle(state, [snapshot]);
      state = diagnosed.state;
      return { second: (snapshot.takenAtMs - T0) / 1000, types: diagnosed.diagnoses[0]!.findings.map((f) => f.finding.type), open: diagnosed.openIncidents.map((i) => i.type) };
    });
  }

  it('keeps diagnosing a slow sink for all of its eight minutes, against the baseline from before it', () => {
    const cycles = findingsPerCycle([healthy(240), { seconds: 480, capacityPerSec: ALL(30), signals: { sinkLatencyP99Seconds: 2.3 } }]);
    const late = cycles.filter((c) => c.second >= 300);
    expect(late.filter((c) => !c.types.includes('slow-sink')).map((c) => c.second)).toEqual([]);
    expect(late.at(-1)?.open).toEqual(['slow-sink']);
  });

  it('forgets the fault once it is over: the baseline moves on after recovery', () => {
    const cycles = findingsPerCycle([healthy(240), { seconds: 240, capacityPerSec: ALL(30), signals: { sinkLatencyP99Seconds: 2.3 } }, healthy(420)]);
    expect(cycles.at(-1)).toMatchObject({ types: [], open: [] });
  });
});
