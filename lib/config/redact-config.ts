import type { NotificationSettings, PipewatchConfig, PrometheusAuth, StoreSettings } from './pipewatch-config';
import { assertNever } from '../assert-never';

export const REDACTED = '***';

/** The config with its secrets replaced, for logs and for the browser. */
export function redactConfig(config: PipewatchConfig): PipewatchConfig {
  const { kafka, prometheus, server } = config;
  return {
    ...config,
    kafka: { ...kafka, sasl: kafka.sasl === null ? null : { ...kafka.sasl, password: REDACTED } },
    prometheus: { ...prometheus, auth: redactAuth(prometheus.auth) },
    server: { ...server, token: server.token === null ? null : REDACTED, ingestToken: server.ingestToken === null ? null : REDACTED },
    store: redactStore(config.store),
    notifications: redactNotifications(config.notifications),
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
    default:
      return assertNever(auth, 'Prometheus auth');
  }
}

function redactStore(store: StoreSettings): StoreSettings {
  switch (store.kind) {
    case 'sqlite':
      return store;
    case 'postgres': {
      // Where the database is helps; the password, and query parameters that may carry one, do not.
      if (!URL.canParse(store.url)) return { ...store, url: REDACTED };
      const url = new URL(store.url);
      if (url.password !== '') url.password = REDACTED;
      if (url.search !== '') url.search = `?${REDACTED}`;
      return { ...store, url: url.href };
    }
    default:
      return assertNever(store, 'store');
  }
}

/** Webhook URLs keep their origin only: Slack's secret is its path, other receivers' often a query token. */
function redactNotifications(notifications: NotificationSettings): NotificationSettings {
  const redactUrl = (url: string) => (URL.canParse(url) ? `${new URL(url).origin}/${REDACTED}` : REDACTED);
  return {
    ...notifications,
    webhooks: notifications.webhooks.map((w) => ({ ...w, url: redactUrl(w.url) })),
    slack: notifications.slack.map((s) => ({ ...s, url: redactUrl(s.url) })),
  };
}
