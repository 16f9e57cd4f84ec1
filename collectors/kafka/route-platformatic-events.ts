import type { Admin } from '@platformatic/kafka';
import type { Logger } from '../../lib/log/logger';

interface BrokerEvent {
  broker?: { host?: string; port?: number };
}

const brokerOf = (event: unknown): string => {
  const broker = (event as BrokerEvent | undefined)?.broker;
  return broker?.host === undefined ? 'unknown broker' : `${broker.host}:${broker.port ?? '?'}`;
};

/**
 * The @platformatic/kafka client's own events, into Pipewatch's log: a broker it cannot connect
 * to is a warning, once until it connects again (a renewed client shares `failing`, so a broker
 * down for an hour is one warning, not one per cycle); connections opened and closed are debug.
 */
export function routePlatformaticEvents(admin: Pick<Admin, 'on'>, log: Logger, failing: Set<string>): void {
  admin.on('client:broker:failed', (event: unknown) => {
    const broker = brokerOf(event);
    if (failing.has(broker)) return log.debug(`Kafka client: still cannot connect to broker ${broker}`, { broker });
    failing.add(broker);
    log.warn(`Kafka client: cannot connect to broker ${broker}`, { broker });
  });
  admin.on('client:broker:connect', (event: unknown) => {
    const broker = brokerOf(event);
    if (failing.delete(broker)) log.info(`Kafka client: connected to broker ${broker} again`, { broker });
    else log.debug(`Kafka client: connected to broker ${broker}`, { broker });
  });
  admin.on('client:broker:disconnect', (event: unknown) => log.debug(`Kafka client: disconnected from broker ${brokerOf(event)}`, { broker: brokerOf(event) }));
}
