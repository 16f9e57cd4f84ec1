import { describe, expect, it } from 'vitest';
import { buildTimeTicks, formatAxisTick, formatChartValue, formatTimeTick } from '../../../lib/view/format-chart-values';
import type { ChartUnit } from '../../../lib/view/chart-definitions';

describe('formatChartValue (tooltips)', () => {
  it.each<{ unit: ChartUnit; value: number | null; expected: string }>([
    { unit: 'messages', value: 2_471, expected: '2,471 msg' },
    { unit: 'messages', value: null, expected: '– (no data)' },
    { unit: 'messages-per-sec', value: 48.2, expected: '48 msg/s' },
    { unit: 'seconds', value: 185, expected: '3 m 05 s' },
    { unit: 'latency', value: 0.023, expected: '23 ms' },
    { unit: 'per-sec', value: 0, expected: '0/s' },
  ])('$unit $value', ({ unit, value, expected }) => {
    expect(formatChartValue(unit, value)).toBe(expected);
  });
});

describe('formatAxisTick', () => {
  it.each<{ unit: ChartUnit; value: number; expected: string }>([
    { unit: 'messages', value: 0, expected: '0' },
    { unit: 'messages', value: 2_500, expected: '2.5k' },
    { unit: 'messages', value: 12_000, expected: '12k' },
    { unit: 'messages', value: 1_500_000, expected: '1.5M' },
    { unit: 'messages-per-sec', value: 45, expected: '45/s' },
    { unit: 'seconds', value: 45, expected: '45 s' },
    { unit: 'seconds', value: 90, expected: '1.5 m' },
    { unit: 'seconds', value: 7_200, expected: '2 h' },
    { unit: 'latency', value: 0.65, expected: '650 ms' },
    { unit: 'latency', value: 2.6, expected: '2.6 s' },
  ])('$unit $value', ({ unit, value, expected }) => {
    expect(formatAxisTick(unit, value)).toBe(expected);
  });
});

describe('buildTimeTicks', () => {
  const at = (hhmm: string) => Date.parse(`2026-11-24T${hhmm}Z`);
  it.each([
    { desc: 'no domain', domain: null, expected: [] },
    { desc: '5 minutes: every minute', domain: { fromMs: at('10:00:30'), toMs: at('10:05:30') }, expected: ['10:01', '10:02', '10:03', '10:04', '10:05'] },
    { desc: '15 minutes: every 3', domain: { fromMs: at('10:00:30'), toMs: at('10:15:30') }, expected: ['10:03', '10:06', '10:09', '10:12', '10:15'] },
    { desc: '1 hour: every 10', domain: { fromMs: at('10:00:30'), toMs: at('11:00:30') }, expected: ['10:10', '10:20', '10:30', '10:40', '10:50', '11:00'] },
    { desc: '3 hours: every 30', domain: { fromMs: at('10:00:30'), toMs: at('13:00:30') }, expected: ['10:30', '11:00', '11:30', '12:00', '12:30', '13:00'] },
    { desc: '10 hours: every hour', domain: { fromMs: at('10:00:30'), toMs: at('20:00:30') }, expected: ['11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00'] },
    { desc: 'a day: every 3 hours', domain: { fromMs: at('00:30:00'), toMs: Date.parse('2026-11-25T00:30:00Z') }, expected: ['03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00', '00:00'] },
  ])('$desc', ({ domain, expected }) => {
    expect(buildTimeTicks(domain).map(formatTimeTick)).toEqual(expected);
  });
});
