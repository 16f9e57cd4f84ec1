import { describe, expect, it } from 'vitest';
import { createFaultController } from '../../../lab/pipeline/fault-controller';

function setup() {
  let nowMs = 1_000;
  const timers: Array<{ dueMs: number; callback: () => void; cleared: boolean }> = [];
  const lines: Array<Record<string, unknown>> = [];
  const controller = createFaultController({
    pipeline: { topic: 'payments', group: 'fraud-features' },
    appendLine: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    nowMs: () => nowMs,
    setTimer: (callback, delayMs) => {
      const timer = { dueMs: nowMs + delayMs, callback, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
  });
  const advanceTo = (targetMs: number): void => {
    nowMs = targetMs;
    for (const timer of timers.filter((t) => !t.cleared && t.dueMs <= targetMs)) {
      timer.cleared = true;
      timer.callback();
    }
  };
  const logged = (): string[] => lines.map((l) => `${String(l.atMs)} ${String(l.event)} ${String(l.fault)}${l.cause ? ` ${String(l.cause)}` : ''}`);
  return { controller, advanceTo, logged, timers };
}

describe('createFaultController', () => {
  it('ends a fault by itself after forMs and logs both ends', () => {
    const { controller, advanceTo, logged } = setup();
    controller.start({ name: 'slow-sink', latencyMs: 500 }, 10_000);
    advanceTo(10_999);
    expect(controller.get('slow-sink')?.spec.latencyMs).toBe(500);
    advanceTo(11_000);
    expect(controller.active()).toEqual([]);
    expect(logged()).toEqual(['1000 start slow-sink', '11000 end slow-sink expired']);
  });

  it('replacing a fault cancels the old expiry', () => {
    const { controller, advanceTo, logged } = setup();
    controller.start({ name: 'poison', rate: 0.1 }, 5_000);
    advanceTo(3_000);
    controller.start({ name: 'poison', rate: 0.3 }, null);
    advanceTo(60_000);
    expect(controller.get('poison')?.spec.rate).toBe(0.3);
    expect(logged()).toEqual(['1000 start poison', '3000 end poison replaced', '3000 start poison']);
  });

  it('healthy clears all faults; overlapping faults each get an end line', () => {
    const { controller, advanceTo, logged } = setup();
    controller.start({ name: 'sink-down' });
    controller.start({ name: 'transient-errors', rate: 0.5 }, 20_000);
    advanceTo(2_000);
    controller.healthy();
    advanceTo(30_000);
    expect(controller.active()).toEqual([]);
    expect(logged()).toEqual([
      '1000 start sink-down',
      '1000 start transient-errors',
      '2000 end transient-errors healthy',
      '2000 end sink-down healthy',
    ]);
  });

  it('notifies subscribers and ignores commands after shutdown', () => {
    const { controller, logged } = setup();
    const seen: string[] = [];
    controller.subscribe((transitions) => seen.push(...transitions.map((t) => `${t.event} ${t.fault.spec.name}`)));
    controller.start({ name: 'consumer-stop' });
    expect(controller.end('rebalance')).toBe(false);
    controller.shutdown();
    controller.start({ name: 'sink-down' });
    expect(seen).toEqual(['start consumer-stop', 'end consumer-stop']);
    expect(logged()).toEqual(['1000 start consumer-stop', '1000 end consumer-stop shutdown']);
  });
});
