import { formatLatency, formatRate, formatSeconds, MISSING } from '../units/format-units';
import type { ChartUnit } from './chart-definitions';
import type { TimeDomain } from './build-chart-series';
import { formatMessageRate, formatMessagesText } from './format-pipeline-values';
import { assertNever } from '../assert-never';
import { INVALID_TIME, isDateMs } from '../units/date-range';

/** Chart tooltips (full values, with units) and axis ticks (short, with units). */

export function formatChartValue(unit: ChartUnit, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return `${MISSING} (no data)`;
  switch (unit) {
    case 'messages':
      return formatMessagesText(value);
    case 'messages-per-sec':
      return formatMessageRate(value);
    case 'seconds':
      return formatSeconds(value);
    case 'latency':
      return formatLatency(value);
    case 'per-sec':
      return formatRate(value);
    default:
      return assertNever(unit, 'chart unit');
  }
}

/** "12k msg", "1.5M msg", "250 ms", "4 m", "30/s": short enough for a 56 px axis. */
export function formatAxisTick(unit: ChartUnit, value: number): string {
  if (!Number.isFinite(value)) return '';
  switch (unit) {
    case 'messages':
      return `${compact(value)}`;
    case 'messages-per-sec':
    case 'per-sec':
      return `${compact(value)}/s`;
    case 'seconds':
      if (value === 0) return '0 s';
      if (value < 60) return `${trim(value)} s`;
      if (value < 3_600) return `${trim(value / 60)} m`;
      return `${trim(value / 3_600)} h`;
    case 'latency':
      if (value === 0) return '0';
      return value < 1 ? `${trim(value * 1_000)} ms` : `${trim(value)} s`;
    default:
      return assertNever(unit, 'chart unit');
  }
}

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trim(value / 1e9)}G`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `${trim(value / 1e3)}k`;
  return trim(value);
}

function trim(value: number): string {
  return Number(value.toFixed(value !== 0 && Math.abs(value) < 10 ? 1 : 0)).toString();
}

/** Spans and their tick steps: every minute for 5 m, every 3 for 15 m, every 10 for 1 h; hours for an incident's day. */
const TICK_STEPS: readonly { maxSpanMs: number; stepMs: number }[] = [
  { maxSpanMs: 6 * 60_000, stepMs: 60_000 },
  { maxSpanMs: 20 * 60_000, stepMs: 3 * 60_000 },
  { maxSpanMs: 90 * 60_000, stepMs: 10 * 60_000 },
  { maxSpanMs: 6 * 3_600_000, stepMs: 30 * 60_000 },
  { maxSpanMs: 12 * 3_600_000, stepMs: 3_600_000 },
  { maxSpanMs: 36 * 3_600_000, stepMs: 3 * 3_600_000 },
  { maxSpanMs: 4 * 86_400_000, stepMs: 12 * 3_600_000 },
];

/** Time ticks on round wall-clock times (UTC), about 4 to 12 across the domain. */
export function buildTimeTicks(domain: TimeDomain | null): number[] {
  if (!domain) return [];
  const spanMs = domain.toMs - domain.fromMs;
  const stepMs = TICK_STEPS.find((s) => spanMs <= s.maxSpanMs)?.stepMs ?? 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(domain.fromMs / stepMs) * stepMs; t <= domain.toMs; t += stepMs) ticks.push(t);
  return ticks;
}

/** "10:27" UTC for an axis tick. */
export function formatTimeTick(atMs: number): string {
  if (!isDateMs(atMs)) return INVALID_TIME;
  const d = new Date(atMs);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
