import { describe, expect, it } from 'vitest';
import { describeHealthKind, describeIncidentStatus, describeSeverity, describeSourceHealth } from '../../../lib/view/describe-status';

/** Colour is never the only signal: within each family, every state has its own word and its own glyph. */
describe('state labels', () => {
  it.each([
    { family: 'health kinds', labels: (['ok', 'warn', 'err', 'stall', 'stop', 'rewind', 'unknown'] as const).map(describeHealthKind) },
    { family: 'severities', labels: (['critical', 'warning', 'info'] as const).map(describeSeverity) },
    { family: 'incident statuses', labels: (['open', 'recovering', 'resolved'] as const).map(describeIncidentStatus) },
    { family: 'source health', labels: (['ok', 'degraded', 'down'] as const).map(describeSourceHealth) },
  ])('$family have distinct words and glyphs', ({ labels }) => {
    expect(new Set(labels.map((l) => l.label)).size).toBe(labels.length);
    expect(new Set(labels.map((l) => l.icon)).size).toBe(labels.length);
  });

  it.each([
    { desc: 'stopped is bad', actual: describeHealthKind('stop'), expected: { label: 'Stopped', tone: 'bad' } },
    { desc: 'unknown is not ok', actual: describeHealthKind('unknown'), expected: { label: 'Unknown', tone: 'neutral' } },
    { desc: 'critical is bad', actual: describeSeverity('critical'), expected: { label: 'Critical', tone: 'bad' } },
  ])('$desc', ({ actual, expected }) => {
    expect(actual).toMatchObject(expected);
  });
});
