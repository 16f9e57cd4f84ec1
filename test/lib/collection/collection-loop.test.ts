import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCollection, type CollectionOptions } from '../../../lib/collection/collection-loop';
import type { ClusterSample } from '../../../lib/cluster/cluster-sample';
import type { Incident } from '../../../lib/incidents/incident';
import { SIGNAL_NAMES, type SignalOutcome, type SignalsSample } from '../../../lib/signals/signals';
import { recordingLogger } from '../../support/recording-logger';

// The loop's scheduling logic against fake sources; the real sources have their own integration tests.
const sampleOf = (atMs: number): ClusterSample => ({
  takenAtMs: atMs,
  brokerCount: 1,
  topics: new Map([['payments', [{ partition: 0, logStartOffset: 0n, logEndOffset: 10n }]]]),
  groups: [{ groupId: 'fraud', protocol: 'classic', state: 'Stable', membership: { kind: 'visible', members: [] }, committed: [{ topic: 'payments', partition: 0, offset: 10n }] }],
  retentionMsByTopic: new Map(),
  roundTrips: 6,
});

const signalsOf = (outcome: (name: string) => SignalOutcome): SignalsSample => ({
  takenAtMs: Date.now(),
  signals: Object.fromEntries(SIGNAL_NAMES.map((n) => [n, outcome(n)])) as SignalsSample['signals'],
});

function options(overrides: Partial<CollectionOptions>): CollectionOptions {
  return {
    cluster: { sample: async () => sampleOf(Date.now()), close: async () => {} },
    signals: null,
    intervalMs: 1_000,
    kafkaTimeoutMs: 500,
    prometheusTimeoutMs: 500,
    backoff: { initialMs: 1_000, maxMs: 8_000 },
    pipelines: [],
    dlqNames: () => [],
    ...overrides,
  };
}

