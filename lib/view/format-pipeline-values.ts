import { formatGrowth } from '../diagnosis/evidence-text';
import { formatCount, formatRate, formatSeconds, MISSING } from '../units/format-units';
import type { TimeToDrain } from '../pipelines/evaluate-time-to-drain';
import type { TimeLagEstimate } from '../time-lag/estimate-lag-seconds';
import { assertNever } from '../assert-never';

/** The pipeline numbers every screen shows, with their units; "–" (never 0) when missing. */

/** A value and, when the value alone could mislead, why it reads as it does (for a title attribute). */
export interface ValueText {
  text: string;
  title: string | null;
}

/** "12,345 msg". */
export function formatMessagesText(count: number | null | undefined): string {
  const text = formatCount(count);
  return text === MISSING ? MISSING : `${text} msg`;
}

/** "48 msg/s", "1.2 msg/min". */
export function formatMessageRate(perSec: number | null | undefined): string {
  const text = formatRate(perSec);
  return text === MISSING ? MISSING : text.replace('/s', ' msg/s').replace('/min', ' msg/min');
}

/** Lag in seconds; an extrapolated estimate is a lower bound and reads "≥". */
export function formatLagSeconds(estimate: TimeLagEstimate | null | undefined): ValueText {
  if (!estimate) return { text: MISSING, title: 'Kafka not read' };
  switch (estimate.kind) {
    case 'caught-up':
      return { text: '0 s', title: 'caught up' };
    case 'estimated':
      if (estimate.confidence === 'interpolated') return { text: formatSeconds(estimate.seconds), title: null };
      return {
        text: `≥ ${formatSeconds(estimate.seconds)}`,
        title: estimate.capped
          ? 'at least this old: extrapolated past the observed offsets and capped at the extrapolation limit'
          : 'at least this old: extrapolated from the average produce rate, the record predates the observed offsets',
      };
    case 'unknown':
      return { text: MISSING, title: LAG_UNKNOWN[estimate.reason] };
    default:
      return assertNever(estimate, 'lag estimate');
  }
}

const LAG_UNKNOWN: Record<Extract<TimeLagEstimate, { kind: 'unknown' }>['reason'], string> = {
  'no-commit': 'nothing committed yet',
  'no-observations': 'no offsets observed yet',
  'no-produce-rate': 'no produce rate to extrapolate from',
  'invalid-clock': 'invalid clock',
};

export type DrainInput = TimeToDrain | { kind: 'unknown'; reason: 'no-rate' } | null | undefined;

/** "drained", "drains in 2 m 05 s", "growing +120 msg/s", "not draining". */
export function formatTimeToDrain(drain: DrainInput): ValueText & { tone: 'ok' | 'warn' | 'neutral' } {
  if (!drain) return { text: MISSING, title: 'Kafka not read', tone: 'neutral' };
  switch (drain.kind) {
    case 'drained':
      return { text: 'drained', title: 'no lag', tone: 'ok' };
    case 'draining':
      return { text: `drains in ${formatSeconds(drain.seconds)}`, title: 'at the current produce and consume rates', tone: 'ok' };
    case 'not-draining':
      return drain.netGrowthPerSec > 0
        ? { text: `growing ${formatGrowth(drain.netGrowthPerSec)}`, title: 'consumption does not keep up with production', tone: 'warn' }
        : { text: 'not draining', title: 'consumption only matches production: the backlog holds', tone: 'warn' };
    case 'unknown':
      return { text: MISSING, title: drain.reason === 'no-rate' ? 'no rate yet: rates need two readings' : `unknown (${drain.reason})`, tone: 'neutral' };
    default:
      return assertNever(drain, 'time to drain');
  }
}

/** Decimal offsets of any size: int64 offsets arrive as strings. */
export function formatOffsetText(offset: string | null | undefined): string {
  if (offset === null || offset === undefined || !/^-?\d+$/.test(offset)) return MISSING;
  return BigInt(offset).toLocaleString('en-US');
}
