import { describe, expect, it } from 'vitest';
import { createLineLogger } from '../../../lib/log/line-logger';

describe('the line logger', () => {
  it('writes info and above by default, each line with its level, component and fields', () => {
    const lines: string[] = [];
    const log = createLineLogger((line) => lines.push(line)).child('kafka');
    log.debug('request', { route: '/metrics' });
    log.info('connected', { broker: '127.0.0.1:19092' });
    log.warn('broker down', { reason: 'connection refused' });
    expect(lines).toEqual(['INFO  [kafka] connected broker=127.0.0.1:19092', 'WARN  [kafka] broker down reason="connection refused"']);
  });

  it('writes debug lines when asked, in children too', () => {
    const lines: string[] = [];
    createLineLogger((line) => lines.push(line), { minLevel: 'debug' }).child('http').debug('request', { status: 200 });
    expect(lines).toEqual(['DEBUG [http] request status=200']);
  });

  it('leaves out everything below the level it is given', () => {
    const lines: string[] = [];
    const log = createLineLogger((line) => lines.push(line), { minLevel: 'error' });
    log.info('a');
    log.warn('b');
    log.error('c');
    expect(lines).toEqual(['ERROR c']);
  });
});
