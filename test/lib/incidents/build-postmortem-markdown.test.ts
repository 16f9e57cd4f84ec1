import { describe, expect, it } from 'vitest';
import { failureEntry } from '../../../lib/diagnosis/failure-table';
import { buildPostmortemMarkdown } from '../../../lib/incidents/build-postmortem-markdown';
import type { IncidentDetail } from '../../../lib/incidents/incident-store';
import { automaticDetail, handledDetail, hostileDetail } from './postmortem-fixtures';

const build = (detail: IncidentDetail) => buildPostmortemMarkdown(detail, failureEntry(detail.stored.incident.type));

function openWithoutEvidence(): IncidentDetail {
  const detail = automaticDetail();
  const { incident } = detail.stored;
  return { ...detail, stored: { incident: { ...incident, status: 'open', resolvedAtMs: null }, resolution: null }, timeline: incident.timeline.slice(0, 2), evidence: [] };
}

describe('buildPostmortemMarkdown', () => {
  const cases: { desc: string; input: () => IncidentDetail; expected: { contains: string[]; lacks?: string[] } }[] = [
    {
      desc: 'resolved by the reducer: milestones, the whole timeline, evidence, the failure table response',
      input: automaticDetail,
      expected: {
        contains: [
          '# Sink unavailable (extended outage) on pipeline fraud\n',
          '| Resolved automatically (recovery verified) | 2027-01-15 08:01:48 | 45 s |',
          '- Time to detect: 2.0 s (first seen to opened)',
          '- Time to resolve: 43 s (opened to resolved)',
          '| 2027-01-15 08:01:10 | Reclassified | transient-sink-error → sink-unavailable: ',
          '| 2027-01-15 08:01:48 | Resolved automatically | recovery verified over 5 cycles, 45 s after first seen |',
          '| Lag | 0 msg | 8,000 msg (highest) | 2,000 msg |',
          '| Consume rate | 200/s | 0/s (lowest) | 150/s |',
          'From the failure table (sink-unavailable): Pause consumer, alert, manual recovery.',
          "- The sink's health endpoint before resuming",
          'Settings that bear on it: `max.poll.interval.ms`.',
          'None recorded: nobody acknowledged, annotated or resolved it by hand.',
          'No external alerts were linked to this incident.',
        ],
        lacks: ['Mutes of the pipeline'],
      },
    },
    {
      desc: 'handled by people: acknowledgement, notes, mutes, manual resolve and the alert',
      input: handledDetail,
      expected: {
        contains: [
          '| Acknowledged by ann | 2027-01-15 08:01:06 | 3.5 s |',
          '| Resolved by hand by bob | 2027-01-15 08:01:35 | 32 s |',
          '- Time to acknowledge: 1.5 s (opened to acknowledged)',
          '- 2027-01-15 08:01:06 UTC, acknowledged by ann: paging the vendor',
          '- 2027-01-15 08:01:20 UTC, note by bob: TLS certificate expired at 08:00',
          '- 2027-01-15 08:01:35 UTC, resolved by hand by bob, 32 s after first seen: certificate renewed',
          '| 7 | ann | 2027-01-15 08:01:06 | 2027-01-15 09:01:06 | 2027-01-15 08:01:30 by bob | sink vendor incident |',
          '| 2027-01-15 08:01:07 | FeatureStoreDown | firing | 2027-01-15 08:01:04 | – | feature store 5xx \\> 50% |',
        ],
      },
    },
    {
      desc: 'still open, no evidence recorded',
      input: openWithoutEvidence,
      expected: {
        contains: ['severity critical, still open when this was written.', '| Resolved | not yet (last seen 2027-01-15 08:01:43) | – |', '- Time to resolve: – (opened to resolved)', 'No evidence points were recorded for this incident.'],
        lacks: ['Resolved automatically'],
      },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const markdown = build(input());
    for (const text of expected.contains) expect(markdown).toContain(text);
    for (const text of expected.lacks ?? []) expect(markdown).not.toContain(text);
  });

  describe('hostile names and text', () => {
    const markdown = build(hostileDetail());
    const lines = markdown.split('\n');
    /** Pipes not escaped by a backslash (a backslash escaped by another does not count). */
    const cellSeparators = (line: string) => line.match(/(?<!\\)(?:\\\\)*\|/g)?.length ?? 0;

    it('every table row has as many cells as its header', () => {
      let header: number | null = null;
      const broken: string[] = [];
      for (const line of lines) {
        if (!line.startsWith('|')) header = null;
        else if (header === null) header = cellSeparators(line);
        else if (cellSeparators(line) !== header) broken.push(line);
      }
      expect(broken).toEqual([]);
      expect(lines.filter((l) => l.startsWith('| ') && l.includes('pay\\|ments')).length).toBeGreaterThan(5);
    });

    it('only the postmortem headings start a line with #', () => {
      expect(lines.filter((l) => l.startsWith('#')).map((l) => l.replace(/ on pipeline .*/, ''))).toEqual([
        '# Sink unavailable (extended outage)',
        '## Summary',
        '## Latest finding',
        '## Timeline',
        '## Evidence',
        '## Recommendation',
        '## Actions taken',
        '## External alerts',
      ]);
    });

    it('no raw HTML, link or emphasis survives', () => {
      expect(markdown).not.toMatch(/(?<!\\)<script/);
      expect(markdown).not.toMatch(/(?<!\\)\[x(?<!\\)\]/);
      expect(markdown).not.toMatch(/(?<!\\)\*bold/);
      expect(markdown).toContain('\\<script\\>alert(1)\\</script\\>');
    });

    it('the partition table shows the hostile topic in one cell', () => {
      expect(markdown).toContain('| pay\\|ments # pwned \\<script\\>alert(1)\\</script\\> \\[x\\](http://evil) \\*bold\\* | 2 | 1,600 msg | 18000 |');
    });
  });
});
