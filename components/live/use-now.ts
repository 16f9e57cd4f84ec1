'use client';

import { useEffect, useState } from 'react';
import { useConnectionStatus } from './use-live';

/** The browser's clock, ticking every `intervalMs`: relative times ("12 s ago") move on their own. */
export function useNow(intervalMs = 1_000): number {
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return nowMs;
}

/** False while connecting, stale or reconnecting: what is on screen may be old and should look it. */
export function useIsLive(): boolean {
  return useConnectionStatus().status?.kind === 'live';
}

/** The server's clock as the browser reckons it: for comparing with times the server sent. */
export function useServerNow(intervalMs = 1_000): number {
  const nowMs = useNow(intervalMs);
  const { server } = useConnectionStatus();
  return nowMs + (server?.clockOffsetMs ?? 0);
}
