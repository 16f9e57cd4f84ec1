import { describe, expect, it } from 'vitest';
import { readLabConfig } from '../../lab/lab-config';

describe('readLabConfig', () => {
  it('places every port relative to LAB_PORT_BASE', () => {
    const config = readLabConfig({ LAB_PORT_BASE: '29000' }, '/repo');
    expect(config.ports).toEqual({ kafka: 29092, kafkaController: 29093, prometheus: 29090, pipeline: 29110, sink: 29111, kafkaJmx: 29120, dashboard: 29300 });
    expect(config.brokers).toEqual(['127.0.0.1:29092']);
    expect(config.dir).toBe('/repo/.lab');
    expect(config.external).toEqual({ kafka: false, prometheus: false });
  });

  it('uses external brokers and Prometheus when given', () => {
    const config = readLabConfig({ KAFKA_BROKERS: 'k1:9092, k2:9092', PROMETHEUS_URL: 'http://prom:9090/' }, '/repo');
    expect(config.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.prometheusUrl).toBe('http://prom:9090');
    expect(config.external).toEqual({ kafka: true, prometheus: true });
  });

  it('rejects an unusable port base with the accepted range', () => {
    expect(() => readLabConfig({ LAB_PORT_BASE: '80' }, '/repo')).toThrow(/LAB_PORT_BASE="80" is not a usable port base: give a whole number from 1024 to 32000/);
    expect(() => readLabConfig({ LAB_PORT_BASE: '39500' }, '/repo')).toThrow(/must stay below the kernel's ephemeral ports/);
  });
});
