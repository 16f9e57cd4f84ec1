import type { DurationFiguresJson, IncidentFiguresJson } from '../../lib/view/build-incident-figures-view';
import { finiteNumber, isObject, list, text } from './read-json';

/** GET /api/incidents/figures, read tolerantly: a figure without a type is skipped, a missing duration has no samples. */
export function parseIncidentFigures(body: unknown): IncidentFiguresJson[] {
  if (!isObject(body)) return [];
  return list(body.figures).flatMap((f) => {
    if (!isObject(f)) return [];
    const type = text(f.type);
    if (type === null) return [];
    return [{ type, count: finiteNumber(f.count) ?? 0, open: finiteNumber(f.open) ?? 0, timeToDetect: duration(f.timeToDetect), timeToAcknowledge: duration(f.timeToAcknowledge), timeToResolve: duration(f.timeToResolve) }];
  });
}

function duration(value: unknown): DurationFiguresJson {
  if (!isObject(value)) return { samples: 0, medianSeconds: null, p95Seconds: null };
  return { samples: finiteNumber(value.samples) ?? 0, medianSeconds: finiteNumber(value.medianSeconds), p95Seconds: finiteNumber(value.p95Seconds) };
}
