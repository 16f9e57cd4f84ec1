import { SortedValues } from './sorted-values';

/** One partition of one cycle, as the window keeps it. */
export interface PartitionReading {
  atMs: number;
  committedOffset: bigint | null;
  lagMessages: number;
  consumeRatePerSec: number | null;
  ownerId: string | null;
}

/** Slot layout of the ring: time, lag, consume rate (NaN: none), and for a commit advance its two anchors (NaN: no advance). */
const AT = 0;
const LAG = 1;
const RATE = 2;
const SINCE_VALUE = 3;
const SINCE_ADVANCE = 4;
const FIELDS = 5;

/**
 * One partition's part of a diagnosis window, updated once per cycle: a numeric ring of its
 * samples in the window, and what the status and the classifier read of it kept incrementally —
 * the last commit advance, the longest gap between advances (a sliding maximum), rewinds, the
 * medians of the first and last third of its lag and the least-squares sums. Each cycle costs a
 * constant number of steps whatever the window's length (amortized: a sample enters and leaves
 * each structure once).
 *
 * Two gap definitions coexist because the status and the classifier measured them differently
 * before: the classifier from the time the previous committed value was first seen, the status
 * from the previous advance. Only the window's first advance can be clipped by the window start.
 */
export class PartitionTrack {
  private ring = new Float64Array(4 * FIELDS);
  private capacity = 4;
  /** Absolute sample indexes: the window holds [first, end). */
  private first = 0;
  private end = 0;
  /** Steps taken, for the shape test: one per sample written, evicted or moved between thirds. */
  steps = 0;

  lastCommitted: bigint | null = null;
  lastLagMessages = 0;
  ownerId: string | null = null;
  /** The Kafka cycle (per pipeline) of the latest sample and of the one before it. */
  kafkaSeq = -1;
  prevKafkaSeq = -1;
  prevOwnerId: string | null = null;
  /** Start of the run of equal committed values over consecutive Kafka cycles, and the consume rate then. */
  runStartAtMs = 0;
  runStartRate = NaN;

  private valueSinceAtMs = 0;
  private lastAdvanceAtMs = -Infinity;
  private lastAdvanceIdx = -1;
  /** The first advance after the window's first sample, found by a cursor that only moves forward. */
  private advanceCursor = 0;
  /** Sliding maxima of the gaps of the advances after the first, as [index, gap] pairs, gaps decreasing. */
  private gapsSinceValue: number[] = [];
  private gapsSinceAdvance: number[] = [];
  private rewinds: { idx: number; from: bigint; to: bigint }[] = [];

  private early = new SortedValues();
  private late = new SortedValues();
  private earlyRange = [0, 0];
  private lateRange = [0, 0];
  /** Least-squares sums over (atMs - origin, lag): whole numbers, so adding and removing stays exact. */
  private origin = 0;
  private sumT = 0;
  private sumV = 0;
  private sumTT = 0;
  private sumTV = 0;

  constructor(
    readonly key: string,
    readonly topic: string,
    readonly partition: number,
  ) {}

  get size(): number {
    return this.end - this.first;
  }

  headAtMs(): number {
    return this.at(this.first, AT);
  }

  headRate(): number {
    return this.at(this.first, RATE);
  }

  /** Drops the samples older than the window. */
  evict(windowStartMs: number): void {
    let dropped = false;
    while (this.end > this.first && this.at(this.first, AT) < windowStartMs) {
      const t = this.at(this.first, AT) - this.origin;
      const v = this.at(this.first, LAG);
      this.sumT -= t;
      this.sumV -= v;
      this.sumTT -= t * t;
      this.sumTV -= t * v;
      this.first++;
      this.steps++;
      dropped = true;
    }
    if (!dropped) return;
    if (this.size > 0) this.rebase(this.headAtMs());
    while (this.rewinds.length > 0 && this.rewinds[0]!.idx <= this.first) this.rewinds.shift();
    this.settle();
  }

  push(reading: PartitionReading, kafkaSeq: number): void {
    if (this.size === this.capacity) this.grow();
    const { atMs, committedOffset: to, lagMessages, consumeRatePerSec } = reading;
    const from = this.lastCommitted;
    const hasBefore = this.size > 0;
    const advance = hasBefore && to !== null && (from === null || to > from);
    if (hasBefore && from !== null && to !== null && to < from) this.rewinds.push({ idx: this.end, from, to });
    const sinceValue = this.valueSinceAtMs;
    const sinceAdvance = this.lastAdvanceAtMs;
    if (advance) {
      pushMax(this.gapsSinceValue, this.end, atMs - sinceValue);
      pushMax(this.gapsSinceAdvance, this.end, atMs - sinceAdvance);
      this.lastAdvanceAtMs = atMs;
      this.lastAdvanceIdx = this.end;
    }
    if (!hasBefore || advance || to !== from) this.valueSinceAtMs = atMs;
    const rate = consumeRatePerSec ?? NaN;
    if (!(this.kafkaSeq === kafkaSeq - 1 && to === from)) {
      this.runStartAtMs = atMs;
      this.runStartRate = rate;
    }

    const slot = (this.end % this.capacity) * FIELDS;
    this.ring[slot + AT] = atMs;
    this.ring[slot + LAG] = lagMessages;
    this.ring[slot + RATE] = rate;
    this.ring[slot + SINCE_VALUE] = advance ? sinceValue : NaN;
    this.ring[slot + SINCE_ADVANCE] = advance ? sinceAdvance : NaN;
    if (!hasBefore) {
      this.origin = atMs;
      this.sumT = this.sumV = this.sumTT = this.sumTV = 0;
    }
    const t = atMs - this.origin;
    this.sumT += t;
    this.sumV += lagMessages;
    this.sumTT += t * t;
    this.sumTV += t * lagMessages;
    this.end++;
    this.steps++;

    this.prevKafkaSeq = this.kafkaSeq;
    this.prevOwnerId = this.ownerId;
    this.kafkaSeq = kafkaSeq;
    this.ownerId = reading.ownerId;
    this.lastCommitted = to;
    this.lastLagMessages = lagMessages;
    this.settle();
  }

