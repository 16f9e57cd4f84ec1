/** Alerts raised elsewhere (Alertmanager) and handed to Pipewatch, as domain types. */

export type ExternalAlertStatus = 'firing' | 'resolved';

/** Label and annotation sets: own properties only, so a label named "__proto__" is just a label. */
export type LabelSet = Readonly<Record<string, string>>;

export interface ExternalAlert {
  /** Alertmanager's hash of the label set: the same alert keeps it from firing to resolved. */
  fingerprint: string;
  status: ExternalAlertStatus;
  startsAtMs: number;
  /** null while unset (Alertmanager's "0001-01-01T00:00:00Z"). */
  endsAtMs: number | null;
  labels: LabelSet;
  annotations: LabelSet;
  /** Link to the rule's expression in the Prometheus that raised it; empty when the sender gave none. */
  generatorUrl: string;
}

/** One webhook call: a group of alerts sharing groupLabels, as Alertmanager batches them. */
export interface ExternalAlertBatch {
  receiver: string;
  /** 'firing' when at least one alert of the group fires. */
  status: ExternalAlertStatus;
  /** Identifies the group across calls; opaque. */
  groupKey: string;
  groupLabels: LabelSet;
  commonLabels: LabelSet;
  commonAnnotations: LabelSet;
  /** The sending Alertmanager's own URL. */
  externalUrl: string;
  alerts: ExternalAlert[];
  /** Alerts Alertmanager left out of this call (its max_alerts); they exist but are not here. */
  truncatedAlerts: number;
}
