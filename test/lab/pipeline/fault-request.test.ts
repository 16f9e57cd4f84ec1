import { describe, expect, it } from 'vitest';
import { parseFaultRequest, type FaultRequestParse } from '../../../lab/pipeline/fault-request';

const defaults = { baseRatePerSecond: 50 };

describe('parseFaultRequest', () => {
  const accepted: Array<{ desc: string; input: unknown; expected: FaultRequestParse }> = [
    { desc: 'healthy', input: { name: 'healthy' }, expected: { ok: true, request: { type: 'healthy' } } },
    {
      desc: 'transient-errors with its default rate',
      input: { name: 'transient-errors' },
      expected: { ok: true, request: { type: 'start', spec: { name: 'transient-errors', rate: 0.5 }, forMs: null } },
    },
    {
      desc: 'poison with rate and duration',
      input: { name: 'poison', rate: 0.2, forMs: 30_000 },
      expected: { ok: true, request: { type: 'start', spec: { name: 'poison', rate: 0.2 }, forMs: 30_000 } },
    },
    {
      desc: 'slow-sink default latency',
      input: { name: 'slow-sink' },
      expected: { ok: true, request: { type: 'start', spec: { name: 'slow-sink', latencyMs: 300 }, forMs: null } },
    },
    {
      desc: 'rebalance default interval',
      input: { name: 'rebalance' },
      expected: { ok: true, request: { type: 'start', spec: { name: 'rebalance', intervalMs: 8_000 }, forMs: null } },
    },
    {
      desc: 'producer-burst defaults to ten times the base rate',
      input: { name: 'producer-burst' },
      expected: { ok: true, request: { type: 'start', spec: { name: 'producer-burst', rate: 500 }, forMs: null } },
    },
    {
      desc: 'sink-down takes no parameters',
      input: { name: 'sink-down', forMs: 1_000 },
      expected: { ok: true, request: { type: 'start', spec: { name: 'sink-down' }, forMs: 1_000 } },
    },
  ];
  it.each(accepted)('accepts $desc', ({ input, expected }) => {
    expect(parseFaultRequest(input, defaults)).toEqual(expected);
  });

  const refused = [
    { desc: 'a non-object body', input: 'slow-sink', expected: 'body must be a JSON object' },
    { desc: 'a missing name', input: { rate: 1 }, expected: '"name" is required' },
    { desc: 'an unknown fault', input: { name: 'disk-full' }, expected: 'unknown fault "disk-full"' },
    { desc: 'a parameter of another fault', input: { name: 'slow-sink', rate: 0.5 }, expected: 'slow-sink does not take "rate"; it takes latencyMs, forMs' },
    { desc: 'a rate above 1', input: { name: 'transient-errors', rate: 1.5 }, expected: 'transient-errors: "rate" must be a number from 0 to 1 (got 1.5)' },
    { desc: 'a rate given as a string', input: { name: 'poison', rate: '0.1' }, expected: 'poison: "rate" must be a number from 0 to 1 (got "0.1")' },
    { desc: 'a fractional latency', input: { name: 'slow-sink', latencyMs: 2.5 }, expected: 'slow-sink: "latencyMs" must be a whole number' },
    { desc: 'a too short rebalance interval', input: { name: 'rebalance', intervalMs: 100 }, expected: '"intervalMs" must be a whole number from 2000' },
    { desc: 'producer-stop takes no parameters', input: { name: 'producer-stop', rate: 3 }, expected: 'producer-stop does not take "rate"' },
    { desc: 'a zero burst rate', input: { name: 'producer-burst', rate: 0 }, expected: '"rate" must be a number from 1 to 100000' },
    { desc: 'a negative duration', input: { name: 'sink-down', forMs: -5 }, expected: '"forMs" must be a whole number from 1' },
    { desc: 'a duration on healthy', input: { name: 'healthy', forMs: 5 }, expected: 'healthy takes no parameters (got forMs)' },
  ];
  it.each(refused)('refuses $desc', ({ input, expected }) => {
    const result = parseFaultRequest(input, defaults);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(expected);
  });
});
