import { describe, expect, it } from 'vitest';
import { buildFaultRequestBody, FAULT_CATALOG, parseActiveFaults } from '../../../lib/view/fault-catalog';

const NOW = Date.parse('2026-11-24T10:20:00Z');
const byName = (name: string) => FAULT_CATALOG.find((f) => f.name === name)!;

describe('FAULT_CATALOG', () => {
  it.each([
    { fault: 'transient-errors', expects: 'Transient sink error' },
    { fault: 'poison', expects: 'Permanent data error' },
    { fault: 'slow-sink', expects: 'Slow sink (backpressure)' },
    { fault: 'rebalance', expects: 'Kafka rebalance' },
    { fault: 'sink-down', expects: 'Sink unavailable (extended outage)' },
    { fault: 'consumer-stop', expects: 'Consumer stopped' },
    { fault: 'producer-stop', expects: 'Upstream stall' },
    { fault: 'producer-burst', expects: 'lag growth (status Warning), no failure type' },
  ])('$fault is expected to classify as $expects', ({ fault, expects }) => {
    expect(byName(fault).expectsText).toBe(expects);
  });

  it.each([
    { fault: 'slow-sink', body: { name: 'slow-sink', latencyMs: 1_000, forMs: 180_000 } },
    { fault: 'transient-errors', body: { name: 'transient-errors', rate: 0.5, forMs: 180_000 } },
    { fault: 'sink-down', body: { name: 'sink-down', forMs: 180_000 } },
    { fault: 'producer-burst', body: { name: 'producer-burst', rate: 500, forMs: 180_000 } },
  ])('starts $fault for 3 minutes with sensible defaults', ({ fault, body }) => {
    expect(buildFaultRequestBody(byName(fault))).toEqual(body);
  });
});

describe('parseActiveFaults', () => {
  it('active faults in words', () => {
    const parsed = parseActiveFaults({ active: [{ name: 'slow-sink', params: { latencyMs: 800 }, startedAt: '2026-11-24T10:18:11.315Z', endsAt: '2026-11-24T10:21:11.315Z' }] }, NOW);
    expect(parsed).toEqual({ ok: true, active: [{ name: 'slow-sink', params: 'latencyMs 800', started: 'started 10:18:11 UTC (1 m ago)', ends: 'ends 10:21:11 UTC (in 1 m 11 s)' }] });
  });

  it('a fault without end runs until ended', () => {
    const parsed = parseActiveFaults({ active: [{ name: 'consumer-stop', params: {}, startedAt: '2026-11-24T10:19:00Z', endsAt: null }] }, NOW);
    expect(parsed.ok && parsed.active[0]!.ends).toBe('until ended');
  });

  it.each([
    { desc: "the API's error verbatim", body: { error: 'the demo pipeline\'s control endpoint does not answer; is the lab up? npm run lab:up' }, error: "the demo pipeline's control endpoint does not answer; is the lab up? npm run lab:up" },
    { desc: 'no object', body: null, error: 'the server answered with no JSON object' },
  ])('$desc', ({ body, error }) => {
    expect(parseActiveFaults(body, NOW)).toEqual({ ok: false, error });
  });
});
