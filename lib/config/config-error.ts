/**
 * A problem in the configuration, placed where the person can fix it: a file and line, or the
 * environment variable that set the value (`file` is then "$KAFKA_BROKERS").
 */
export interface ConfigError {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path like "pipelines[1].group"; empty for the file as a whole (a YAML syntax error). */
  key: string;
  message: string;
}

export type ConfigKeyPath = readonly PropertyKey[];

/** ["pipelines", 1, "group"] → "pipelines[1].group". */
export function formatKeyPath(path: ConfigKeyPath): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/** "pipewatch.yaml:14:5 pipelines[1].group: expected a string, got a number (42)". */
export function formatConfigError(error: ConfigError): string {
  const place = error.line === undefined ? error.file : `${error.file}:${error.line}:${error.column ?? 1}`;
  return `${place} ${error.key === '' ? '' : `${error.key}: `}${error.message}`;
}

/** One line per error. */
export function formatConfigErrors(errors: readonly ConfigError[]): string {
  return errors.map(formatConfigError).join('\n');
}
