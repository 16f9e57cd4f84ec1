import type { Labels } from '../../lib/signals/query-result';
import { SIGNAL_UNITS, type SignalName, type SignalOutcome } from '../../lib/signals/signals';
import type { ClientQueryOutcome } from '../../lib/signals/prometheus-client';

/**
 * One signal's query outcome → a number per group. NaN (a quantile or ratio of no traffic) leaves
 * the group out: a gap, never a zero. ±Inf is kept only where it means something, +Inf for a
 * latency quantile ("above the largest bucket"); elsewhere it is dropped with a warning.
 */
export function buildSignalOutcome(signal: SignalName, promql: string, outcome: ClientQueryOutcome, groupLabel: string): SignalOutcome {
  if (!outcome.ok) return { kind: 'error', promql, error: outcome.error };
  const { result } = outcome;
  if (result.kind !== 'vector') {
    return { kind: 'error', promql, error: { type: 'not-a-vector', got: result.kind, message: `expected an instant vector, got a ${result.kind}` } };
  }
  if (result.histogramSamples.length > 0) {
    const message = `expected float samples, got ${result.histogramSamples.length} native histogram sample(s); wrap the query in histogram_quantile() or histogram_count()`;
    return { kind: 'error', promql, error: { type: 'not-a-vector', got: 'native-histograms', message } };
  }

  const byGroup = new Map<string, number>();
  const warnings = [...outcome.warnings, ...outcome.infos];
  for (const { labels, value } of result.samples) {
    const group = labels[groupLabel];
    if (group === undefined) {
      return notByGroup(promql, `a series has no "${groupLabel}" label: ${formatLabels(labels)}; aggregate with "by (${groupLabel})"`);
    }
    if (byGroup.has(group)) {
      return notByGroup(promql, `more than one series for ${groupLabel}="${group}", e.g. ${formatLabels(labels)}; aggregate with "by (${groupLabel})"`);
    }
    if (Number.isNaN(value)) continue;
    if (!Number.isFinite(value) && !(value === Infinity && SIGNAL_UNITS[signal] === 'seconds-quantile')) {
      warnings.push(`dropped ${value > 0 ? '+Inf' : '-Inf'} for ${groupLabel}="${group}"`);
      continue;
    }
    byGroup.set(group, value);
  }
  return { kind: 'ok', byGroup, warnings };
}

function notByGroup(promql: string, message: string): SignalOutcome {
  return { kind: 'error', promql, error: { type: 'not-by-group', message } };
}

function formatLabels(labels: Labels): string {
  return `{${Object.entries(labels)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(', ')}}`;
}
