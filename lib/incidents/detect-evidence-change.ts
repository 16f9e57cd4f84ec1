import type { Finding } from '../diagnosis/finding';
import type { StoredTimelineEntry } from './stored-timeline-entry';

/**
 * An 'evidence-changed' entry when what shows the fault changed: the confidence, or the set of
 * signals in the evidence. Every cycle moves the numbers; recording those would flood the timeline.
 */
export function detectEvidenceChange(before: Finding, after: Finding, atMs: number): StoredTimelineEntry | null {
  const signalsBefore = signalSet(before);
  const signalsAfter = signalSet(after);
  const sameSignals = signalsBefore.length === signalsAfter.length && signalsBefore.every((s, i) => s === signalsAfter[i]);
  if (before.type === after.type && before.confidence === after.confidence && sameSignals) return null;
  return {
    kind: 'evidence-changed',
    atMs,
    confidence: after.confidence,
    signals: signalsAfter,
    summary: after.evidence.map((e) => e.text).join('; '),
  };
}

function signalSet(finding: Finding) {
  return [...new Set(finding.evidence.map((e) => e.signal))].sort();
}
