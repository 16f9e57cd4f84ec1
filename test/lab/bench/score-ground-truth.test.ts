import { describe, expect, it } from 'vitest';
import { parseFaultLog, type FaultEpisode } from '../../../lab/bench/score-ground-truth';
import { formatFaultLogLine, type EndCause, type FaultSpec } from '../../../lab/pipeline/faults';

const pipeline = { topic: 'orders', group: 'orders-sink' };
const RUN_END = 900_000;

/** A start line as the lab writes it. */
const start = (spec: FaultSpec, atMs: number, forMs: number | null = null): string =>
  formatFaultLogLine({ event: 'start', fault: { spec, startedAtMs: atMs, endsAtMs: forMs === null ? null : atMs + forMs }, atMs }, pipeline);

/** An end line as the lab writes it, for the fault started at startedAtMs. */
const end = (spec: FaultSpec, startedAtMs: number, atMs: number, cause: EndCause): string =>
  formatFaultLogLine({ event: 'end', fault: { spec, startedAtMs, endsAtMs: null }, cause, atMs }, pipeline);

const slow: FaultSpec = { name: 'slow-sink', latencyMs: 400 };
const slower: FaultSpec = { name: 'slow-sink', latencyMs: 1_500 };
const down: FaultSpec = { name: 'sink-down' };
const poison: FaultSpec = { name: 'poison', rate: 0.3 };

const episode = (fault: FaultEpisode['fault'], params: Record<string, number>, label: string, startMs: number, endMs: number, endCause: string): FaultEpisode => ({
  fault,
  params,
  label,
  startMs,
  endMs,
  endCause,
});

describe('parseFaultLog', () => {
  const cases: { desc: string; input: string[]; expected: FaultEpisode[] }[] = [
    { desc: 'an empty log has no episodes', input: [], expected: [] },
    {
      desc: 'a start and its expired end make one episode, with params and label',
      input: [start(slow, 100_000, 60_000), end(slow, 100_000, 160_000, 'expired')],
      expected: [episode('slow-sink', { latencyMs: 400 }, 'slow-sink latencyMs=400', 100_000, 160_000, 'expired')],
    },
    {
      desc: 'a fault ended by the healthy end-all',
      input: [start(down, 100_000), end(down, 100_000, 130_000, 'healthy')],
      expected: [episode('sink-down', {}, 'sink-down', 100_000, 130_000, 'healthy')],
    },
    {
      desc: 'a fault ended by shutdown',
      input: [start(poison, 100_000), end(poison, 100_000, 140_000, 'shutdown')],
      expected: [episode('poison', { rate: 0.3 }, 'poison rate=0.3', 100_000, 140_000, 'shutdown')],
    },
    {
      desc: 'a start without an end is still running at the end of the run',
      input: [start(slow, 100_000), end(slow, 100_000, 160_000, 'expired'), start(down, 200_000)],
      expected: [
        episode('slow-sink', { latencyMs: 400 }, 'slow-sink latencyMs=400', 100_000, 160_000, 'expired'),
        episode('sink-down', {}, 'sink-down', 200_000, RUN_END, 'open'),
      ],
    },
    {
      desc: 'overlapping faults each pair with their own end',
      input: [start(down, 100_000), start(slow, 150_000), end(slow, 150_000, 250_000, 'expired'), end(down, 100_000, 300_000, 'expired')],
      expected: [
        episode('sink-down', {}, 'sink-down', 100_000, 300_000, 'expired'),
        episode('slow-sink', { latencyMs: 400 }, 'slow-sink latencyMs=400', 150_000, 250_000, 'expired'),
      ],
    },
    {
      desc: 'two runs of the same fault pair by startedAtMs, not by name',
      input: [start(slow, 100_000), start(slow, 200_000), end(slow, 200_000, 260_000, 'expired'), end(slow, 100_000, 300_000, 'requested')],
      expected: [
        episode('slow-sink', { latencyMs: 400 }, 'slow-sink latencyMs=400', 100_000, 300_000, 'requested'),
        episode('slow-sink', { latencyMs: 400 }, 'slow-sink latencyMs=400', 200_000, 260_000, 'expired'),
      ],
    },
    {
      desc: 'a replaced fault ends where its replacement starts',
      input: [start(slow, 100_000), end(slow, 100_000, 150_000, 'replaced'), start(slower, 150_000), end(slower, 150_000, 200_000, 'expired')],
      expected: [
        episode('slow-sink', { latencyMs: 400 }, 'slow-sink latencyMs=400', 100_000, 150_000, 'replaced'),
        episode('slow-sink', { latencyMs: 1_500 }, 'slow-sink latencyMs=1500', 150_000, 200_000, 'expired'),
      ],
    },
    {
      desc: 'episodes come out in start order whatever the line order',
      input: [start(down, 300_000), start(slow, 100_000), end(slow, 100_000, 200_000, 'expired'), end(down, 300_000, 400_000, 'expired')],
      expected: [
        episode('slow-sink', { latencyMs: 400 }, 'slow-sink latencyMs=400', 100_000, 200_000, 'expired'),
        episode('sink-down', {}, 'sink-down', 300_000, 400_000, 'expired'),
      ],
    },
    {
      desc: 'blank and whitespace-only lines are skipped',
      input: ['', start(down, 100_000), '   ', end(down, 100_000, 130_000, 'expired'), ''],
      expected: [episode('sink-down', {}, 'sink-down', 100_000, 130_000, 'expired')],
    },
    {
      desc: 'an end line without a cause ends the episode as unknown',
      input: [start(down, 100_000), JSON.stringify({ event: 'end', fault: 'sink-down', atMs: 130_000, params: {}, startedAtMs: 100_000 })],
      expected: [episode('sink-down', {}, 'sink-down', 100_000, 130_000, 'unknown')],
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(parseFaultLog(input.join('\n'), RUN_END)).toEqual(expected);
  });

  it('reads CRLF line endings', () => {
    expect(parseFaultLog(`${start(down, 100_000)}\r\n${end(down, 100_000, 130_000, 'expired')}\r\n`, RUN_END)).toEqual([
      episode('sink-down', {}, 'sink-down', 100_000, 130_000, 'expired'),
    ]);
  });
});

