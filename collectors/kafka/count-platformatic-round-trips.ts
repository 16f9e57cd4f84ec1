import { connectionsApiChannel, protocolAPIsById, type Connection } from '@platformatic/kafka';

/**
 * Requests one @platformatic/kafka client sends, by API, counted from the client's own
 * `plt:kafka:connections:api` diagnostics channel: every request written to a socket, ApiVersions
 * and SASL included. The channel is process-wide, so only connections of `ownerId` (the client's
 * instanceId) are counted.
 */
export interface RoundTripCounter {
  /** Requests since the last call, by API name (Metadata, ListOffsets, …); starts a new count. */
  take(): Map<string, number>;
  close(): void;
}

interface SendContext {
  connection?: Pick<Connection, 'ownerId'>;
  apiKey?: number;
}

export function countPlatformaticRoundTrips(ownerId: number): RoundTripCounter {
  let counts = new Map<string, number>();
  const onStart = (message: unknown) => {
    const { connection, apiKey } = message as SendContext;
    if (connection?.ownerId !== ownerId || apiKey === undefined) return;
    const api = (protocolAPIsById as Record<number, string>)[apiKey] ?? `api-${apiKey}`;
    counts.set(api, (counts.get(api) ?? 0) + 1);
  };
  connectionsApiChannel.start.subscribe(onStart);
  return {
    take() {
      const taken = counts;
      counts = new Map();
      return taken;
    },
    close() {
      connectionsApiChannel.start.unsubscribe(onStart);
    },
  };
}
