import type { MuteDetail } from '../../lib/view/incident-detail-answer';
import { finiteNumber, isObject, list, text } from './read-json';

/** GET /api/mutes answers {mutes}; an incident's detail carries `mutes` too. Malformed mutes are skipped. */
export function parseMutes(value: unknown): MuteDetail[] {
  const items = isObject(value) ? list(value.mutes) : list(value);
  return items.flatMap(parseMute);
}

function parseMute(value: unknown): MuteDetail[] {
  if (!isObject(value)) return [];
  const id = finiteNumber(value.id);
  const pipelineId = text(value.pipelineId);
  const fromMs = finiteNumber(value.fromMs);
  const untilMs = finiteNumber(value.untilMs);
  if (id === null || pipelineId === null || fromMs === null || untilMs === null) return [];
  const unmuted = isObject(value.unmuted) ? { atMs: finiteNumber(value.unmuted.atMs), by: text(value.unmuted.by) ?? 'someone' } : null;
  return [{ id, pipelineId, fromMs, untilMs, by: text(value.by) ?? 'someone', reason: text(value.reason) ?? '', unmuted }];
}
