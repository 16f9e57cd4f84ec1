import fs from 'node:fs';
import path from 'node:path';
import type { ConfigError } from '../../lib/config/config-error';
import type { Env } from '../../lib/config/env-overrides';
import { parseConfigText } from '../../lib/config/parse-config';
import type { PipewatchConfig } from '../../lib/config/pipewatch-config';

// The CLI and server need only this module to load, report and show a config.
export { formatConfigErrors } from '../../lib/config/config-error';
export { redactConfig } from '../../lib/config/redact-config';

export const DEFAULT_CONFIG_FILE = 'pipewatch.yaml';

export interface LoadConfigOptions {
  /** From --config; a file named here or in PIPEWATCH_CONFIG must exist. */
  path?: string;
  env: Env;
  cwd?: string;
}

export type LoadConfigResult =
  | { ok: true; config: PipewatchConfig; source: 'file'; path: string }
  | { ok: true; config: PipewatchConfig; source: 'defaults'; path: null }
  | { ok: false; errors: ConfigError[] };

/**
 * The config file named by `path`, else by PIPEWATCH_CONFIG, else ./pipewatch.yaml when there is
 * one, else the built-in defaults; then the environment's overrides. The impure edge of lib/config:
 * it reads files and resolves the TLS file paths against the config file's folder.
 */
export function loadConfig({ path: givenPath, env, cwd = process.cwd() }: LoadConfigOptions): LoadConfigResult {
  const fromEnv = env.PIPEWATCH_CONFIG?.trim() || undefined;
  const explicit = givenPath ?? fromEnv;
  const file = explicit ?? DEFAULT_CONFIG_FILE;
  const absolutePath = path.resolve(cwd, file);

  let text: string;
  try {
    text = fs.readFileSync(absolutePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && explicit === undefined) {
      const parsed = parseConfigText('', { file: '(defaults)', env });
      return parsed.ok ? { ok: true, config: parsed.config, source: 'defaults', path: null } : parsed;
    }
    const named = givenPath === undefined && fromEnv !== undefined ? ' (named by PIPEWATCH_CONFIG)' : '';
    return { ok: false, errors: [{ file, key: '', message: `${readFailure(code, error as Error)}${named}` }] };
  }

  const parsed = parseConfigText(text, { file, env });
  if (!parsed.ok) return parsed;
  return { ok: true, config: resolveTlsPaths(parsed.config, path.dirname(absolutePath)), source: 'file', path: absolutePath };
}

function readFailure(code: string | undefined, error: Error): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'EACCES':
      return 'cannot be read: permission denied';
    default:
      return `cannot be read: ${error.message}`;
  }
}

/** Relative paths in a config file mean "next to this file", wherever Pipewatch was started. */
function resolveTlsPaths(config: PipewatchConfig, folder: string): PipewatchConfig {
  const { ssl } = config.kafka;
  if (ssl === null) return config;
  const resolve = (file: string | null) => (file === null ? null : path.resolve(folder, file));
  return {
    ...config,
    kafka: { ...config.kafka, ssl: { ...ssl, caPath: resolve(ssl.caPath), certPath: resolve(ssl.certPath), keyPath: resolve(ssl.keyPath) } },
  };
}
