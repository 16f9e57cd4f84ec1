import { describe, expect, it } from 'vitest';
import type { EvidencePoint } from '../../../lib/incidents/evidence-point';
import { summarizeEvidence } from '../../../lib/incidents/summarize-evidence';

const T = 1_800_000_000_000;
const EMPTY = { lagMessages: null, lagSeconds: null, produceRatePerSec: null, consumeRatePerSec: null, dlqDepthMessages: null, retriesPerSec: null, sinkLatencyP99Seconds: null, sinkTransientErrorsPerSec: null, sinkPermanentErrorsPerSec: null };
const at = (second: number, over: Partial<EvidencePoint>): EvidencePoint => ({ ...EMPTY, atMs: T + second * 1_000, ...over });

describe('summarizeEvidence', () => {
  const cases: { desc: string; input: { points: EvidencePoint[]; firstSeen: number; resolved: number | null }; expected: unknown }[] = [
    {
      desc: 'baseline is the median before first seen; lag peaks, consume rate drops',
      input: {
        points: [at(0, { lagMessages: 100, consumeRatePerSec: 200 }), at(1, { lagMessages: 300, consumeRatePerSec: 200 }), at(10, { lagMessages: 5_000, consumeRatePerSec: 0 }), at(20, { lagMessages: 150, consumeRatePerSec: 210 })],
        firstSeen: 5,
        resolved: 20,
      },
      expected: {
        points: 4,
        pointsBefore: 2,
        pointsDuring: 2,
        rows: [
          { metric: 'lagMessages', worst: 'highest', baseline: 200, worstDuring: 5_000, last: 150 },
          { metric: 'consumeRatePerSec', worst: 'lowest', baseline: 200, worstDuring: 0, last: 210 },
        ],
      },
    },
    {
      desc: 'points after resolution do not count as during; gaps are skipped, not zeros',
      input: { points: [at(10, { sinkLatencyP99Seconds: 2.3 }), at(11, { sinkLatencyP99Seconds: null }), at(30, { sinkLatencyP99Seconds: 9 })], firstSeen: 5, resolved: 20 },
      expected: { points: 3, pointsBefore: 0, pointsDuring: 2, rows: [{ metric: 'sinkLatencyP99Seconds', worst: 'highest', baseline: null, worstDuring: 2.3, last: 9 }] },
    },
    { desc: 'no points', input: { points: [], firstSeen: 5, resolved: null }, expected: { points: 0, pointsBefore: 0, pointsDuring: 0, rows: [] } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(summarizeEvidence(input.points, T + input.firstSeen * 1_000, input.resolved === null ? null : T + input.resolved * 1_000)).toEqual(expected));
});
