import { describe, expect, it } from 'vitest';
import { createPinoLogger } from '../../../server/log/create-pino-logger';
import { parseLogLevel } from '../../../server/log/parse-log-level';

function capture(options: { level?: Parameters<typeof createPinoLogger>[0]['level']; pretty?: boolean } = {}) {
  const written: string[] = [];
  const log = createPinoLogger({ level: options.level ?? 'info', pretty: options.pretty ?? false, write: (text) => written.push(text) });
  return { log, written, entries: () => written.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createPinoLogger', () => {
  it('writes one JSON line per entry with time, level, component, message and fields', () => {
    const { log, written, entries } = capture();
    log.child('kafka').warn('Kafka client: cannot connect to broker 127.0.0.1:9092', { broker: '127.0.0.1:9092' });
    expect(written).toHaveLength(1);
    expect(written[0]!.endsWith('\n')).toBe(true);
    const [entry] = entries();
    expect(entry).toMatchObject({ level: 'warn', component: 'kafka', msg: 'Kafka client: cannot connect to broker 127.0.0.1:9092', broker: '127.0.0.1:9092', pid: process.pid });
    expect(new Date(String(entry!.time)).toISOString()).toBe(entry!.time);
  });

  it('tags the root logger server, and a child of a child with its own component only', () => {
    const { log, entries } = capture();
    log.info('started');
    log.child('store').child('notify').info('sent');
    expect(entries().map((e) => e.component)).toEqual(['server', 'notify']);
  });

  const levels = [
    { desc: 'info drops debug', input: 'info' as const, expected: ['info', 'warn', 'error'] },
    { desc: 'warn drops info', input: 'warn' as const, expected: ['warn', 'error'] },
    { desc: 'debug keeps all', input: 'debug' as const, expected: ['debug', 'info', 'warn', 'error'] },
    { desc: 'silent keeps none', input: 'silent' as const, expected: [] },
  ];
  it.each(levels)('LOG_LEVEL $desc', ({ input, expected }) => {
    const { log, entries } = capture({ level: input });
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(entries().map((e) => e.level)).toEqual(expected);
  });

  it('never writes a token, a password, an authorization header or a cookie, whatever a caller passes', () => {
    const { log, written } = capture();
    log.child('http').info('request', { token: 'secret-token-1', headers: { authorization: 'Bearer secret-token-2', cookie: 'pipewatch_session=secret-3' }, target: { password: 'secret-4' } });
    expect(written.join('')).not.toMatch(/secret/);
    expect(written.join('')).toContain('[redacted]');
  });

  it('--pretty: one readable line with the time, level, component, message and fields', () => {
    const { log, written } = capture({ pretty: true });
    log.child('http').info('request', { method: 'GET', route: '/api/incidents/:id', status: 200, durationMs: 3.2 });
    expect(written[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  \[http\] request method=GET route=\/api\/incidents\/:id status=200 durationMs=3.2\n$/);
  });
});

describe('parseLogLevel', () => {
  const cases = [
    { desc: 'unset is info', input: undefined, expected: { ok: true, level: 'info' } },
    { desc: 'empty is info', input: '', expected: { ok: true, level: 'info' } },
    { desc: 'case and spaces do not matter', input: ' WARN ', expected: { ok: true, level: 'warn' } },
    { desc: 'an unknown level says which exist', input: 'verbose', expected: { ok: false, error: 'LOG_LEVEL="verbose" is not a log level; use one of trace, debug, info, warn, error, fatal, silent' } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(parseLogLevel(input)).toEqual(expected);
  });
});
