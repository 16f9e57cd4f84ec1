import type { HealthKind } from '../diagnosis/evaluate-status';
import type { Severity } from '../diagnosis/failure-table';
import type { IncidentStatus } from '../incidents/incident';
import type { Health } from '../collection/source-health';
import { assertNever } from '../assert-never';

/**
 * Words and shapes for every state a screen shows. Colour (the tone) is a third signal, never the
 * only one: each state has its own word and its own glyph, readable in greyscale.
 */

export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'neutral';

export interface StateLabel {
  label: string;
  /** A glyph whose shape differs per state. */
  icon: string;
  tone: Tone;
}

export function describeHealthKind(kind: HealthKind): StateLabel {
  switch (kind) {
    case 'ok':
      return { label: 'OK', icon: '✓', tone: 'ok' };
    case 'warn':
      return { label: 'Warning', icon: '▲', tone: 'warn' };
    case 'err':
      return { label: 'Error', icon: '✖', tone: 'bad' };
    case 'stall':
      return { label: 'Stalled', icon: '⏸', tone: 'bad' };
    case 'stop':
      return { label: 'Stopped', icon: '■', tone: 'bad' };
    case 'rewind':
      return { label: 'Rewound', icon: '↺', tone: 'warn' };
    case 'unknown':
      return { label: 'Unknown', icon: '?', tone: 'neutral' };
    default:
      return assertNever(kind, 'health kind');
  }
}

export function describeSeverity(severity: Severity): StateLabel {
  switch (severity) {
    case 'critical':
      return { label: 'Critical', icon: '◆', tone: 'bad' };
    case 'warning':
      return { label: 'Warning', icon: '▲', tone: 'warn' };
    case 'info':
      return { label: 'Info', icon: 'ℹ', tone: 'info' };
    default:
      return assertNever(severity, 'severity');
  }
}

export function describeIncidentStatus(status: IncidentStatus): StateLabel {
  switch (status) {
    case 'open':
      return { label: 'Open', icon: '●', tone: 'bad' };
    case 'recovering':
      return { label: 'Recovering', icon: '◐', tone: 'warn' };
    case 'resolved':
      return { label: 'Resolved', icon: '○', tone: 'ok' };
    default:
      return assertNever(status, 'incident status');
  }
}

export function describeSourceHealth(health: Health): StateLabel {
  switch (health) {
    case 'ok':
      return { label: 'ok', icon: '✓', tone: 'ok' };
    case 'degraded':
      return { label: 'degraded', icon: '▲', tone: 'warn' };
    case 'down':
      return { label: 'down', icon: '✖', tone: 'bad' };
    default:
      return assertNever(health, 'source health');
  }
}
