import { expect } from 'vitest';
import type { FailureType } from '../../../lib/diagnosis/failure-table';
import type { Confidence, Finding } from '../../../lib/diagnosis/finding';
import { member, type Phase } from '../../../lab/bench/simulate-pipeline';

/** Faults for the classifier's tests, each following 60 s of healthy traffic, and how findings are checked. */

export const ALL = (n: number) => [n, n, n, n];
export const FAULTS = {
  transient: { seconds: 30, capacityPerSec: ALL(150), signals: { sinkTransientErrorsPerSec: 5, retriesPerSec: 5 } },
  dlq: { seconds: 30, dlqPerSec: 2, signals: { sinkPermanentErrorsPerSec: 1 } },
  slow: { seconds: 30, capacityPerSec: ALL(30), signals: { sinkLatencyP99Seconds: 2.3, sinkLatencyP95Seconds: 1.5 } },
  sinkDown: (seconds: number) => ({ seconds, capacityPerSec: ALL(0), signals: { sinkTransientErrorsPerSec: 10, retriesPerSec: 10 } }),
  stopped: { seconds: 30, members: [], capacityPerSec: ALL(0) },
  silence: { seconds: 30, producePerSec: ALL(0) },
  hot: { seconds: 40, producePerSec: [50, 50, 50, 200], capacityPerSec: [1000, 1000, 1000, 150] },
  stuck: { seconds: 40, capacityPerSec: [1000, 1000, 0, 1000], signals: { retriesPerSec: 1, sinkTransientErrorsPerSec: 1 } },
} satisfies Record<string, Phase | ((s: number) => Phase)>;

export const AFTER_REBALANCE = [member('b', [0, 1]), member('c', [2, 3])];
export const REBALANCE: Phase[] = [
  { seconds: 3, state: 'PreparingRebalance', capacityPerSec: ALL(0) },
  { seconds: 2, members: AFTER_REBALANCE, capacityPerSec: ALL(0) },
];

export interface Expected {
  types: FailureType[];
  confidence?: Partial<Record<FailureType, Confidence>>;
  /** Evidence texts of the first finding, each matched by one of its entries. */
  evidence?: RegExp[];
  facts?: Record<string, unknown>;
}

export function check(findings: Finding[], expected: Expected): void {
  expect(findings.map((f) => f.type)).toEqual(expected.types);
  for (const [type, confidence] of Object.entries(expected.confidence ?? {})) {
    expect(findings.find((f) => f.type === type)?.confidence, type).toBe(confidence);
  }
  const texts = findings[0]?.evidence.map((e) => e.text) ?? [];
  for (const pattern of expected.evidence ?? []) expect(texts.some((t) => pattern.test(t)), `${pattern} in ${JSON.stringify(texts)}`).toBe(true);
  if (expected.facts) expect(findings[0]?.facts).toMatchObject(expected.facts);
}

