import type { GroundTruthProducer } from './ground-truth-producer';
import type { OffsetCommitter } from './offset-committer';

/**
 * The lag-in-seconds scenarios: each writes records with known timestamps and moves one group's
 * committed offset by rule, so the true lag is known at every sample.
 */

export interface TimelagOptions {
  durationMs: number;
  ratePerSec: number;
  behindMs: number;
  burstRecords: number;
  /** When the burst of (c) starts, after the sampler's first cycle. */
  burstAtMs: number;
  historyRecords: number;
  historyAgeMs: number;
  reprocessPerSec: number;
}

export interface ScenarioContext {
  producer: GroundTruthProducer;
  committer: OffsetCommitter;
  options: TimelagOptions;
  /** Aborted when the scenario's duration is over. */
  signal: AbortSignal;
}

/** What the scenario must show: the check its verdict applies. */
export type ScenarioTarget =
  /** Every known estimate within max(1 s, 5 %) of the truth. */
  | 'within-tolerance'
  /** Every estimate exactly 0, of kind caught-up. */
  | 'exactly-zero'
  /** Every estimate of records older than the table flagged extrapolated, and bounded. */
  | 'flagged-and-bounded';

export interface Scenario {
  id: 'a' | 'b' | 'c' | 'd' | 'e';
  title: string;
  target: ScenarioTarget;
  /** Before the sampler's first cycle. */
  prepare(ctx: ScenarioContext): Promise<void>;
  /** While the sampler runs, until ctx.signal aborts. */
  drive(ctx: ScenarioContext): Promise<void>;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'a',
    title: 'steady flow, consumer ~behind',
    target: 'within-tolerance',
    prepare: async ({ committer }) => committer.commit(0),
    drive: async (ctx) => {
      const { producer, committer, options, signal } = ctx;
      // Commits land half-way between samples, as a consumer's own commit timer would, unaligned.
      await Promise.all([
        produceSteadily(ctx),
        repeat(1_000, 500, signal, () => committer.commit(producer.countProducedBy(Date.now() - options.behindMs))),
      ]);
    },
  },
  {
    id: 'b',
    title: 'steady flow, caught-up consumer',
    target: 'within-tolerance',
    prepare: async ({ committer }) => committer.commit(0),
    drive: async (ctx) => {
      await Promise.all([produceSteadily(ctx), repeat(200, 0, ctx.signal, () => ctx.committer.commit(ctx.producer.produced))]);
    },
  },
  {
    id: 'c',
    title: 'burst then idle, consumer stuck at burst start',
    target: 'within-tolerance',
    prepare: async ({ producer, committer }) => {
      await producer.sendNow(10);
      await committer.commit(producer.produced);
    },
    drive: async ({ producer, options, signal }) => {
      if (!(await sleep(options.burstAtMs, signal))) return;
      // The burst is spread over one second, in 20 Produce requests.
      const perSend = Math.ceil(options.burstRecords / 20);
      for (let sent = 0; sent < options.burstRecords && !signal.aborted; sent += perSend) {
        const startMs = Date.now();
        await producer.send(Array.from({ length: Math.min(perSend, options.burstRecords - sent) }, () => Date.now()));
        await sleep(Math.max(0, 50 - (Date.now() - startMs)), signal);
      }
    },
  },
  {
    id: 'd',
    title: 'idle topic, caught-up consumer',
    target: 'exactly-zero',
    prepare: async ({ producer, committer }) => {
      await producer.sendNow(100);
      await committer.commit(producer.produced);
    },
    drive: async ({ signal }) => {
      await sleep(Number.MAX_SAFE_INTEGER, signal);
    },
  },
  {
    id: 'e',
    title: 'reprocessing from 0, history before the sampler',
    target: 'flagged-and-bounded',
    prepare: async ({ producer, committer, options }) => {
      // A retained history: timestamps spread over the last historyAgeMs, written now (CreateTime).
      const endMs = Date.now() - 1_000;
      const stepMs = (options.historyAgeMs - 1_000) / options.historyRecords;
      for (let sent = 0; sent < options.historyRecords; sent += 500) {
        const count = Math.min(500, options.historyRecords - sent);
        await producer.send(Array.from({ length: count }, (_, i) => endMs - options.historyAgeMs + (sent + i) * stepMs));
      }
      await committer.commit(0);
    },
    drive: async (ctx) => {
      const { producer, committer, options, signal } = ctx;
      await Promise.all([
        produceSteadily(ctx),
        repeat(1_000, 500, signal, () => committer.commit(Math.min(producer.produced, (committer.committedOffset ?? 0) + options.reprocessPerSec))),
      ]);
    },
  },
];

/** ratePerSec records a second, one Produce each; a late schedule catches up in one batch. */
async function produceSteadily({ producer, options, signal }: ScenarioContext): Promise<void> {
  const startMs = Date.now();
  const intervalMs = 1_000 / options.ratePerSec;
  let sent = 0;
  while (!signal.aborted) {
    const due = Math.floor((Date.now() - startMs) / intervalMs) + 1 - sent;
    if (due > 0) {
      const nowMs = Date.now();
      await producer.send(Array.from({ length: due }, () => nowMs));
      sent += due;
    }
    await sleep(Math.max(0, startMs + sent * intervalMs - Date.now()), signal);
  }
}

/** Calls `action` every intervalMs, the first time after phaseMs, until the signal aborts. */
async function repeat(intervalMs: number, phaseMs: number, signal: AbortSignal, action: () => Promise<void>): Promise<void> {
  const startMs = Date.now() + phaseMs;
  for (let n = 0; ; n++) {
    if (!(await sleep(Math.max(0, startMs + n * intervalMs - Date.now()), signal))) return;
    await action();
  }
}

/** Resolves true after ms, or false as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.min(ms, 2 ** 31 - 1));
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
