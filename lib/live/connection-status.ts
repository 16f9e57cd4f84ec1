/**
 * How fresh the browser's live data is, as its end of the live protocol reports it
 * (components/live/live-connection.ts keeps the socket; this is only the state it is in).
 */
export type ConnectionStatus =
  | { kind: 'connecting'; attempt: number; lastMessageAtMs: number | null }
  | { kind: 'live'; lastMessageAtMs: number }
  /** Connected but nothing heard for longer than the heartbeat allows: the numbers may be old. */
  | { kind: 'stale'; lastMessageAtMs: number }
  | { kind: 'reconnecting'; attempt: number; retryAtMs: number; lastMessageAtMs: number | null; reason: string };
