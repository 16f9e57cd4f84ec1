import { EVIDENCE_METRICS, type EvidencePoint } from './evidence-point';

/** Evidence kept and shown per incident: a day at a 5 s interval would be ~17,000 points. */
export const MAX_EVIDENCE_POINTS = 2_000;

/**
 * At most `maxPoints` of `points` (sorted by atMs), spread evenly over their time span: the first
 * and the last, the point holding each metric's highest and lowest value (the peak a postmortem
 * quotes and the baseline it compares against), then one point per equal slice of time. Fewer
 * points than the bound come back as they are. The extremes need `maxPoints` ≥ 2 + 2 × 9
 * metrics; below that the earliest metrics' extremes are kept first.
 */
export function downsampleEvidence(points: readonly EvidencePoint[], maxPoints: number): EvidencePoint[] {
  const bound = Math.max(0, Math.floor(maxPoints));
  if (points.length <= bound) return [...points];
  if (bound === 0) return [];
  if (bound === 1) return [points[0]!];

  const kept = new Set<number>([0, points.length - 1]);
  for (const index of extremeIndexes(points)) {
    if (kept.size >= bound) break;
    kept.add(index);
  }

  // Slices of time, not of index: a dense stretch gets no more than its share of the span.
  // Slices holding no point (a gap) or only a kept extreme leave room: retry with more slices.
  let chosen = withSliceFirsts(points, kept, bound - kept.size);
  for (let slices = bound - kept.size, tries = 0; chosen.size < bound && tries < 8; tries++) {
    slices += bound - chosen.size;
    const more = withSliceFirsts(points, kept, slices);
    if (more.size > bound) break;
    chosen = more;
  }
  const deficit = bound - chosen.size;
  if (deficit > 0) {
    const rest = points.map((_, i) => i).filter((i) => !chosen.has(i));
    for (let k = 0; k < deficit; k++) chosen.add(rest[Math.floor(((k + 0.5) * rest.length) / deficit)]!);
  }
  return [...chosen].sort((a, b) => a - b).map((i) => points[i]!);
}

/** `kept` and the first point of each of `slices` equal slices of the span. */
function withSliceFirsts(points: readonly EvidencePoint[], kept: ReadonlySet<number>, slices: number): Set<number> {
  const out = new Set(kept);
  const firstMs = points[0]!.atMs;
  const spanMs = points.at(-1)!.atMs - firstMs;
  if (slices <= 0 || spanMs <= 0) return out;
  let lastSlice = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const slice = Math.min(slices - 1, Math.floor(((points[i]!.atMs - firstMs) / spanMs) * slices));
    if (slice === lastSlice) continue;
    lastSlice = slice;
    out.add(i);
  }
  return out;
}

/** For each metric in order, the index of its highest then its lowest value (first occurrence); nulls are gaps. */
function extremeIndexes(points: readonly EvidencePoint[]): number[] {
  const out: number[] = [];
  for (const metric of EVIDENCE_METRICS) {
    let maxIndex = -1;
    let minIndex = -1;
    points.forEach((point, i) => {
      const value = point[metric];
      if (value === null) return;
      if (maxIndex === -1 || value > points[maxIndex]![metric]!) maxIndex = i;
      if (minIndex === -1 || value < points[minIndex]![metric]!) minIndex = i;
    });
    if (maxIndex !== -1) out.push(maxIndex, minIndex);
  }
  return out;
}
