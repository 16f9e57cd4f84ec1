import { describe, expect, it } from 'vitest';
import { formatFaultLogLine, reduceFaults, type FaultCommand, type FaultState } from '../../../lab/pipeline/faults';

const slow = { spec: { name: 'slow-sink', latencyMs: 300 }, startedAtMs: 1_000, endsAtMs: 61_000 } as const;
const down = { spec: { name: 'sink-down' }, startedAtMs: 2_000, endsAtMs: null } as const;

type Summary = { state: string[]; transitions: string[] };

function summarize(state: FaultState, command: FaultCommand): Summary {
  const reduction = reduceFaults(state, command);
  return {
    state: Object.values(reduction.state).map((f) => `${f.spec.name}@${f.startedAtMs}-${f.endsAtMs ?? 'open'}`),
    transitions: reduction.transitions.map((t) => `${t.event} ${t.fault.spec.name}${t.event === 'end' ? ` (${t.cause})` : ''}`),
  };
}

describe('reduceFaults', () => {
  const cases: Array<{ desc: string; input: { state: FaultState; command: FaultCommand }; expected: Summary }> = [
    {
      desc: 'start adds a fault with its end time',
      input: { state: {}, command: { type: 'start', spec: { name: 'slow-sink', latencyMs: 300 }, forMs: 60_000, atMs: 1_000 } },
      expected: { state: ['slow-sink@1000-61000'], transitions: ['start slow-sink'] },
    },
    {
      desc: 'start without forMs stays open',
      input: { state: { 'slow-sink': slow }, command: { type: 'start', spec: { name: 'sink-down' }, forMs: null, atMs: 2_000 } },
      expected: { state: ['slow-sink@1000-61000', 'sink-down@2000-open'], transitions: ['start sink-down'] },
    },
    {
      desc: 'starting an active fault replaces it: end then start',
      input: { state: { 'slow-sink': slow }, command: { type: 'start', spec: { name: 'slow-sink', latencyMs: 900 }, forMs: null, atMs: 5_000 } },
      expected: { state: ['slow-sink@5000-open'], transitions: ['end slow-sink (replaced)', 'start slow-sink'] },
    },
    {
      desc: 'end of an active fault',
      input: { state: { 'slow-sink': slow, 'sink-down': down }, command: { type: 'end', name: 'sink-down', atMs: 3_000 } },
      expected: { state: ['slow-sink@1000-61000'], transitions: ['end sink-down (requested)'] },
    },
    {
      desc: 'end of an inactive fault changes nothing',
      input: { state: { 'slow-sink': slow }, command: { type: 'end', name: 'poison', atMs: 3_000 } },
      expected: { state: ['slow-sink@1000-61000'], transitions: [] },
    },
    {
      desc: 'expiry for the current instance ends it, even a millisecond early',
      input: { state: { 'slow-sink': slow }, command: { type: 'expire', name: 'slow-sink', endsAtMs: 61_000, atMs: 60_999 } },
      expected: { state: [], transitions: ['end slow-sink (expired)'] },
    },
    {
      desc: 'expiry left over from a replaced instance is ignored',
      input: { state: { 'slow-sink': slow }, command: { type: 'expire', name: 'slow-sink', endsAtMs: 31_000, atMs: 31_000 } },
      expected: { state: ['slow-sink@1000-61000'], transitions: [] },
    },
    {
      desc: 'healthy ends every active fault',
      input: { state: { 'slow-sink': slow, 'sink-down': down }, command: { type: 'end-all', cause: 'healthy', atMs: 9_000 } },
      expected: { state: [], transitions: ['end slow-sink (healthy)', 'end sink-down (healthy)'] },
    },
    {
      desc: 'healthy with nothing active logs nothing',
      input: { state: {}, command: { type: 'end-all', cause: 'healthy', atMs: 9_000 } },
      expected: { state: [], transitions: [] },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(summarize(input.state, input.command)).toEqual(expected);
  });
});

describe('formatFaultLogLine', () => {
  const pipeline = { topic: 'payments', group: 'fraud-features' };
  it('writes a start line', () => {
    expect(JSON.parse(formatFaultLogLine({ event: 'start', fault: slow, atMs: 1_000 }, pipeline))).toEqual({
      at: '1970-01-01T00:00:01.000Z',
      atMs: 1_000,
      event: 'start',
      fault: 'slow-sink',
      params: { latencyMs: 300 },
      forMs: 60_000,
      pipeline,
    });
  });
  it('writes an end line with its cause and start', () => {
    expect(JSON.parse(formatFaultLogLine({ event: 'end', fault: down, cause: 'healthy', atMs: 5_000 }, pipeline))).toEqual({
      at: '1970-01-01T00:00:05.000Z',
      atMs: 5_000,
      event: 'end',
      fault: 'sink-down',
      params: {},
      forMs: null,
      cause: 'healthy',
      startedAtMs: 2_000,
      pipeline,
    });
  });
});
