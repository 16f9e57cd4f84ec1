import { describe, expect, it } from 'vitest';
import { estimateLagSeconds } from '../../../lib/time-lag/estimate-lag-seconds';
import { appendObservation, DEFAULT_OFFSET_TIME_TABLE_LIMITS, EMPTY_OFFSET_TIME_TABLE, type OffsetTimeTable } from '../../../lib/time-lag/offset-time-table';

const T0 = 1_800_000_000_000;
const CYCLE_MS = 5_000;

/**
 * An hour of a producer whose rate changes every few minutes — bursts, quiet spells, a stop —
 * sampled every 5 s: 720 observations, six times what the default table keeps.
 */
function producedHour(): { atMs: number; logEndOffset: bigint }[] {
  const rates = [50, 50, 500, 0, 20, 800, 800, 0, 0, 120, 5, 300];
  const points: { atMs: number; logEndOffset: bigint }[] = [];
  let offset = 0;
  for (let i = 0; i < 720; i++) {
    const rate = rates[Math.floor(i / 60) % rates.length]! * (1 + 0.3 * Math.sin(i / 7));
    offset += Math.round(rate * (CYCLE_MS / 1000));
    points.push({ atMs: T0 + i * CYCLE_MS, logEndOffset: BigInt(offset) });
  }
  return points;
}

function tableOf(points: { atMs: number; logEndOffset: bigint }[], maxPoints: number): OffsetTimeTable {
  let table = EMPTY_OFFSET_TIME_TABLE;
  for (const p of points) table = appendObservation(table, { observedAtMs: p.atMs, logEndOffset: p.logEndOffset }, { ...DEFAULT_OFFSET_TIME_TABLE_LIMITS, maxPoints }).table;
  return table;
}

describe('the default bound of the offset/time table', () => {
  it('keeps its size whatever the history length', () => {
    expect(tableOf(producedHour(), DEFAULT_OFFSET_TIME_TABLE_LIMITS.maxPoints).length).toBeLessThanOrEqual(DEFAULT_OFFSET_TIME_TABLE_LIMITS.maxPoints);
  });

  it('gives, after an hour of changing production, the lag in seconds of the unbounded table within max(1 s, 5 %) at any committed offset', () => {
    const points = producedHour();
    const nowMs = points.at(-1)!.atMs;
    const full = tableOf(points, points.length);
    const bounded = tableOf(points, DEFAULT_OFFSET_TIME_TABLE_LIMITS.maxPoints);
    expect(full.length).toBeGreaterThan(bounded.length);
    const last = Number(points.at(-1)!.logEndOffset);
    let compared = 0;
    for (let committed = 0; committed < last; committed += Math.max(1, Math.floor(last / 997))) {
      const truth = estimateLagSeconds(full, BigInt(committed), nowMs);
      const estimate = estimateLagSeconds(bounded, BigInt(committed), nowMs);
      if (truth.kind !== 'estimated' || truth.confidence !== 'interpolated') continue;
      expect(estimate.kind).toBe('estimated');
      const seconds = estimate.kind === 'estimated' ? estimate.seconds : NaN;
      expect(Math.abs(seconds - truth.seconds), `committed ${committed}: ${seconds} s against ${truth.seconds} s`).toBeLessThanOrEqual(Math.max(1, 0.05 * truth.seconds));
      compared++;
    }
    expect(compared).toBeGreaterThan(900);
  });
});
