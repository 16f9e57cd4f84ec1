'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createLiveConnection, type LiveConnection, type SocketLike } from '@/components/live/live-connection';
import { LIVE_PATH } from '@/lib/live/live-protocol';

const LiveContext = createContext<LiveConnection | null>(null);

/** One websocket per page load, shared by every component that shows live data. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  useEffect(() => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const created = createLiveConnection({
      url: `${scheme}://${window.location.host}${LIVE_PATH}`,
      // The DOM types its handlers with DOM events; SocketLike asks only for what the connection reads.
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      onProtocolError: (message) => console.warn(`[pipewatch live] ${message}`),
    });
    setConnection(created);
    return () => created.close();
  }, []);
  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
}

export function useLiveConnection(): LiveConnection | null {
  return useContext(LiveContext);
}
