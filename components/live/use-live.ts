'use client';

import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ServerInfo } from '@/components/live/live-connection';
import type { ConnectionStatus } from '@/lib/live/connection-status';
import type { StreamKey } from '@/lib/live/live-protocol';
import type { OverviewState, PipelineState } from '@/components/live/stream-state';
import { useLiveConnection } from './live-provider';

const NOOP_SUBSCRIBE = () => () => {};

/** Holds `stream` subscribed while the component is mounted and returns its current state. */
function useStream(stream: StreamKey, windowMs: number | undefined) {
  const connection = useLiveConnection();
  // The new subscription is taken before the old one is let go: switching the window of a stream
  // keeps its state (points, detail) instead of dropping it and flashing an empty page.
  const release = useRef<(() => void) | null>(null);
  useEffect(() => {
    const previous = release.current;
    release.current = connection?.retain(stream, windowMs) ?? null;
    previous?.();
  }, [connection, stream, windowMs]);
  useEffect(
    () => () => {
      release.current?.();
      release.current = null;
    },
    [],
  );
  const subscribe = useCallback((listener: () => void) => connection?.subscribe(listener) ?? (() => {}), [connection]);
  return useSyncExternalStore(
    connection ? subscribe : NOOP_SUBSCRIBE,
    () => connection?.stream(stream),
    () => undefined,
  );
}

export function useOverview(): OverviewState | undefined {
  return useStream('overview', undefined) as OverviewState | undefined;
}

export function usePipeline(pipelineId: string, windowMs: number): PipelineState | undefined {
  return useStream(`pipeline:${pipelineId}`, windowMs) as PipelineState | undefined;
}

export function useConnectionStatus(): { status: ConnectionStatus | null; server: ServerInfo | null } {
  const connection = useLiveConnection();
  const subscribe = useCallback((listener: () => void) => connection?.subscribe(listener) ?? (() => {}), [connection]);
  const status = useSyncExternalStore(subscribe, () => connection?.status() ?? null, () => null);
  const server = useSyncExternalStore(subscribe, () => connection?.server() ?? null, () => null);
  return { status, server };
}
