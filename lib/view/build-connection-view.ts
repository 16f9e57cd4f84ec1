import type { ConnectionStatus } from '../live/connection-status';
import type { SourcesJson } from '../live/live-wire';
import type { SourceHealth } from '../collection/source-health';
import { describeSourceHealth, type Tone } from './describe-status';
import { formatAbsoluteAndRelative, formatRelative, formatUtcTime } from './format-time';
import { assertNever } from '../assert-never';

/** The header's account of how fresh the numbers on screen are. */
export interface ConnectionView {
  state: ConnectionStatus['kind'];
  icon: string;
  label: string;
  /** "data as of …" while the numbers on screen are not live. */
  detail: string | null;
  title: string;
  tone: Tone;
}

/**
 * `nowMs` and the status's times are the browser's clock; `dataAtMs` (the newest frame) is the
 * server's, brought onto the browser's clock with `clockOffsetMs` (server minus browser).
 */
export function buildConnectionView(status: ConnectionStatus | null, nowMs: number, dataAtMs: number | null = null, clockOffsetMs = 0): ConnectionView {
  const dataAtLocalMs = dataAtMs === null ? null : dataAtMs - clockOffsetMs;
  const dataAsOf = (fallbackMs: number | null) => {
    const atMs = dataAtLocalMs ?? fallbackMs;
    return atMs === null ? 'no data yet' : `data as of ${formatAbsoluteAndRelative(atMs, nowMs)}`;
  };
  if (status === null) return { state: 'connecting', icon: '◌', label: 'Connecting to Pipewatch…', detail: null, title: 'opening the live connection', tone: 'neutral' };
  switch (status.kind) {
    case 'connecting':
      return {
        state: 'connecting',
        icon: '◌',
        label: status.attempt > 1 ? `connecting, attempt ${status.attempt}…` : 'Connecting to Pipewatch…',
        detail: status.lastMessageAtMs === null ? null : dataAsOf(status.lastMessageAtMs),
        title: 'opening the live connection',
        tone: 'neutral',
      };
    case 'live':
      return { state: 'live', icon: '●', label: 'live', detail: null, title: `live: last message ${formatUtcTime(status.lastMessageAtMs)}`, tone: 'ok' };
    case 'stale':
      return {
        state: 'stale',
        icon: '◔',
        label: `stale since ${formatUtcTime(status.lastMessageAtMs)} (${formatRelative(status.lastMessageAtMs, nowMs)})`,
        detail: dataAsOf(status.lastMessageAtMs),
        title: 'connected, but the server has sent nothing for longer than its heartbeat allows: the numbers may be old',
        tone: 'warn',
      };
    case 'reconnecting': {
      const waitS = Math.max(0, Math.ceil((status.retryAtMs - nowMs) / 1_000));
      return {
        state: 'reconnecting',
        icon: '↻',
        label: `reconnecting, attempt ${status.attempt}, ${waitS === 0 ? 'trying now' : `next try in ${waitS} s`}`,
        detail: dataAsOf(status.lastMessageAtMs),
        title: `connection lost: ${status.reason}`,
        tone: 'bad',
      };
    }
    default:
      return assertNever(status, 'connection status');
  }
}

export interface SourceHealthView {
  name: string;
  label: string;
  icon: string;
  tone: Tone;
  title: string;
}

/** Kafka and Prometheus as the header shows them; the last error goes in the title (hover). */
export function buildSourceHealthViews(sources: SourcesJson | null, nowMs: number): SourceHealthView[] {
  if (!sources) return [];
  return [sourceView('Kafka', sources.kafka, nowMs), sourceView('Prometheus', sources.prometheus, nowMs)];
}

function sourceView(name: string, source: SourceHealth, nowMs: number): SourceHealthView {
  if (source.activity === 'disabled') return { name, label: 'off', icon: '–', tone: 'neutral', title: `${name} is not configured` };
  const state = describeSourceHealth(source.health);
  const parts = [`${name}: ${state.label}`];
  if (source.lastError) parts.push(`last error ${formatAbsoluteAndRelative(source.lastError.atMs, nowMs)}: ${source.lastError.message}`);
  if (source.lastSuccessAtMs !== null) parts.push(`last success ${formatAbsoluteAndRelative(source.lastSuccessAtMs, nowMs)}`);
  else parts.push('never answered');
  if (source.activity === 'backing-off' && source.nextAttemptAtMs !== null) parts.push(`next attempt ${formatUtcTime(source.nextAttemptAtMs)}`);
  return { name, ...state, title: parts.join('\n') };
}
