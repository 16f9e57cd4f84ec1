/** What `LOG_LEVEL` may say; `silent` logs nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelSetting = (typeof LOG_LEVELS)[number];

/** `LOG_LEVEL` from the environment; absent or empty is `info`. */
export function parseLogLevel(value: string | undefined): { ok: true; level: LogLevelSetting } | { ok: false; error: string } {
  if (value === undefined || value.trim() === '') return { ok: true, level: 'info' };
  const level = value.trim().toLowerCase();
  const known = LOG_LEVELS.find((l) => l === level);
  if (known === undefined) return { ok: false, error: `LOG_LEVEL=${JSON.stringify(value)} is not a log level; use one of ${LOG_LEVELS.join(', ')}` };
  return { ok: true, level: known };
}