describe('collection loop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_800_000_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('publishes a cycle per interval to subscribers and keeps the latest one', async () => {
    const collection = createCollection(options({}));
    const seen: number[] = [];
    const published: unknown[] = [];
    collection.subscribe((cycle) => {
      seen.push(cycle.snapshots.length);
      published.push(cycle);
    });
    await vi.advanceTimersByTimeAsync(9_500);
    expect(seen).toEqual(Array(10).fill(1));
    expect(collection.latest()).toBe(published.at(-1));
    expect(collection.latest()?.atMs).toBe(1_800_000_009_000);
    expect(collection.latest()?.sources.kafka.health).toBe('ok');
    expect(collection.latest()?.sources.prometheus.activity).toBe('disabled');
    expect(collection.latest()?.roundTrips).toBe(6);
    await collection.stop();
  });

  it('never overlaps cycles: ticks during a slow cycle are counted as skipped', async () => {
    let calls = 0;
    const slow = { sample: () => new Promise<ClusterSample>((resolve) => { calls++; setTimeout(() => resolve(sampleOf(Date.now())), 2_500); }), close: async () => {} };
    const collection = createCollection(options({ cluster: slow, kafkaTimeoutMs: 10_000 }));
    collection.start();
    await vi.advanceTimersByTimeAsync(5_100);
    expect(calls).toBe(2);
    expect(collection.latest()?.skippedCycles).toBeGreaterThanOrEqual(2);
    const stopping = collection.stop();
    await vi.advanceTimersByTimeAsync(3_000);
    await stopping;
  });

  it('turns a failing Kafka into gaps and backs off exponentially, then recovers', async () => {
    let failing = true;
    let calls = 0;
    const flaky = {
      sample: async () => {
        calls++;
        if (failing) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:19092');
        return sampleOf(Date.now());
      },
      close: async () => {},
    };
    const { log, messages: lines } = recordingLogger();
    const collection = createCollection(options({ cluster: flaky, log }));
    failing = false;
    await collection.runCycle(); // a first good cycle, so the pipelines are known
    failing = true;
    collection.start();
    await vi.advanceTimersByTimeAsync(7_500);
    // Failures at t=0, then retries 1 s, 2 s and 4 s later: 4 attempts in 7.5 s rather than 8.
    expect(calls - 1).toBe(4);
    const latest = collection.latest()!;
    expect(latest.sources.kafka).toMatchObject({ health: 'down', activity: 'backing-off', consecutiveFailures: 4 });
    expect(latest.snapshots[0]!.kafka).toMatchObject({ kind: 'gap' });
    expect(lines).toEqual(['Kafka sampling failed: Connection error: connect ECONNREFUSED 127.0.0.1:19092; retrying with backoff']);
    failing = false;
    await vi.advanceTimersByTimeAsync(9_000);
    expect(collection.latest()!.sources.kafka.health).toBe('ok');
    expect(collection.latest()!.snapshots[0]!.kafka.kind).toBe('sampled');
    await collection.stop();
  });

  it('times out a source that does not answer', async () => {
    const hanging = { sample: () => new Promise<ClusterSample>(() => {}), close: async () => {} };
    const collection = createCollection(options({ cluster: hanging }));
    const cycle = collection.runCycle();
    await vi.advanceTimersByTimeAsync(600);
    expect((await cycle).sources.kafka.lastError?.message).toBe('Kafka did not answer within 500 ms');
  });

  it('reads every signal unreachable as Prometheus down, and one bad query as degraded', async () => {
    const unreachable = createCollection(
      options({ signals: { sample: async () => signalsOf(() => ({ kind: 'error', promql: 'x', error: { type: 'unreachable', message: 'ECONNREFUSED 127.0.0.1:19090' } })) } }),
    );
    const down = await unreachable.runCycle();
    expect(down.sources.prometheus).toMatchObject({ health: 'down', lastError: { message: 'ECONNREFUSED 127.0.0.1:19090' } });
    expect(down.snapshots[0]!.signals).toMatchObject({ kind: 'gap', reason: 'ECONNREFUSED 127.0.0.1:19090' });

    const oneBad = createCollection(
      options({
        signals: {
          sample: async () =>
            signalsOf((n) =>
              n === 'retriesPerSec'
                ? { kind: 'error', promql: 'bad(', error: { type: 'bad-data', message: 'parse error at char 5', errorType: 'bad_data' } }
                : { kind: 'ok', byGroup: new Map([['fraud', 1]]), warnings: [] },
            ),
        },
      }),
    );
    const degraded = await oneBad.runCycle();
    expect(degraded.sources.prometheus).toMatchObject({ health: 'degraded', lastError: { message: 'retriesPerSec: parse error at char 5' } });
    expect(degraded.snapshots[0]!.signals.kind).toBe('sampled');
  });

  it('resumes the open incidents it is given, and applies a resolve by hand between cycles', async () => {
    const open = { id: 'fraud/slow-sink/1', pipelineId: 'fraud', openedAtMs: 1_799_999_000_000, timeline: [] } as unknown as Incident;
    const collection = createCollection(options({ openIncidents: [open] }));
    const first = await collection.runCycle();
    expect(first.openIncidents.map((i) => i.id)).toEqual(['fraud/slow-sink/1']);
    const changes = collection.dispatch({ kind: 'resolved-by-hand', incidentId: 'fraud/slow-sink/1', atMs: Date.now(), by: 'ana', reason: 'fixed' });
    expect(changes.map((c) => c.kind)).toEqual(['resolved']);
    const next = await collection.runCycle();
    expect(next.openIncidents).toEqual([]);
    expect(next.incidentChanges.map((c) => [c.kind, c.kind === 'rejected' ? null : c.incident.id])).toEqual([['resolved', 'fraud/slow-sink/1']]);
    expect(collection.dispatch({ kind: 'acknowledged', incidentId: 'fraud/slow-sink/1', atMs: Date.now(), by: 'ana', note: null }).map((c) => c.kind)).toEqual(['rejected']);
    await collection.stop();
  });
});
