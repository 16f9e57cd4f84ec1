import { describe, expect, it } from 'vitest';
import type { Evidence, Finding } from '../../../lib/diagnosis/finding';
import { detectEvidenceChange } from '../../../lib/incidents/detect-evidence-change';
import { finding, T } from './minimal-incident';

const latency: Evidence = { signal: 'sinkLatencyP99Seconds', value: 2.3, comparison: { kind: 'observed' }, text: 'sink p99 2.3 s' };
const lag: Evidence = { signal: 'lagGrowthPerSec', value: 40, comparison: { kind: 'trend', direction: 'growing' }, text: 'lag +40 msg/s' };

describe('detectEvidenceChange', () => {
  const cases: { desc: string; input: { before: Partial<Finding>; after: Partial<Finding> }; expected: string[] | null }[] = [
    { desc: 'the same signals with other numbers: nothing', input: { before: { evidence: [latency, lag] }, after: { evidence: [{ ...lag, value: 90, text: 'lag +90 msg/s' }, { ...latency, value: 3 }] } }, expected: null },
    { desc: 'a signal added', input: { before: { evidence: [latency] }, after: { evidence: [latency, lag] } }, expected: ['lagGrowthPerSec', 'sinkLatencyP99Seconds'] },
    { desc: 'a signal gone', input: { before: { evidence: [latency, lag] }, after: { evidence: [lag] } }, expected: ['lagGrowthPerSec'] },
    { desc: 'confidence changed', input: { before: { evidence: [latency] }, after: { evidence: [latency], confidence: 'low' } }, expected: ['sinkLatencyP99Seconds'] },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const entry = detectEvidenceChange(finding(input.before), finding(input.after), T);
    expect(entry === null ? null : entry.kind === 'evidence-changed' ? entry.signals : 'wrong kind').toEqual(expected);
  });

  it('summarises the new evidence texts', () => {
    expect(detectEvidenceChange(finding({ evidence: [latency] }), finding({ evidence: [latency, lag] }), T)).toEqual({
      kind: 'evidence-changed',
      atMs: T,
      confidence: 'high',
      signals: ['lagGrowthPerSec', 'sinkLatencyP99Seconds'],
      summary: 'sink p99 2.3 s; lag +40 msg/s',
    });
  });
});
