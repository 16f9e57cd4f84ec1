import { describe, expect, it } from 'vitest';
import { buildActiveMute, buildMutePath, buildMuteRequestBody, buildMuteRows, formatUtcMinute } from '../../../lib/view/build-mute-view';
import { parseMutes } from '../../../components/api/parse-mutes';
import type { MuteDetail } from '../../../lib/view/incident-detail-answer';
import { T0 } from './view-fixtures';

const NOW = T0 + 30 * 60_000; // 03:30 UTC
const H = 3_600_000;

const mute = (overrides: Partial<MuteDetail> & { id: number }): MuteDetail => ({ pipelineId: 'p', fromMs: T0, untilMs: T0 + 2 * H, by: 'ana', reason: 'deploy', unmuted: null, ...overrides });

describe('buildActiveMute', () => {
  it.each([
    { desc: 'none', mutes: [], expected: null },
    { desc: 'an active one', mutes: [mute({ id: 1 })], expected: { id: 1, text: 'muted until 05:00 UTC by ana', reason: 'deploy', others: 0 } },
    { desc: 'another pipeline’s', mutes: [mute({ id: 1, pipelineId: 'q' })], expected: null },
    { desc: 'ended', mutes: [mute({ id: 1, untilMs: NOW - 1 })], expected: null },
    { desc: 'unmuted early', mutes: [mute({ id: 1, unmuted: { atMs: NOW - 60_000, by: 'bob' } })], expected: null },
    { desc: 'not started', mutes: [mute({ id: 1, fromMs: NOW + 60_000 })], expected: null },
    { desc: 'ending tomorrow: with the date', mutes: [mute({ id: 1, untilMs: T0 + 24 * H })], expected: { text: 'muted until 2026-11-25 03:00 UTC by ana' } },
    { desc: 'two: the longest, counting the other', mutes: [mute({ id: 1 }), mute({ id: 2, untilMs: T0 + 8 * H, by: 'bob' })], expected: { id: 2, text: 'muted until 11:00 UTC by bob', others: 1 } },
  ])('$desc', ({ mutes, expected }) => {
    const view = buildActiveMute(mutes, 'p', NOW);
    if (expected === null) expect(view).toBeNull();
    else expect(view).toMatchObject(expected);
  });

  it('the tooltip says the span, the length, who and why', () => {
    expect(buildActiveMute([mute({ id: 1 })], 'p', NOW)?.title).toBe('03:00 UTC to 05:00 UTC (2 h 00 m), by ana: deploy');
  });
});

describe('buildMuteRows', () => {
  it('oldest first, each in its state', () => {
    const rows = buildMuteRows(
      [mute({ id: 3, fromMs: NOW + H, untilMs: NOW + 2 * H }), mute({ id: 1, untilMs: T0 + 10 * 60_000 }), mute({ id: 2, fromMs: T0 + 60_000, unmuted: { atMs: T0 + 20 * 60_000, by: 'bob' } }), mute({ id: 4, fromMs: T0 + 120_000 })],
      NOW,
    );
    expect(rows.map((r) => [r.id, r.state, r.stateText, r.span])).toEqual([
      [1, 'ended', 'ended', '03:00 UTC → 03:10 UTC'],
      [2, 'unmuted', 'unmuted early by bob at 03:20 UTC', '03:01 UTC → 05:00 UTC'],
      [4, 'active', 'active', '03:02 UTC → 05:00 UTC'],
      [3, 'scheduled', 'not started yet', '04:30 UTC → 05:30 UTC'],
    ]);
  });
});

describe('mute requests', () => {
  it.each([
    { desc: 'the body POST /api/mutes takes', actual: () => buildMuteRequestBody('a/b', '2h', 'ana', 'deploy'), expected: { pipelineId: 'a/b', for: '2h', by: 'ana', reason: 'deploy' } },
    { desc: 'the collection', actual: () => buildMutePath(), expected: '/api/mutes' },
    { desc: 'one mute', actual: () => buildMutePath(12), expected: '/api/mutes/12' },
    { desc: 'a minute today', actual: () => formatUtcMinute(T0 + 90_000, NOW), expected: '03:01 UTC' },
  ])('$desc', ({ actual, expected }) => {
    expect(actual()).toEqual(expected);
  });
});

describe('parseMutes', () => {
  it.each([
    { desc: 'the API’s {mutes}', body: { mutes: [{ id: 1, pipelineId: 'p', fromMs: 1, untilMs: 2, by: 'a', reason: 'r', createdAtMs: 1, unmuted: null }] }, ids: [1] },
    { desc: 'a bare list', body: [{ id: 2, pipelineId: 'p', fromMs: 1, untilMs: 2 }], ids: [2] },
    { desc: 'malformed ones skipped', body: { mutes: [{ id: 'x', pipelineId: 'p', fromMs: 1, untilMs: 2 }, { id: 3, fromMs: 1, untilMs: 2 }, null] }, ids: [] },
    { desc: 'not a list', body: { error: 'nope' }, ids: [] },
  ])('$desc', ({ body, ids }) => {
    expect(parseMutes(body).map((m) => m.id)).toEqual(ids);
  });
});
