import type { SparkPoint } from '../live/live-wire';

/** A floor for the scale: a few messages of jitter on a caught-up pipeline should look flat, not alarming. */
const MIN_SCALE_MESSAGES = 100;

export interface SparklineBox {
  width: number;
  height: number;
  /** The span drawn: the sparkline's start to the frame's time. */
  fromMs: number;
  toMs: number;
}

/**
 * The overview's lag trend as one SVG path (`d`), drawn in steps: a row's point arrives only when
 * its lag changed, so each value holds until the next point and the last one is carried to the
 * frame's time. A null lag (Kafka not read) breaks the line: gaps stay gaps. null when there is
 * nothing to draw yet.
 */
export function buildSparklinePath(points: readonly SparkPoint[], box: SparklineBox): string | null {
  const spanMs = box.toMs - box.fromMs;
  if (spanMs <= 0) return null;
  let maxLag = MIN_SCALE_MESSAGES;
  for (const [, lag] of points) if (lag !== null && lag > maxLag) maxLag = lag;
  const x = (atMs: number) => round((Math.min(Math.max(atMs, box.fromMs), box.toMs) - box.fromMs) / spanMs * box.width);
  const y = (lag: number) => round(box.height - (lag / maxLag) * box.height);

  let d = '';
  let drawn = false;
  for (let i = 0; i < points.length; i++) {
    const [atMs, lag] = points[i]!;
    if (lag === null) continue;
    const endMs = points[i + 1]?.[0] ?? box.toMs;
    const x0 = x(atMs);
    const x1 = x(endMs);
    const previous = points[i - 1];
    // A step continues from the previous value; after a gap (or at the start) the line starts afresh.
    d += previous && previous[1] !== null && d !== '' ? `V${y(lag)}` : `M${x0} ${y(lag)}`;
    if (x1 > x0) {
      d += `H${x1}`;
      drawn = true;
    }
  }
  return drawn ? d : null;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
