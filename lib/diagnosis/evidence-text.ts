import { formatCount, formatRate, MISSING } from '../units/format-units';
import type { Evidence } from './finding';

/** Number formats the diagnosis adds to lib/format: shares, message counts, signed growth. */

/** "4.2 %", "86 %", "0.05 %". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return MISSING;
  const percent = ratio * 100;
  if (percent === 0) return '0 %';
  if (percent < 0.1) return `${percent.toFixed(2)} %`;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)} %`;
}

export function formatMessages(count: number | bigint | null | undefined): string {
  return `${formatCount(count === null || count === undefined ? count : Number(count))} msg`;
}

/** "+1,200 msg/s", "-40 msg/s", "+0 msg/s". */
export function formatGrowth(perSec: number | null | undefined): string {
  if (perSec === null || perSec === undefined || !Number.isFinite(perSec)) return MISSING;
  return `${perSec < 0 ? '-' : '+'}${formatRate(Math.abs(perSec)).replace('/s', ' msg/s').replace('/min', ' msg/min')}`;
}

export function formatOffset(offset: bigint): string {
  return offset.toLocaleString('en-US');
}

/** The entry every Kafka-only finding carries, so nobody mistakes missing signals for healthy ones. */
export function kafkaOnlyEvidence(reason: string): Evidence {
  return {
    signal: 'signalsAvailability',
    value: null,
    comparison: { kind: 'observed' },
    text: `${reason}: classified from Kafka offsets, commits and group state only, with lower confidence`,
  };
}
