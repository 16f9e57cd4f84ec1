import { describe, expect, it } from 'vitest';
import { scoreRun, type IncidentVerdict, type ScoreInput } from '../../../lab/bench/score-evaluate';
import { ep, ESCALATED, inc, miss, run, S, type EpisodeExpectation } from './score-fixtures';

describe('scoreRun: episodes', () => {
  const cases: { desc: string; input: ScoreInput; expected: EpisodeExpectation[] }[] = [
    {
      desc: 'an incident of the expected type during the fault detects it, timed from the fault start',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 110, 215)]),
      expected: [miss('slow-sink', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: 15 * S, resolved: true })],
    },
    {
      desc: 'an incident opening at the last moment of the grace still detects',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 230, 240)]),
      expected: [miss('slow-sink', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 130 * S, timeToResolveMs: 40 * S, resolved: true })],
    },
    {
      desc: 'an incident opening a millisecond after the grace is a miss',
      input: run([ep('slow-sink', 100, 200)], [{ ...inc('a', ['slow-sink'], 230, 240), openedAtMs: 230 * S + 1 }]),
      expected: [miss('slow-sink')],
    },
    {
      desc: 'an incident opening a millisecond before the fault starts is not its incident',
      input: run([ep('slow-sink', 100, 200)], [{ ...inc('a', ['slow-sink'], 100, 150), openedAtMs: 100 * S - 1 }]),
      expected: [miss('slow-sink')],
    },
    {
      desc: 'no incident at all is a miss',
      input: run([ep('sink-down', 100, 200)], []),
      expected: [miss('sink-unavailable')],
    },
    {
      desc: 'an incident of another type does not detect and counts as another type',
      input: run([ep('slow-sink', 100, 200)], [inc('b', ['consumer-stopped'], 120, 130)]),
      expected: [miss('slow-sink', { incidentIds: ['b'], otherTypes: ['consumer-stopped'] })],
    },
    {
      desc: 'a transient incident escalated to sink-unavailable detects an outage, timed at its open',
      input: run([ep('sink-down', 100, 200)], [inc('a', ESCALATED, 105, 205)]),
      expected: [miss('sink-unavailable', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 5 * S, timeToResolveMs: 5 * S, resolved: true })],
    },
    {
      desc: 'the same escalated incident detects transient errors too and is not another type',
      input: run([ep('transient-errors', 100, 200)], [inc('a', ESCALATED, 110, 210)]),
      expected: [miss('transient-sink-error', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: 10 * S, resolved: true })],
    },
    {
      desc: 'a flap: the first incident detects, the last one resolves, one flap',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 110, 140), inc('b', ['slow-sink'], 160, 220)]),
      expected: [miss('slow-sink', { incidentIds: ['a', 'b'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: 20 * S, resolved: true, flaps: 1 })],
    },
    {
      desc: 'a flap whose last incident is still open is not resolved, though the first was',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 110, 140), inc('b', ['slow-sink'], 160, null)]),
      expected: [miss('slow-sink', { incidentIds: ['a', 'b'], detectedBy: 'a', timeToDetectMs: 10 * S, flaps: 1 })],
    },
    {
      desc: 'incidents are taken in open order, whatever the input order',
      input: run([ep('slow-sink', 100, 200)], [inc('b', ['slow-sink'], 160, 220), inc('a', ['slow-sink'], 110, 140)]),
      expected: [miss('slow-sink', { incidentIds: ['a', 'b'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: 20 * S, resolved: true, flaps: 1 })],
    },
    {
      desc: 'a detecting incident still open at the end of the run is not resolved',
      input: run([ep('consumer-stop', 100, 200)], [inc('a', ['consumer-stopped'], 120, null)]),
      expected: [miss('consumer-stopped', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 20 * S })],
    },
    {
      desc: 'an incident resolved before the fault ended has a negative resolve time',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 110, 150)]),
      expected: [miss('slow-sink', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: -50 * S, resolved: true })],
    },
    {
      desc: "an overlapping fault's expected type is not another type of the outer fault",
      input: run([ep('sink-down', 100, 300), ep('slow-sink', 150, 250)], [inc('a', ['slow-sink'], 160, 255)]),
      expected: [
        miss('sink-unavailable', { overlapped: true, incidentIds: ['a'] }),
        miss('slow-sink', { overlapped: true, incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 10 * S, timeToResolveMs: 5 * S, resolved: true }),
      ],
    },
    {
      desc: 'a burst expects no type: nothing detects it and each incident during it is another type',
      input: run([ep('producer-burst', 100, 200)], [inc('a', ['slow-sink'], 120, 130)]),
      expected: [miss(null, { incidentIds: ['a'], otherTypes: ['slow-sink'] })],
    },
    {
      desc: "an incident in one fault's grace that opens during the next fault is that fault's other type",
      input: run([ep('slow-sink', 100, 200), ep('sink-down', 210, 300)], [inc('a', ['slow-sink'], 215, 220)]),
      expected: [
        miss('slow-sink', { incidentIds: ['a'], detectedBy: 'a', timeToDetectMs: 115 * S, timeToResolveMs: 20 * S, resolved: true }),
        miss('sink-unavailable', { incidentIds: ['a'], otherTypes: ['slow-sink'] }),
      ],
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const scores = scoreRun(input).episodes;
    expect(scores.map((s) => s.episode)).toEqual(input.episodes);
    expect(scores.map(({ episode: _episode, ...rest }) => rest)).toEqual(expected);
  });
});