describe('parseFaultLog refuses malformed lines', () => {
  const good = start(down, 100_000);
  const line = (fields: Record<string, unknown>): string => JSON.stringify({ event: 'start', fault: 'sink-down', atMs: 100_000, params: {}, ...fields });
  const cases: { desc: string; input: string[]; expected: RegExp }[] = [
    { desc: 'a line that is not JSON, by its line number', input: [good, '{"event":"start",'], expected: /^fault log line 2 is not JSON: \{"event":"start",$/ },
    { desc: 'an unknown fault name', input: [line({ fault: 'disk-full' })], expected: /^fault log line 1 is not a fault start or end/ },
    { desc: 'an unknown event', input: [line({ event: 'pause' })], expected: /^fault log line 1 is not a fault start or end/ },
    { desc: 'a missing event', input: [line({ event: undefined })], expected: /^fault log line 1 is not a fault start or end/ },
    { desc: 'a time that is not a number', input: [line({ atMs: '100000' })], expected: /^fault log line 1 is not a fault start or end/ },
    { desc: 'an end without startedAtMs', input: [good, line({ event: 'end', atMs: 130_000, cause: 'expired' })], expected: /^fault log line 2 is not a fault start or end/ },
    { desc: 'missing params', input: [line({ params: undefined })], expected: /^fault log line 1 is not a fault start or end/ },
    { desc: 'null params', input: [line({ params: null })], expected: /^fault log line 1 is not a fault start or end/ },
    { desc: 'a JSON value that is not an object', input: ['42'], expected: /^fault log line 1 is not a fault start or end: 42$/ },
    {
      desc: 'an end whose start is not in the log',
      input: [end(down, 100_000, 130_000, 'expired')],
      expected: /^fault log line 1: end of sink-down started at 100000, which never started$/,
    },
    {
      desc: 'an end naming another start time of the same fault',
      input: [good, end(down, 99_000, 130_000, 'expired')],
      expected: /^fault log line 2: end of sink-down started at 99000, which never started$/,
    },
    {
      desc: 'a second end of the same episode',
      input: [good, end(down, 100_000, 130_000, 'expired'), end(down, 100_000, 131_000, 'shutdown')],
      expected: /^fault log line 3: end of sink-down started at 100000, which never started$/,
    },
    {
      desc: 'line numbers count the blank lines',
      input: [good, '', 'not json'],
      expected: /^fault log line 3 is not JSON/,
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(() => parseFaultLog(input.join('\n'), RUN_END)).toThrow(expected);
  });

  // A value that is not an object once threw a bare TypeError with no line number.
  it('a JSON null line is refused with its line number', () => {
    expect(() => parseFaultLog([good, 'null'].join('\n'), RUN_END)).toThrow(/^fault log line 2 is not a fault start or end/);
  });
});
