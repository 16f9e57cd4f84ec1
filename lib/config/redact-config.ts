import type { PipewatchConfig, PrometheusAuth } from './pipewatch-config';

export const REDACTED = '***';

/** The config with its secrets replaced, for logs and for the browser. */
export function redactConfig(config: PipewatchConfig): PipewatchConfig {
  const { kafka, prometheus } = config;
  return {
    ...config,
    kafka: { ...kafka, sasl: kafka.sasl === null ? null : { ...kafka.sasl, password: REDACTED } },
    prometheus: { ...prometheus, auth: redactAuth(prometheus.auth) },
  };
}

function redactAuth(auth: PrometheusAuth): PrometheusAuth {
  switch (auth.kind) {
    case 'none':
      return auth;
    case 'bearer':
      return { kind: 'bearer', token: REDACTED };
    case 'basic':
      return { ...auth, password: REDACTED };
    default: {
      const unreachable: never = auth;
      throw new Error(`unknown Prometheus auth ${JSON.stringify(unreachable)}`);
    }
  }
}
