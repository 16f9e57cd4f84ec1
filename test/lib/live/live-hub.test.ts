import { describe, expect, it } from 'vitest';
import { createLiveHub, DEFAULT_LIVE_HUB_OPTIONS, type LiveHubOptions } from '../../../lib/live/live-hub';
import type { OverviewSnapshot, PipelineDelta, PipelineSnapshotData } from '../../../lib/live/live-wire';
import { GROUP } from '../../../lab/bench/simulate-pipeline';
import { fakeClient, simulatedCycles } from './live-fixtures';

const CYCLES = simulatedCycles(30);

function hub(overrides: Partial<LiveHubOptions> = {}) {
  let now = CYCLES[0]!.atMs;
  const live = createLiveHub({
    ...DEFAULT_LIVE_HUB_OPTIONS,
    epoch: 'epoch-a',
    intervalMs: 1_000,
    demo: false,
    history: { maxEntries: 1_000, maxAgeMs: 3_600_000 },
    nowMs: () => now,
    ...overrides,
  });
  let next = 0;
  return {
    live,
    publish(count: number) {
      for (let i = 0; i < count; i++) {
        const cycle = CYCLES[next++]!;
        now = cycle.atMs;
        live.publish(cycle);
      }
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

const subscribe = (stream: string, extra: object = {}) => JSON.stringify({ type: 'subscribe', stream, ...extra });

describe('live hub', () => {
  it('welcomes a client, answers a first subscription with a snapshot, then sends each cycle as a delta', () => {
    const h = hub();
    h.publish(3);
    const client = fakeClient();
    const session = h.live.connect(client);
    session.receive(subscribe('overview'));
    h.publish(2);
    const messages = client.messages();
    expect(messages.map((m) => m.type)).toEqual(['welcome', 'snapshot', 'delta', 'delta']);
    expect(messages[1]).toMatchObject({ type: 'snapshot', stream: 'overview', epoch: 'epoch-a', seq: 3, reason: 'subscribed' });
    expect((messages[1] as { data: OverviewSnapshot }).data.sparklines[GROUP]).toHaveLength(3);
    expect(messages.slice(2).map((m) => (m as { seq: number }).seq)).toEqual([4, 5]);
  });

  it('serialises a delta once: every subscriber gets the same text', () => {
    const h = hub();
    const a = fakeClient();
    const b = fakeClient();
    h.live.connect(a).receive(subscribe('overview'));
    h.live.connect(b).receive(subscribe('overview'));
    h.publish(1);
    expect(a.texts.at(-1)).toBe(b.texts.at(-1));
  });

  it.each([
    { desc: 'resume inside the buffer: only the missed deltas', resume: { epoch: 'epoch-a', seq: 7 }, expected: ['delta:8', 'delta:9', 'delta:10'] },
    { desc: 'resume at the latest sequence: nothing to send', resume: { epoch: 'epoch-a', seq: 10 }, expected: [] },
    { desc: 'resume older than the buffer: a snapshot', resume: { epoch: 'epoch-a', seq: 2 }, expected: ['snapshot:resume-unavailable'] },
    { desc: 'resume from another server start: a snapshot', resume: { epoch: 'epoch-old', seq: 9 }, expected: ['snapshot:epoch-changed'] },
    { desc: 'resume from the future (a confused client): a snapshot', resume: { epoch: 'epoch-a', seq: 99 }, expected: ['snapshot:resume-unavailable'] },
  ])('$desc', ({ resume, expected }) => {
    const h = hub({ resumeBufferDeltas: 5 });
    h.publish(10);
    const client = fakeClient();
    h.live.connect(client).receive(subscribe('overview', { resume }));
    const sent = client.messages().slice(1).map((m) => (m.type === 'snapshot' ? `snapshot:${m.reason}` : m.type === 'delta' ? `delta:${m.seq}` : m.type));
    expect(sent).toEqual(expected);
  });

  it('skips a client whose queue is over the limit, then catches it up with one snapshot', () => {
    const h = hub({ maxClientBufferBytes: 1_000 });
    const client = fakeClient();
    h.live.connect(client).receive(subscribe('overview'));
    client.buffered = 5_000;
    h.publish(3);
    expect(client.messages().map((m) => m.type)).toEqual(['welcome', 'snapshot']);
    client.buffered = 100;
    h.publish(1);
    const last = client.messages().at(-1);
    expect(last).toMatchObject({ type: 'snapshot', reason: 'slow-client', seq: 4 });
    h.publish(1);
    expect(client.messages().at(-1)).toMatchObject({ type: 'delta', seq: 5 });
    expect(h.live.stats().slowClientSnapshots).toBe(1);
  });

  it('disconnects a client that stays behind longer than the timeout', () => {
    const h = hub({ maxClientBufferBytes: 1_000, slowClientTimeoutMs: 10_000 });
    const client = fakeClient();
    h.live.connect(client).receive(subscribe('overview'));
    client.buffered = 5_000;
    h.publish(5);
    expect(client.closed).toBeNull();
    h.publish(10);
    expect(client.closed?.code).toBe(4008);
    expect(h.live.stats()).toMatchObject({ clients: 0, slowClientsClosed: 1 });
  });

  it.each([
    { desc: 'not JSON', text: '{', error: 'not JSON' },
    { desc: 'unknown type', text: JSON.stringify({ type: 'explode' }), error: 'type' },
    { desc: 'bad stream', text: subscribe('kafka:all'), error: 'stream' },
    { desc: 'window too short', text: subscribe('overview', { windowMs: 5 }), error: 'windowMs' },
    { desc: 'extra field', text: subscribe('overview', { admin: true }), error: 'admin' },
  ])('answers a bad message ($desc) with an error and keeps the session', ({ text, error }) => {
    const h = hub();
    const client = fakeClient();
    const session = h.live.connect(client);
    session.receive(text);
    const reply = client.messages().at(-1);
    expect(reply).toMatchObject({ type: 'error', code: 'bad-message' });
    expect((reply as { message: string }).message).toContain(error);
    session.receive(subscribe('overview'));
    expect(client.messages().at(-1)).toMatchObject({ type: 'snapshot' });
  });

  it('limits the streams of one connection', () => {
    const h = hub({ maxStreamsPerClient: 2 });
    const client = fakeClient();
    const session = h.live.connect(client);
    session.receive(subscribe('overview'));
    session.receive(subscribe('pipeline:a'));
    session.receive(subscribe('pipeline:b'));
    expect(client.messages().at(-1)).toMatchObject({ type: 'error', code: 'too-many-streams', stream: 'pipeline:b' });
  });

  it('serves a pipeline stream: the window of points in the snapshot, detail and the new point in each delta', () => {
    const h = hub();
    h.publish(20);
    const client = fakeClient();
    h.live.connect(client).receive(subscribe(`pipeline:${GROUP}`, { windowMs: 60_000 }));
    h.publish(1);
    const [, snapshot, delta] = client.messages();
    const data = (snapshot as { data: PipelineSnapshotData }).data;
    expect(data.detail?.groupId).toBe(GROUP);
    expect(data.points).toHaveLength(20);
    const change = (delta as { data: PipelineDelta }).data;
    expect(change.point.atMs).toBe(CYCLES[20]!.atMs);
    expect(change.detail.kafka.kind).toBe('sampled');
  });

  it('answers a subscription to an unknown pipeline with an empty snapshot, and readPipeline with null', () => {
    const h = hub();
    h.publish(2);
    const client = fakeClient();
    h.live.connect(client).receive(subscribe('pipeline:nobody'));
    expect(client.messages().at(-1)).toMatchObject({ type: 'snapshot', data: { pipelineId: 'nobody', detail: null, points: [] } });
    expect(h.live.readPipeline('nobody', 60_000)).toBeNull();
  });

  it('keeps resume buffers bounded, and drops an idle pipeline stream after its retention', () => {
    const h = hub({ resumeBufferDeltas: 4, idleStreamRetentionMs: 5_000 });
    const client = fakeClient();
    const session = h.live.connect(client);
    session.receive(subscribe('overview'));
    session.receive(subscribe(`pipeline:${GROUP}`));
    h.publish(10);
    expect(h.live.stats()).toMatchObject({ streams: 2, bufferedDeltas: 8 });
    session.receive(JSON.stringify({ type: 'unsubscribe', stream: `pipeline:${GROUP}` }));
    h.publish(7);
    expect(h.live.stats()).toMatchObject({ streams: 1, bufferedDeltas: 4, subscriptions: 1 });
  });

  it('sends heartbeats to every client that is not behind', () => {
    const h = hub({ maxClientBufferBytes: 1_000 });
    const ok = fakeClient();
    const slow = fakeClient();
    h.live.connect(ok);
    h.live.connect(slow);
    slow.buffered = 2_000;
    h.live.heartbeat();
    expect(ok.messages().at(-1)?.type).toBe('heartbeat');
    expect(slow.messages().at(-1)?.type).toBe('welcome');
  });
});
