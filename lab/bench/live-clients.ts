import WebSocket from 'ws';

/**
 * The client side of bench:live, run as a child process so the clients' CPU is not counted as the
 * server's: opens N websocket clients on the overview stream and records, per delta, the delay
 * from the frame's timestamp (set by the server just before it publishes) to receipt here.
 * Slow clients stop reading their socket, as a frozen browser tab would.
 *
 * Protocol with the parent (IPC): it sends {type: 'start', url, clients, slow}; this answers
 * {type: 'connected', count}; on {type: 'report'} it answers {type: 'report', ...} and exits.
 */

interface Start {
  type: 'start';
  url: string;
  clients: number;
  slow: number;
}

const CONNECT_BATCH = 100;
/** The frame's atMs is near the start of a delta; reading it needs no full JSON.parse. */
const AT_MS = /"data":\{"atMs":(\d+)/;

const delays: number[] = [];
const reasons = new Map<string, number>();
let deltas = 0;
let bytes = 0;
let closedByServer = 0;
const sockets: WebSocket[] = [];

function open(url: string, slow: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    sockets.push(ws);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', stream: 'overview' }));
      // A slow client stops reading after its first snapshot: the server's queue for it grows.
      if (slow) setTimeout(() => (ws as unknown as { _socket: { pause(): void } })._socket.pause(), 500);
      resolve();
    });
    ws.on('error', reject);
    ws.on('close', (code) => {
      if (code === 4008) closedByServer++;
    });
    ws.on('message', (data: Buffer) => {
      // Only the head of a message is read: decoding every 56 KiB frame of 1,000 clients would make
      // this process, not the server, the bottleneck.
      bytes += data.length;
      const text = data.subarray(0, 400).toString();
      if (text.startsWith('{"type":"delta"')) {
        const match = AT_MS.exec(text);
        if (match) {
          delays.push(Date.now() - Number(match[1]));
          deltas++;
        }
      } else if (text.startsWith('{"type":"snapshot"')) {
        const reason = /"reason":"([a-z-]+)"/.exec(text)?.[1] ?? 'unknown';
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    });
  });
}

process.on('message', async (message: Start | { type: 'report' } | { type: 'reset' }) => {
  if (message.type === 'start') {
    for (let i = 0; i < message.clients; i += CONNECT_BATCH) {
      const batch = [];
      for (let j = i; j < Math.min(message.clients, i + CONNECT_BATCH); j++) batch.push(open(message.url, j < message.slow));
      await Promise.all(batch);
    }
    process.send?.({ type: 'connected', count: sockets.length });
  } else if (message.type === 'reset') {
    delays.length = 0;
    deltas = 0;
    bytes = 0;
  } else {
    process.send?.({ type: 'report', delays, deltas, bytes, snapshots: Object.fromEntries(reasons), closedByServer, cpu: process.cpuUsage() }, () => process.exit(0));
  }
});
