import { FAILURE_TYPES } from '../diagnosis/failure-table';
import type { ExternalAlertInput, IncidentFilter, MuteRequest } from './incident-store';
import type { StoreError } from './store-result';

/** Checks of what people and webhooks hand the store; null when acceptable. Text is bounded so a row stays small. */

export const MAX_NAME_CHARS = 200;
export const MAX_TEXT_CHARS = 10_000;

export function validateName(label: string, value: string): StoreError | null {
  if (typeof value !== 'string' || value.trim() === '') return invalid(`${label} must not be empty`);
  if (value.length > MAX_NAME_CHARS) return invalid(`${label} is longer than ${MAX_NAME_CHARS} characters`);
  return null;
}

export function validateText(label: string, value: string | null, required: boolean): StoreError | null {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return required ? invalid(`${label} must not be empty`) : null;
  if (typeof value !== 'string') return invalid(`${label} must be text`);
  if (value.length > MAX_TEXT_CHARS) return invalid(`${label} is longer than ${MAX_TEXT_CHARS} characters`);
  return null;
}

export function validateMuteRequest(request: MuteRequest, nowMs: number): StoreError | null {
  const named = validateName('pipelineId', request.pipelineId) ?? validateName('by', request.by) ?? validateText('reason', request.reason, true);
  if (named !== null) return named;
  if (!isEpochMs(request.fromMs) || !isEpochMs(request.untilMs)) return invalid('fromMs and untilMs must be whole epoch milliseconds');
  if (request.untilMs <= request.fromMs) return invalid(`untilMs (${request.untilMs}) must be after fromMs (${request.fromMs})`);
  if (request.untilMs <= nowMs) return invalid(`the mute would already have ended (untilMs ${request.untilMs} is not after now, ${nowMs})`);
  return null;
}

export function validateExternalAlert(alert: ExternalAlertInput): StoreError | null {
  const named = validateName('fingerprint', alert.fingerprint);
  if (named !== null) return named;
  if (alert.status !== 'firing' && alert.status !== 'resolved') return invalid(`status must be firing or resolved, not ${JSON.stringify(alert.status)}`);
  if (!isEpochMs(alert.startsAtMs)) return invalid('startsAtMs must be whole epoch milliseconds');
  if (alert.endsAtMs !== null && !isEpochMs(alert.endsAtMs)) return invalid('endsAtMs must be whole epoch milliseconds or null');
  if (alert.endsAtMs !== null && alert.endsAtMs < alert.startsAtMs) return invalid('endsAtMs is before startsAtMs');
  if (alert.pipelineId !== null) {
    const pipeline = validateName('pipelineId', alert.pipelineId);
    if (pipeline !== null) return pipeline;
  }
  for (const [label, map] of [['labels', alert.labels], ['annotations', alert.annotations]] as const) {
    if (map === null || typeof map !== 'object' || Array.isArray(map)) return invalid(`${label} must be an object of strings`);
    if (Object.values(map).some((v) => typeof v !== 'string')) return invalid(`${label} must map names to strings`);
    if (JSON.stringify(map).length > MAX_TEXT_CHARS) return invalid(`${label} are longer than ${MAX_TEXT_CHARS} characters`);
  }
  return null;
}

export function isEpochMs(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function invalid(message: string): StoreError {
  return { kind: 'invalid', message };
}

export function validateIncidentFilter(filter: IncidentFilter): StoreError | null {
  if (filter.pipelineId !== undefined && typeof filter.pipelineId !== 'string') return invalid('pipelineId must be text');
  if (filter.type !== undefined && !(FAILURE_TYPES as readonly string[]).includes(filter.type)) return invalid(`type ${JSON.stringify(filter.type)} is not a failure type`);
  if (filter.status !== undefined && filter.status !== 'open' && filter.status !== 'resolved') return invalid(`status must be open or resolved, not ${JSON.stringify(filter.status)}`);
  if (filter.fromMs !== undefined && !isEpochMs(filter.fromMs)) return invalid('fromMs must be whole epoch milliseconds');
  if (filter.toMs !== undefined && !isEpochMs(filter.toMs)) return invalid('toMs must be whole epoch milliseconds');
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.toMs < filter.fromMs) return invalid('toMs is before fromMs');
  return null;
}
