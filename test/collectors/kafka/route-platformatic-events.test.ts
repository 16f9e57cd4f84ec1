import { EventEmitter } from 'node:events';
import type { Admin } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { routePlatformaticEvents } from '../../../collectors/kafka/route-platformatic-events';
import { recordingLogger } from '../../support/recording-logger';

const broker = { broker: { host: '127.0.0.1', port: 9092 } };

describe('routePlatformaticEvents', () => {
  const cases = [
    { desc: 'a broker that cannot be reached is one warning, however many times it fails', input: ['failed', 'failed', 'failed'], expected: ['warn Kafka client: cannot connect to broker 127.0.0.1:9092'] },
    {
      desc: 'connecting again after failing is said once, at info',
      input: ['failed', 'connect', 'disconnect', 'failed'],
      expected: ['warn Kafka client: cannot connect to broker 127.0.0.1:9092', 'info Kafka client: connected to broker 127.0.0.1:9092 again', 'warn Kafka client: cannot connect to broker 127.0.0.1:9092'],
    },
    { desc: 'ordinary connects and disconnects are debug lines', input: ['connect', 'disconnect'], expected: [] },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const { log, entries } = recordingLogger();
    const admin = new EventEmitter();
    routePlatformaticEvents(admin as unknown as Admin, log.child('kafka'), new Set());
    for (const event of input) admin.emit(`client:broker:${event}`, broker);
    expect(entries.filter((e) => e.level !== 'debug').map((e) => `${e.level} ${e.message}`)).toEqual(expected);
    expect(entries.every((e) => e.component === 'kafka' && e.fields.broker === '127.0.0.1:9092')).toBe(true);
  });

  it('remembers a failing broker across a renewed client (the failing set is shared)', () => {
    const { log, entries } = recordingLogger();
    const failing = new Set<string>();
    const first = new EventEmitter();
    const renewed = new EventEmitter();
    routePlatformaticEvents(first as unknown as Admin, log, failing);
    first.emit('client:broker:failed', broker);
    routePlatformaticEvents(renewed as unknown as Admin, log, failing);
    renewed.emit('client:broker:failed', broker);
    expect(entries.filter((e) => e.level === 'warn')).toHaveLength(1);
  });
});
