import { describe, expect, it } from 'vitest';
import { formatFlowLine, type FlowSample } from '../../lab/flow-line';

const base: FlowSample = {
  atMs: Date.parse('2026-11-24T07:34:10Z'),
  produced: 1000,
  sinkAnswered: 990,
  lagMessages: 10,
  members: 2,
  pausedMembers: 0,
  faults: [],
};

describe('formatFlowLine', () => {
  const cases: { desc: string; previous: FlowSample | undefined; current: FlowSample; expected: string }[] = [
    {
      desc: 'first line has no rates yet',
      previous: undefined,
      current: base,
      expected: '07:34:10  produced   -    sink   -    lag 10 msg  members 2  faults: none',
    },
    {
      desc: 'rates over the elapsed time',
      previous: base,
      current: { ...base, atMs: base.atMs + 5_000, produced: 1250, sinkAnswered: 1240 },
      expected: '07:34:15  produced 50.0/s  sink 50.0/s  lag 10 msg  members 2  faults: none',
    },
    {
      desc: 'paused members, unknown lag and an active timed fault',
      previous: base,
      current: {
        ...base,
        atMs: base.atMs + 5_000,
        produced: 1250,
        sinkAnswered: 990,
        lagMessages: undefined,
        pausedMembers: 2,
        faults: [{ name: 'sink-down', params: {}, endsAt: '2026-11-24T07:35:00.000Z' }],
      },
      expected: '07:34:15  produced 50.0/s  sink 0.0/s  lag ? (Kafka not answering)  members 2 (2 PAUSED)  faults: sink-down (until 07:35:00)',
    },
    {
      desc: 'fault parameters are shown',
      previous: undefined,
      current: { ...base, faults: [{ name: 'slow-sink', params: { latencyMs: 300 }, endsAt: null }] },
      expected: '07:34:10  produced   -    sink   -    lag 10 msg  members 2  faults: slow-sink (latencyMs=300)',
    },
  ];
  it.each(cases)('$desc', ({ previous, current, expected }) => expect(formatFlowLine(previous, current)).toBe(expected));
});