  /** When the committed offset last moved forward within the window; null when it did not. */
  lastAdvanceInWindowAtMs(): number | null {
    return this.lastAdvanceIdx > this.first ? this.lastAdvanceAtMs : null;
  }

  /**
   * The longest time between two forward moves of the committed offset in the window: measured
   * from when the previous value was first seen ('since-value', the classifier's) or from the
   * previous advance ('since-advance', the status'). undefined when nothing advanced.
   */
  longestGapMs(kind: 'since-value' | 'since-advance'): number | undefined {
    const f = this.advanceCursor;
    if (f >= this.end) return undefined;
    const anchor = this.at(f, kind === 'since-value' ? SINCE_VALUE : SINCE_ADVANCE);
    const firstGap = this.at(f, AT) - Math.max(anchor, this.headAtMs());
    const gaps = kind === 'since-value' ? this.gapsSinceValue : this.gapsSinceAdvance;
    return Math.max(0, firstGap, gaps.length > 0 ? gaps[1]! : 0);
  }

  /** The earliest backwards move of the committed offset within the window. */
  firstRewind(): { from: bigint; to: bigint } | null {
    const first = this.rewinds[0];
    return first ? { from: first.from, to: first.to } : null;
  }

  /** evaluateTrend's 'growing' test over this partition's lag in the window, and its slope. */
  lagGrowth(minChange: number): { growing: boolean; slopePerSec: number } {
    const n = this.size;
    if (n < 3) return { growing: false, slopePerSec: 0 };
    const slope = this.slopePerSec();
    const earlyMedian = this.early.median()!;
    const lateMedian = this.late.median()!;
    return { growing: lateMedian > this.early.max() && lateMedian - earlyMedian > minChange && slope > 0, slopePerSec: slope };
  }

  /** Calls back with (atMs, lag) for the samples at or after `fromMs`, newest first. */
  forEachRecent(fromMs: number, visit: (atMs: number, lagMessages: number) => void): void {
    for (let i = this.end - 1; i >= this.first && this.at(i, AT) >= fromMs; i--) {
      this.steps++;
      visit(this.at(i, AT), this.at(i, LAG));
    }
  }

  private slopePerSec(): number {
    const n = this.size;
    const num = this.sumTV - (this.sumT * this.sumV) / n;
    const den = this.sumTT - (this.sumT * this.sumT) / n;
    return den === 0 ? 0 : (num / den) * 1000;
  }

  private at(idx: number, field: number): number {
    return this.ring[(idx % this.capacity) * FIELDS + field]!;
  }

  private rebase(origin: number): void {
    const d = origin - this.origin;
    const n = this.size;
    this.sumTT += -2 * d * this.sumT + n * d * d;
    this.sumTV -= d * this.sumV;
    this.sumT -= n * d;
    this.origin = origin;
  }

  /** Moves the advance cursor and the gap maxima past the window start, and the thirds to their ranges. */
  private settle(): void {
    if (this.advanceCursor <= this.first) this.advanceCursor = this.first + 1;
    while (this.advanceCursor < this.end && Number.isNaN(this.at(this.advanceCursor, SINCE_VALUE))) this.advanceCursor++;
    const f = this.advanceCursor < this.end ? this.advanceCursor : Infinity;
    for (const gaps of [this.gapsSinceValue, this.gapsSinceAdvance]) while (gaps.length > 0 && gaps[0]! <= f) gaps.splice(0, 2);
    const third = Math.max(1, Math.floor(this.size / 3));
    const n = this.size;
    this.move(this.early, this.earlyRange, this.first, n === 0 ? this.first : this.first + third);
    this.move(this.late, this.lateRange, n === 0 ? this.end : this.end - third, this.end);
  }

  /** Turns the set holding the lags of [range) into the one holding [lo, hi). */
  private move(set: SortedValues, range: number[], lo: number, hi: number): void {
    const [from, to] = range as [number, number];
    if (hi <= from || lo >= to) {
      for (let i = from; i < to; i++) this.step(() => set.remove(this.at(i, LAG)));
      for (let i = lo; i < hi; i++) this.step(() => set.insert(this.at(i, LAG)));
    } else {
      for (let i = from; i < lo; i++) this.step(() => set.remove(this.at(i, LAG)));
      for (let i = hi; i < to; i++) this.step(() => set.remove(this.at(i, LAG)));
      for (let i = lo; i < from; i++) this.step(() => set.insert(this.at(i, LAG)));
      for (let i = to; i < hi; i++) this.step(() => set.insert(this.at(i, LAG)));
    }
    range[0] = lo;
    range[1] = hi;
  }

  private step(action: () => void): void {
    this.steps++;
    action();
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const ring = new Float64Array(capacity * FIELDS);
    const low = Math.min(this.first, this.earlyRange[0]!, this.lateRange[0]!);
    for (let i = low; i < this.end; i++) {
      for (let f = 0; f < FIELDS; f++) ring[(i % capacity) * FIELDS + f] = this.at(i, f);
    }
    this.ring = ring;
    this.capacity = capacity;
  }
}

function pushMax(gaps: number[], idx: number, gap: number): void {
  while (gaps.length > 0 && gaps[gaps.length - 1]! <= gap) gaps.length -= 2;
  gaps.push(idx, gap);
}
