import type { ParamsLike } from './overview-query';

/**
 * The pipeline page's time ranges: the live windows the server keeps and streams (LIVE_WINDOWS_MS
 * in lib/live/live-protocol.ts), then longer ones read from Prometheus (GET …/history).
 */
export const WINDOW_OPTIONS = ['5m', '15m', '1h', '6h', '24h', '7d'] as const;

export type WindowOption = (typeof WINDOW_OPTIONS)[number];

export const DEFAULT_WINDOW: WindowOption = '15m';

const HOUR_MS = 60 * 60_000;
const WINDOW_MS: Record<WindowOption, number> = { '5m': 5 * 60_000, '15m': 15 * 60_000, '1h': HOUR_MS, '6h': 6 * HOUR_MS, '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS };
const WINDOW_LABEL: Record<WindowOption, string> = {
  '5m': 'Last 5 minutes',
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '6h': 'Last 6 hours (Prometheus)',
  '24h': 'Last 24 hours (Prometheus)',
  '7d': 'Last 7 days (Prometheus)',
};

/** The ranges the live stream serves; longer ones are read from Prometheus. */
export const LIVE_WINDOW: WindowOption = '1h';

export function isLiveWindow(window: WindowOption): boolean {
  return WINDOW_MS[window] <= WINDOW_MS[LIVE_WINDOW];
}

export function parseWindowOption(value: string | null | undefined): WindowOption {
  return (WINDOW_OPTIONS as readonly string[]).includes(value ?? '') ? (value as WindowOption) : DEFAULT_WINDOW;
}

export function parseWindowParam(params: ParamsLike): WindowOption {
  return parseWindowOption(params.get('window'));
}

export function windowMsOf(window: WindowOption): number {
  return WINDOW_MS[window];
}

export function windowLabelOf(window: WindowOption): string {
  return WINDOW_LABEL[window];
}

/** The shortest live window reaching back to `fromMs`, or null when even the longest does not. */
export function windowCovering(fromMs: number, nowMs: number): WindowOption | null {
  const spanMs = nowMs - fromMs;
  return WINDOW_OPTIONS.find((w) => WINDOW_MS[w] >= spanMs) ?? null;
}

/** The pipeline page's search with `window` set, its other parameters (the id) kept. */
export function buildWindowSearch(window: WindowOption, currentSearch: string): string {
  const params = new URLSearchParams(currentSearch);
  params.set('window', window);
  return `?${params.toString()}`;
}
