import { describe, expect, it } from 'vitest';
import { buildIncidentFigures, durationFigures, type IncidentTimes } from '../../../lib/incidents/build-incident-figures';

const T = 1_800_000_000_000;
const times = (over: Partial<IncidentTimes>): IncidentTimes => ({ type: 'slow-sink', firstSeenAtMs: T, openedAtMs: T + 2_000, acknowledgedAtMs: null, resolvedAtMs: null, ...over });

describe('durationFigures', () => {
  const cases: { desc: string; input: number[]; expected: ReturnType<typeof durationFigures> }[] = [
    { desc: 'none', input: [], expected: { samples: 0, medianSeconds: null, p95Seconds: null } },
    { desc: 'one', input: [7], expected: { samples: 1, medianSeconds: 7, p95Seconds: 7 } },
    { desc: 'an even count: the median is the mean of the middle two', input: [4, 1, 3, 2], expected: { samples: 4, medianSeconds: 2.5, p95Seconds: 4 } },
    { desc: 'twenty: p95 is the 19th by nearest rank', input: Array.from({ length: 20 }, (_, i) => i + 1), expected: { samples: 20, medianSeconds: 10.5, p95Seconds: 19 } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(durationFigures(input)).toEqual(expected));
});

describe('buildIncidentFigures', () => {
  const cases: { desc: string; input: IncidentTimes[]; expected: unknown[] }[] = [
    { desc: 'no incidents, no rows', input: [], expected: [] },
    {
      desc: 'per type in failure-table order, open counted, only acknowledged and resolved ones timed',
      input: [
        times({ type: 'slow-sink', acknowledgedAtMs: T + 62_000, resolvedAtMs: T + 602_000 }),
        times({ type: 'slow-sink', firstSeenAtMs: T - 4_000 }),
        times({ type: 'transient-sink-error', resolvedAtMs: T + 32_000 }),
      ],
      expected: [
        { type: 'transient-sink-error', count: 1, open: 0, detect: 2, ack: null, resolve: 30 },
        { type: 'slow-sink', count: 2, open: 1, detect: 4, ack: 60, resolve: 600 },
      ],
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(
      buildIncidentFigures(input).map((f) => ({ type: f.type, count: f.count, open: f.open, detect: f.timeToDetect.medianSeconds, ack: f.timeToAcknowledge.medianSeconds, resolve: f.timeToResolve.medianSeconds })),
    ).toEqual(expected);
  });
});
