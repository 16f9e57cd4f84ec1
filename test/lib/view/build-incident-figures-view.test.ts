import { describe, expect, it } from 'vitest';
import { parseIncidentFigures } from '../../../components/api/parse-incident-figures';
import { buildIncidentFiguresView } from '../../../lib/view/build-incident-figures-view';

const none = { samples: 0, medianSeconds: null, p95Seconds: null };

describe('incident figures', () => {
  const body = {
    figures: [
      { type: 'slow-sink', count: 12, open: 1, timeToDetect: { samples: 12, medianSeconds: 4.001, p95Seconds: 9.5 }, timeToAcknowledge: { samples: 3, medianSeconds: 95, p95Seconds: 3_700 }, timeToResolve: none },
      { type: 'consumer-stopped', count: 1, open: 0, timeToDetect: { samples: 1, medianSeconds: 0, p95Seconds: 0 }, timeToAcknowledge: none, timeToResolve: { samples: 1, medianSeconds: 90_000, p95Seconds: 90_000 } },
      { type: 'from-a-newer-server', count: 2, open: 0 },
      { count: 3 },
      'junk',
    ],
  };
  const view = buildIncidentFiguresView(parseIncidentFigures(body));
  const row = (type: string) => view.rows.find((r) => r.type === type)!;

  it("keeps the server's order and skips what has no type", () => {
    expect(view.rows.map((r) => r.type)).toEqual(['slow-sink', 'consumer-stopped', 'from-a-newer-server']);
    expect(view.totals).toEqual({ count: 15, open: 1 });
  });

  it.each([
    { desc: 'title from the failure table', actual: () => row('slow-sink').title, expected: 'Slow sink (backpressure)' },
    { desc: 'a type this build does not know reads as sent', actual: () => row('from-a-newer-server').title, expected: 'from-a-newer-server' },
    { desc: 'count', actual: () => row('slow-sink').count, expected: '12' },
    { desc: 'open', actual: () => row('slow-sink').open, expected: '1' },
    { desc: 'detect median, to a tenth under 10 s', actual: () => row('slow-sink').detect.median, expected: '4.0 s' },
    { desc: 'detect p95', actual: () => row('slow-sink').detect.p95, expected: '9.5 s' },
    { desc: 'acknowledge median in minutes', actual: () => row('slow-sink').acknowledge.median, expected: '1 m 35 s' },
    { desc: 'acknowledge p95 in hours', actual: () => row('slow-sink').acknowledge.p95, expected: '1 h 01 m' },
    { desc: 'samples in words', actual: () => row('slow-sink').acknowledge.samples, expected: '3 incidents' },
    { desc: 'no samples: a dash, not 0', actual: () => row('slow-sink').resolve.median, expected: '–' },
    { desc: 'no samples: said so', actual: () => row('slow-sink').resolve.samples, expected: 'no samples' },
    { desc: 'a real zero is 0', actual: () => row('consumer-stopped').detect.median, expected: '0 s' },
    { desc: 'days', actual: () => row('consumer-stopped').resolve.p95, expected: '1 d 01 h' },
    { desc: 'missing durations read as no samples', actual: () => row('from-a-newer-server').detect.hasSamples, expected: false },
  ])('$desc', ({ actual, expected }) => {
    expect(actual()).toBe(expected);
  });
});
