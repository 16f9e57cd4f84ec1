import { evaluateRate } from './evaluate-rate';
import type { Rate } from './pipeline-snapshot';

/**
 * Recent readings of one offset (a partition's log end, a group's commit) for rates over a short
 * window: commits land in steps, so a rate between two adjacent 1 s samples swings between 0 and
 * double the truth, while a 10 s window reads steady.
 */
export interface OffsetReading {
  atMs: number;
  offset: bigint;
}

export type OffsetWindow = readonly OffsetReading[];

export interface OffsetWindowLimits {
  windowMs: number;
  maxReadings: number;
}

export const DEFAULT_OFFSET_WINDOW_LIMITS: OffsetWindowLimits = { windowMs: 10_000, maxReadings: 64 };

export function pushReading(window: OffsetWindow, reading: OffsetReading, limits = DEFAULT_OFFSET_WINDOW_LIMITS): OffsetWindow {
  const last = window.at(-1);
  // A lower offset is a reset (topic recreated, offsets rewound): earlier readings say nothing now.
  if (last && (reading.offset < last.offset || reading.atMs <= last.atMs)) {
    return reading.offset < last.offset ? [reading] : window;
  }
  // Keep one reading at or before the window start, so the rate spans the whole window.
  const kept = [...window, reading];
  let start = 0;
  while (start + 1 < kept.length - 1 && kept[start + 1]!.atMs <= reading.atMs - limits.windowMs) start++;
  return kept.slice(Math.max(start, kept.length - limits.maxReadings));
}

export function windowRate(window: OffsetWindow): Rate {
  const first = window[0];
  const last = window.at(-1);
  if (!first || !last || first === last) return null;
  const outcome = evaluateRate({ value: first.offset, atMs: first.atMs }, { value: last.offset, atMs: last.atMs });
  return outcome.kind === 'rate' ? outcome.perSecond : null;
}