describe('scoreRun: incident verdicts', () => {
  const cases: { desc: string; input: ScoreInput; expected: Record<string, IncidentVerdict> }[] = [
    { desc: 'the expected type during the fault is matched', input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 150, 160)]), expected: { a: 'matched' } },
    { desc: 'the expected type in the grace after the fault is matched', input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 225, 240)]), expected: { a: 'matched' } },
    { desc: 'an incident far from any fault is healthy', input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 1_000, 1_010)]), expected: { a: 'healthy' } },
    { desc: 'an incident with no faults in the run is healthy', input: run([], [inc('a', ['sink-unavailable'], 10, 20)]), expected: { a: 'healthy' } },
    {
      desc: 'an incident a millisecond outside the grace before a fault is healthy',
      input: run([ep('slow-sink', 100, 200)], [{ ...inc('a', ['slow-sink'], 70, 80), openedAtMs: 70 * S - 1 }]),
      expected: { a: 'healthy' },
    },
    { desc: 'another type during a fault is wrong-type', input: run([ep('slow-sink', 100, 200)], [inc('a', ['consumer-stopped'], 150, 160)]), expected: { a: 'wrong-type' } },
    {
      // Not matched (it opened before the fault) and not healthy (within the grace): the module calls it
      // wrong-type, though the fault does expect this type.
      desc: 'the expected type in the grace before the fault started is wrong-type',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 90, 110)]),
      expected: { a: 'wrong-type' },
    },
    { desc: 'an incident during a burst alone is during-burst', input: run([ep('producer-burst', 100, 200)], [inc('a', ['slow-sink'], 150, 160)]), expected: { a: 'during-burst' } },
    { desc: 'an incident in the grace before a burst is during-burst', input: run([ep('producer-burst', 100, 200)], [inc('a', ['upstream-stall'], 80, 90)]), expected: { a: 'during-burst' } },
    {
      desc: 'another type during a burst overlapping a typed fault is wrong-type',
      input: run([ep('producer-burst', 100, 300), ep('sink-down', 150, 250)], [inc('a', ['slow-sink'], 200, 210)]),
      expected: { a: 'wrong-type' },
    },
    {
      desc: "the typed fault's type during a burst overlapping it is matched",
      input: run([ep('producer-burst', 100, 300), ep('sink-down', 150, 250)], [inc('a', ['sink-unavailable'], 200, 260)]),
      expected: { a: 'matched' },
    },
    { desc: 'a transient incident escalated during an outage is matched', input: run([ep('sink-down', 100, 200)], [inc('a', ESCALATED, 105, 205)]), expected: { a: 'matched' } },
    {
      desc: 'a transient incident escalated during transient errors is wrong-type, by its final type',
      input: run([ep('transient-errors', 100, 200)], [inc('a', ESCALATED, 105, 205)]),
      expected: { a: 'wrong-type' },
    },
    {
      desc: 'each incident gets its own verdict',
      input: run([ep('slow-sink', 100, 200)], [inc('a', ['slow-sink'], 110, 120), inc('b', ['kafka-rebalance'], 130, 140), inc('c', ['slow-sink'], 900, 910)]),
      expected: { a: 'matched', b: 'wrong-type', c: 'healthy' },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(scoreRun(input).verdicts).toEqual(expected);
  });
});
