/**
 * The role every part of Pipewatch logs through. The process creates one (pino, in
 * server/log/create-pino-logger.ts) and hands each part a child for its component, so every line
 * says where it came from; tests hand in a recording one.
 */
export type LogComponent = 'kafka' | 'prometheus' | 'store' | 'notify' | 'http' | 'live' | 'leader' | 'collection' | 'server';

/** Structured context of one line: ids, counts, durations. Never a secret (tokens, cookies, passwords). */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The same destination, every line tagged with `component`. */
  child(component: LogComponent): Logger;
}

/** Drops every line: for callers that have nowhere to log (a programmatic config check, a bench). */
export const SILENT_LOGGER: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => SILENT_LOGGER,
};
