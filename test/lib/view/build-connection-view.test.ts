import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../lib/live/connection-status';
import { INITIAL_SOURCE_HEALTH } from '../../../lib/collection/source-health';
import { buildConnectionView, buildSourceHealthViews } from '../../../lib/view/build-connection-view';
import { T0 } from './view-fixtures';

const NOW = T0 + 192_000; // 03:03:12 UTC

describe('buildConnectionView', () => {
  it.each<{ desc: string; status: ConnectionStatus | null; dataAtMs?: number; offsetMs?: number; state: string; label: string; detail: string | null }>([
    { desc: 'before the provider connects', status: null, state: 'connecting', label: 'Connecting to Pipewatch…', detail: null },
    { desc: 'first attempt', status: { kind: 'connecting', attempt: 1, lastMessageAtMs: null }, state: 'connecting', label: 'Connecting to Pipewatch…', detail: null },
    { desc: 'live', status: { kind: 'live', lastMessageAtMs: NOW - 1_000 }, state: 'live', label: 'live', detail: null },
    {
      desc: 'stale: since when, and how long ago',
      status: { kind: 'stale', lastMessageAtMs: NOW - 12_000 },
      state: 'stale',
      label: 'stale since 03:03:00 UTC (12 s ago)',
      detail: 'data as of 03:03:00 UTC (12 s ago)',
    },
    {
      desc: 'reconnecting: attempt, countdown, and the age of the data on screen',
      status: { kind: 'reconnecting', attempt: 3, retryAtMs: NOW + 3_200, lastMessageAtMs: NOW - 40_000, reason: 'closed (1006)' },
      dataAtMs: NOW - 42_000,
      state: 'reconnecting',
      label: 'reconnecting, attempt 3, next try in 4 s',
      detail: 'data as of 03:02:30 UTC (42 s ago)',
    },
    {
      desc: 'the frame time is the server clock, brought onto the browser clock',
      status: { kind: 'reconnecting', attempt: 1, retryAtMs: NOW, lastMessageAtMs: null, reason: 'refused' },
      dataAtMs: NOW - 42_000 + 5_000,
      offsetMs: 5_000,
      state: 'reconnecting',
      label: 'reconnecting, attempt 1, trying now',
      detail: 'data as of 03:02:30 UTC (42 s ago)',
    },
    {
      desc: 'reconnecting before any data',
      status: { kind: 'reconnecting', attempt: 2, retryAtMs: NOW + 1_000, lastMessageAtMs: null, reason: 'refused' },
      state: 'reconnecting',
      label: 'reconnecting, attempt 2, next try in 1 s',
      detail: 'no data yet',
    },
  ])('$desc', ({ status, dataAtMs, offsetMs, state, label, detail }) => {
    const view = buildConnectionView(status, NOW, dataAtMs ?? null, offsetMs ?? 0);
    expect({ state: view.state, label: view.label, detail: view.detail }).toEqual({ state, label, detail });
  });

  it('reconnecting says why in the title', () => {
    expect(buildConnectionView({ kind: 'reconnecting', attempt: 1, retryAtMs: NOW, lastMessageAtMs: null, reason: 'no heartbeat' }, NOW).title).toContain('no heartbeat');
  });
});

describe('buildSourceHealthViews', () => {
  const ok = { ...INITIAL_SOURCE_HEALTH, health: 'ok' as const, lastSuccessAtMs: NOW - 2_000 };
  const down = { ...INITIAL_SOURCE_HEALTH, health: 'down' as const, activity: 'backing-off' as const, lastError: { message: 'connect ECONNREFUSED 127.0.0.1:19090', atMs: NOW - 5_000 }, nextAttemptAtMs: NOW + 5_000 };
  const disabled = { ...INITIAL_SOURCE_HEALTH, activity: 'disabled' as const };

  it('no frame yet: nothing to show', () => {
    expect(buildSourceHealthViews(null, NOW)).toEqual([]);
  });

  it.each([
    { desc: 'ok', kafka: ok, label: 'ok', titleHas: 'last success 03:03:10 UTC' },
    { desc: 'down, with the last error verbatim', kafka: down, label: 'down', titleHas: 'connect ECONNREFUSED 127.0.0.1:19090' },
    { desc: 'down, with the next attempt', kafka: down, label: 'down', titleHas: 'next attempt 03:03:17 UTC' },
    { desc: 'disabled is not down', kafka: disabled, label: 'off', titleHas: 'not configured' },
  ])('$desc', ({ kafka, label, titleHas }) => {
    const [view] = buildSourceHealthViews({ kafka, prometheus: ok }, NOW);
    expect(view!.label).toBe(label);
    expect(view!.title).toContain(titleHas);
  });
});
