import { chromium } from '@playwright/test';
import { CHROMIUM_EXECUTABLE } from '../stack/requirements';

/**
 * What one Chromium tab costs on the overview: opened on a running `pipewatch serve`, watched for
 * a while of live updates. Everything is read in the page (PerformanceObserver for long tasks, a
 * MutationObserver on the "updated" stamp, a wrapped WebSocket for what arrives) or through CDP
 * (heap, DOM nodes), so the numbers are the browser's own, not the bench's.
 */

export interface OverviewTabFigures {
  /** Infinity: no row within three minutes. */
  firstRowsMs: number;
  rowsInDom: number;
  domNodes: number;
  jsHeapMb: number;
  longTasks: { count: number; totalMs: number; worstMs: number };
  /** Overview deltas received while watched. */
  deltas: number;
  deltaBytes: { median: number; p95: number; max: number };
  /** Rows named per delta (added + changed + removed), median. */
  rowsPerDelta: number;
  /** A delta's arrival to the frame's stamp on screen (after the next paint), p50/p95. */
  arrivalToScreenMs: { p50: number; p95: number };
  /** The cycle's time (server clock, same machine) to the stamp on screen, p50/p95. */
  cycleToScreenMs: { p50: number; p95: number };
  snapshotBytes: number;
}

interface PageProbe {
  longTasks: { start: number; duration: number }[];
  deltas: { atMs: number; bytes: number; rows: number; arrivedMs: number }[];
  screens: { atMs: number; shownMs: number }[];
  snapshotBytes: number;
}

/**
 * Runs in the page before its scripts. Plain JavaScript in a string: a function passed to the page
 * would be transpiled by tsx first, which can add helpers (`__name`) the page does not have.
 */
const PROBE_SCRIPT = `(() => {
  const probe = { longTasks: [], deltas: [], screens: [], snapshotBytes: 0 };
  window.__probe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const encoder = new TextEncoder();
  const Native = window.WebSocket;
  window.WebSocket = function (url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const text = event.data;
      if (text.startsWith('{"type":"snapshot","stream":"overview"')) probe.snapshotBytes = Math.max(probe.snapshotBytes, encoder.encode(text).length);
      if (!text.startsWith('{"type":"delta","stream":"overview"')) return;
      const data = JSON.parse(text).data;
      const rows = (data.added ? data.added.length : 0) + data.changed.length + data.removed.length;
      probe.deltas.push({ atMs: data.atMs, bytes: encoder.encode(text).length, rows, arrivedMs: Date.now() });
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  const watch = () => {
    const stamp = document.querySelector('[data-testid=updated-at]');
    if (!stamp) return void setTimeout(watch, 50);
    let last = stamp.getAttribute('data-at-ms');
    new MutationObserver(() => {
      const now = document.querySelector('[data-testid=updated-at]')?.getAttribute('data-at-ms') ?? null;
      if (now === null || now === last) return;
      last = now;
      // On screen: after the browser has painted the commit that changed it.
      requestAnimationFrame(() => setTimeout(() => probe.screens.push({ atMs: Number(now), shownMs: Date.now() }), 0));
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-at-ms'], childList: true });
  };
  document.addEventListener('DOMContentLoaded', watch);
})();`;

const FIRST_ROWS_TIMEOUT_MS = 180_000;

export async function measureOverviewTab(url: string, watchMs: number, log: (line: string) => void): Promise<OverviewTabFigures> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript({ content: PROBE_SCRIPT });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'commit' });
    // A tab that shows no row in three minutes is a result, not an error: it is measured as it is.
    const shown = await page
      .locator('[data-testid=pipeline-row]')
      .first()
      .waitFor({ timeout: FIRST_ROWS_TIMEOUT_MS })
      .then(() => true, () => false);
    const firstRowsMs = shown ? await page.evaluate(() => performance.now()) : Infinity;
    log(`${shown ? `first rows after ${Math.round(firstRowsMs)} ms` : `no row after ${FIRST_ROWS_TIMEOUT_MS / 1000} s`}; watching ${Math.round(watchMs / 1000)} s of updates`);
    // Long tasks of loading are not those of steady updates: count from here.
    const watchFromMs = shown ? firstRowsMs : FIRST_ROWS_TIMEOUT_MS;
    await page.waitForTimeout(watchMs);
    const probe = await page.evaluate(() => (window as unknown as { __probe: PageProbe }).__probe);
    const rowsInDom = await page.locator('[data-testid=pipeline-row]').count();
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heapBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const steady = probe.longTasks.filter((t) => t.start >= watchFromMs);
    const shownAt = new Map(probe.screens.map((s) => [s.atMs, s.shownMs]));
    const arrival: number[] = [];
    const cycle: number[] = [];
    for (const delta of probe.deltas) {
      const shownMs = shownAt.get(delta.atMs);
      if (shownMs === undefined) continue;
      arrival.push(shownMs - delta.arrivedMs);
      cycle.push(shownMs - delta.atMs);
    }
    const bytes = probe.deltas.map((d) => d.bytes);
    return {
      firstRowsMs,
      rowsInDom,
      domNodes,
      jsHeapMb: heapBytes / 2 ** 20,
      longTasks: { count: steady.length, totalMs: steady.reduce((s, t) => s + t.duration, 0), worstMs: Math.max(0, ...steady.map((t) => t.duration)) },
      deltas: probe.deltas.length,
      deltaBytes: { median: quantile(bytes, 0.5), p95: quantile(bytes, 0.95), max: Math.max(0, ...bytes) },
      rowsPerDelta: quantile(probe.deltas.map((d) => d.rows), 0.5),
      arrivalToScreenMs: { p50: quantile(arrival, 0.5), p95: quantile(arrival, 0.95) },
      cycleToScreenMs: { p50: quantile(cycle, 0.5), p95: quantile(cycle, 0.95) },
      snapshotBytes: probe.snapshotBytes,
    };
  } finally {
    await browser.close();
  }
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
