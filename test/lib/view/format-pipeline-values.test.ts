import { describe, expect, it } from 'vitest';
import { formatLagSeconds, formatMessageRate, formatMessagesText, formatOffsetText, formatTimeToDrain, type DrainInput } from '../../../lib/view/format-pipeline-values';
import type { TimeLagEstimate } from '../../../lib/time-lag/estimate-lag-seconds';

describe('formatLagSeconds', () => {
  it.each<{ desc: string; input: TimeLagEstimate | null; text: string; hasTitle: boolean }>([
    { desc: 'Kafka not read', input: null, text: '–', hasTitle: true },
    { desc: 'caught up is zero, not missing', input: { kind: 'caught-up', seconds: 0 }, text: '0 s', hasTitle: true },
    { desc: 'interpolated reads plainly', input: { kind: 'estimated', seconds: 185, confidence: 'interpolated' }, text: '3 m 05 s', hasTitle: false },
    { desc: 'extrapolated is a lower bound', input: { kind: 'estimated', seconds: 185, confidence: 'extrapolated', capped: false }, text: '≥ 3 m 05 s', hasTitle: true },
    { desc: 'capped is a lower bound too', input: { kind: 'estimated', seconds: 660, confidence: 'extrapolated', capped: true }, text: '≥ 11 m 00 s', hasTitle: true },
    { desc: 'unknown says why in the title', input: { kind: 'unknown', reason: 'no-commit' }, text: '–', hasTitle: true },
  ])('$desc', ({ input, text, hasTitle }) => {
    const value = formatLagSeconds(input);
    expect(value.text).toBe(text);
    expect(value.title !== null).toBe(hasTitle);
  });
});

describe('formatTimeToDrain', () => {
  it.each<{ desc: string; input: DrainInput; text: string; tone: string }>([
    { desc: 'Kafka not read', input: null, text: '–', tone: 'neutral' },
    { desc: 'drained', input: { kind: 'drained' }, text: 'drained', tone: 'ok' },
    { desc: 'draining', input: { kind: 'draining', seconds: 130 }, text: 'drains in 2 m 10 s', tone: 'ok' },
    { desc: 'growing', input: { kind: 'not-draining', netGrowthPerSec: 120 }, text: 'growing +120 msg/s', tone: 'warn' },
    { desc: 'holding', input: { kind: 'not-draining', netGrowthPerSec: 0 }, text: 'not draining', tone: 'warn' },
    { desc: 'no rate yet', input: { kind: 'unknown', reason: 'no-rate' }, text: '–', tone: 'neutral' },
  ])('$desc', ({ input, text, tone }) => {
    const value = formatTimeToDrain(input);
    expect(value.text).toBe(text);
    expect(value.tone).toBe(tone);
  });
});

describe('units', () => {
  it.each([
    { desc: 'messages', actual: formatMessagesText(12_345), expected: '12,345 msg' },
    { desc: 'zero messages is zero', actual: formatMessagesText(0), expected: '0 msg' },
    { desc: 'missing messages has no unit', actual: formatMessagesText(null), expected: '–' },
    { desc: 'message rate', actual: formatMessageRate(48), expected: '48 msg/s' },
    { desc: 'slow message rate per minute', actual: formatMessageRate(0.02), expected: '1.2 msg/min' },
    { desc: 'missing rate', actual: formatMessageRate(undefined), expected: '–' },
    { desc: 'int64 offset beyond 2^53', actual: formatOffsetText('9007199254740993'), expected: '9,007,199,254,740,993' },
    { desc: 'no offset', actual: formatOffsetText(null), expected: '–' },
    { desc: 'garbage offset', actual: formatOffsetText('12abc'), expected: '–' },
  ])('$desc', ({ actual, expected }) => {
    expect(actual).toBe(expected);
  });
});
