import * as z from 'zod';
import type { OverviewDelta, OverviewSnapshot, PipelineDelta, PipelineSnapshotData } from './live-wire';

/**
 * The websocket protocol between the Pipewatch server and the browser (docs/api.md, "Live
 * protocol"). Each stream has an epoch (one per server start) and a sequence number per delta.
 * A client subscribes with the last (epoch, seq) it holds; the server answers with the deltas it
 * missed when its buffer still has them, otherwise with a fresh snapshot saying why.
 */

export const LIVE_PROTOCOL_VERSION = 2;
export const LIVE_PATH = '/live';

/** `overview`, or `pipeline:<id>` for one pipeline's detail and charts. */
export type StreamKey = 'overview' | `pipeline:${string}`;

export type StreamRef = { kind: 'overview' } | { kind: 'pipeline'; pipelineId: string };

export function parseStreamKey(key: string): StreamRef | null {
  if (key === 'overview') return { kind: 'overview' };
  if (key.startsWith('pipeline:') && key.length > 'pipeline:'.length && key.length <= 512) return { kind: 'pipeline', pipelineId: key.slice('pipeline:'.length) };
  return null;
}

export interface ResumePoint {
  epoch: string;
  seq: number;
}

/** Why a snapshot was sent instead of deltas: the chart draws a gap for everything but `subscribed`. */
export type SnapshotReason =
  /** First subscription: nothing to resume. */
  | 'subscribed'
  /** The server restarted (new epoch): what happened while it was down was not collected. */
  | 'epoch-changed'
  /** The missed deltas are no longer buffered. */
  | 'resume-unavailable'
  /** The client fell behind; queued deltas were dropped in favour of the newest state. */
  | 'slow-client';

/** A period the client holds no data for, and why: the charts draw it instead of joining the points across it. */
export interface DataGap {
  fromMs: number;
  toMs: number;
  reason: Exclude<SnapshotReason, 'subscribed'>;
}

export type ServerMessage =
  | { type: 'welcome'; protocol: number; epoch: string; serverTimeMs: number; intervalMs: number; heartbeatMs: number; demo: boolean }
  | { type: 'snapshot'; stream: StreamKey; epoch: string; seq: number; reason: SnapshotReason; data: OverviewSnapshot | PipelineSnapshotData }
  | { type: 'delta'; stream: StreamKey; epoch: string; seq: number; data: OverviewDelta | PipelineDelta }
  | { type: 'heartbeat'; atMs: number }
  | { type: 'error'; code: LiveErrorCode; message: string; stream: StreamKey | null };

export type LiveErrorCode = 'bad-message' | 'unknown-stream' | 'too-many-streams' | 'unauthorized';

export type ClientMessage =
  | { type: 'subscribe'; stream: StreamKey; windowMs?: number; resume?: ResumePoint }
  | { type: 'unsubscribe'; stream: StreamKey };

/** Live windows a client may ask for; longer ranges come from Prometheus. */
export const LIVE_WINDOWS_MS = [5 * 60_000, 15 * 60_000, 60 * 60_000] as const;
export const DEFAULT_WINDOW_MS = 15 * 60_000;

const streamKeySchema = z.string().refine((key) => parseStreamKey(key) !== null, { message: 'expected "overview" or "pipeline:<id>"' }) as unknown as z.ZodType<StreamKey>;
const resumeSchema = z.strictObject({ epoch: z.string().min(1).max(64), seq: z.number().int().min(0) });

const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('subscribe'),
    stream: streamKeySchema,
    windowMs: z.number().int().min(60_000).max(24 * 3_600_000).optional(),
    resume: resumeSchema.optional(),
  }),
  z.strictObject({ type: z.literal('unsubscribe'), stream: streamKeySchema }),
]);

const envelope = { epoch: z.string(), seq: z.number().int().min(0), stream: streamKeySchema };
const record = z.record(z.string(), z.unknown());

/**
 * The browser checks each message's envelope and the outline of its data; the data's inner fields
 * are the server's own output (lib/live/live-wire.ts), typed rather than re-validated field by field.
 */
const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.number().int(),
    epoch: z.string(),
    serverTimeMs: z.number(),
    intervalMs: z.number(),
    heartbeatMs: z.number(),
    demo: z.boolean(),
  }),
  z.object({
    type: z.literal('snapshot'),
    ...envelope,
    reason: z.enum(['subscribed', 'epoch-changed', 'resume-unavailable', 'slow-client']),
    data: record,
  }),
  z.object({ type: z.literal('delta'), ...envelope, data: record }),
  z.object({ type: z.literal('heartbeat'), atMs: z.number() }),
  z.object({
    type: z.literal('error'),
    code: z.enum(['bad-message', 'unknown-stream', 'too-many-streams', 'unauthorized']),
    message: z.string(),
    stream: streamKeySchema.nullable(),
  }),
]);

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

export function parseClientMessage(text: string): Parsed<ClientMessage> {
  return parseWith(clientMessageSchema, text) as Parsed<ClientMessage>;
}

export function parseServerMessage(text: string): Parsed<ServerMessage> {
  return parseWith(serverMessageSchema, text) as Parsed<ServerMessage>;
}

function parseWith(schema: z.ZodType, text: string): Parsed<unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `${where}${issue?.message ?? 'invalid message'}` };
}
