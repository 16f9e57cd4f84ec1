import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { configSchema } from './config-schema';
import { formatKeyPath, type ConfigError, type ConfigKeyPath } from './config-error';
import { findEnvOnlyKeysInFile } from './env-only-keys';
import { applyEnvOverrides, envOriginOf, type Env } from './env-overrides';
import { explainIssues } from './explain-issues';
import type { PipewatchConfig } from './pipewatch-config';
import { locateKeyPath } from './yaml-position';

export type ConfigResult = { ok: true; config: PipewatchConfig } | { ok: false; errors: ConfigError[] };

export interface ParseConfigOptions {
  /** How errors name the file: "pipewatch.yaml", "/etc/pipewatch/prod.yaml". */
  file: string;
  env: Env;
}

/** pipewatch.yaml's text, with the environment's overrides, into a config or every error in it. Empty text: all defaults. */
export function parseConfigText(text: string, { file, env }: ParseConfigOptions): ConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) return { ok: false, errors: doc.errors.map((error) => syntaxError(error, file)) };

  let fromFile: unknown;
  try {
    fromFile = doc.toJS() ?? {};
  } catch (error) {
    // An alias to an undefined anchor, or more aliases than yaml allows, only surfaces here.
    return { ok: false, errors: [{ file, key: '', message: (error as Error).message }] };
  }
  const { raw, origins } = applyEnvOverrides(fromFile, env);
  const envOnlyInFile = findEnvOnlyKeysInFile(fromFile);
  const parsed = configSchema.safeParse(raw);
  if (parsed.success && envOnlyInFile.length === 0) return { ok: true, config: parsed.data };

  const inFile = (path: ConfigKeyPath, target: 'key' | 'value', message: string): ConfigError => {
    const key = formatKeyPath(path);
    const position = locateKeyPath(doc, lineCounter, path, target);
    return position === null ? { file, key, message } : { file, line: position.line, column: position.column, key, message };
  };
  const schemaErrors = parsed.success ? [] : explainIssues(parsed.error.issues, raw, configSchema).map((issue): ConfigError => {
    const variables = envOriginOf(issue.path, origins);
    if (variables !== null) return { file: variables.map((v) => `$${v}`).join(', '), key: formatKeyPath(issue.path), message: issue.message };
    return inFile(issue.path, issue.target, issue.message);
  });
  const errors = [...envOnlyInFile.map(({ path, message }) => inFile(path, 'key', message)), ...schemaErrors];
  return { ok: false, errors: sortByPosition(errors) };
}

function syntaxError(error: YAMLError, file: string): ConfigError {
  const position = error.linePos?.[0];
  const message =
    error.code === 'MULTIPLE_DOCS'
      ? 'the file holds more than one YAML document (a second "---"); Pipewatch reads one'
      : error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return position === undefined ? { file, key: '', message } : { file, line: position.line, column: position.col, key: '', message };
}

/** File order reads best; errors without a line (environment variables) come last. */
function sortByPosition(errors: ConfigError[]): ConfigError[] {
  const rank = (e: ConfigError) => (e.line ?? Number.MAX_SAFE_INTEGER) * 10_000 + (e.column ?? 0);
  return [...errors].sort((a, b) => rank(a) - rank(b));
}
