import { describe, expect, it } from 'vitest';
import { PartitionTrack } from '../../../lib/diagnosis/partition-track';
import { evaluateTrend } from '../../../lib/diagnosis/window-stats';

// The track's incremental answers against the same definitions computed over the whole window.

interface Sample {
  atMs: number;
  committed: bigint | null;
  lag: number;
}

/** What the status and the classifier computed by re-scanning the window's samples. */
function scanned(window: Sample[]) {
  let lastAdvanceAtMs: number | null = null;
  let sinceAdvanceGap = 0;
  let sinceValueGap: number | undefined;
  let sinceMs = window[0]!.atMs;
  let rewind: { from: bigint; to: bigint } | null = null;
  for (let i = 1; i < window.length; i++) {
    const from = window[i - 1]!.committed;
    const to = window[i]!.committed;
    const atMs = window[i]!.atMs;
    if (rewind === null && from !== null && to !== null && to < from) rewind = { from, to };
    const advance = to !== null && (from === null || to > from);
    if (advance) {
      sinceAdvanceGap = Math.max(sinceAdvanceGap, atMs - (lastAdvanceAtMs ?? window[0]!.atMs));
      sinceValueGap = Math.max(sinceValueGap ?? 0, atMs - sinceMs);
      lastAdvanceAtMs = atMs;
    }
    if (advance || to !== from) sinceMs = atMs;
  }
  const trend = evaluateTrend(window.map((s) => ({ atMs: s.atMs, value: s.lag })), 10);
  return {
    lastAdvanceAtMs,
    sinceAdvanceGap: lastAdvanceAtMs === null ? undefined : sinceAdvanceGap,
    sinceValueGap,
    rewind,
    growing: trend.kind === 'growing',
    slope: trend.kind === 'insufficient' ? 0 : trend.slopePerSec,
  };
}

/** Deterministic pseudo-random walks: commits that advance, pause, rewind and go missing. */
function walk(seed: number, length: number, stepMs: number): Sample[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  let committed = 1_000n;
  let lag = 50;
  return Array.from({ length }, (_, i) => {
    const r = next();
    if (r < 0.55) committed += BigInt(1 + Math.floor(next() * 40));
    else if (r < 0.6) committed -= 30n;
    lag = Math.max(0, lag + Math.floor((next() - 0.4) * 30));
    return { atMs: 1_000_000 + i * stepMs + (next() < 0.1 ? 1 : 0), committed: r > 0.97 ? null : committed, lag };
  });
}

const cases = [
  { desc: 'a short walk, window of 5 samples', seed: 1, length: 40, stepMs: 1_000, windowMs: 4_500 },
  { desc: 'a long walk, window of 30 samples', seed: 2, length: 300, stepMs: 1_000, windowMs: 29_500 },
  { desc: 'a window longer than the walk', seed: 3, length: 60, stepMs: 5_000, windowMs: 10_000_000 },
  { desc: 'a window of one sample', seed: 4, length: 20, stepMs: 1_000, windowMs: 500 },
  { desc: 'uneven steps, window of 12 s', seed: 5, length: 200, stepMs: 700, windowMs: 12_000 },
];

describe('PartitionTrack', () => {
  it.each(cases)('answers as a scan of the window would, every cycle: $desc', ({ seed, length, stepMs, windowMs }) => {
    const samples = walk(seed, length, stepMs);
    const track = new PartitionTrack('payments\u00000', 'payments', 0);
    samples.forEach((sample, i) => {
      track.evict(sample.atMs - windowMs);
      track.push({ atMs: sample.atMs, committedOffset: sample.committed, lagMessages: sample.lag, consumeRatePerSec: null, ownerId: null }, i);
      const window = samples.slice(0, i + 1).filter((s) => s.atMs >= sample.atMs - windowMs);
      const expected = scanned(window);
      const growth = track.lagGrowth(10);
      expect(track.size).toBe(window.length);
      expect(track.lastAdvanceInWindowAtMs()).toBe(expected.lastAdvanceAtMs);
      expect(track.longestGapMs('since-advance')).toBe(expected.sinceAdvanceGap);
      expect(track.longestGapMs('since-value')).toBe(expected.sinceValueGap);
      expect(track.firstRewind()).toEqual(expected.rewind);
      if (window.length >= 3) {
        expect(growth.growing).toBe(expected.growing);
        expect(growth.slopePerSec).toBeCloseTo(expected.slope, 9);
      }
    });
  });
});
