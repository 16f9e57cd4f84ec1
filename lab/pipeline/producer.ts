import type { Message, Producer } from 'kafkajs';
import { encodeEvent, makePoisonRecord, makeTransactionEvent, systemEventSource, type EventSource, type GeneratedRecord } from './events';
import type { FaultController } from './fault-controller';
import type { PipelineMetrics } from './metrics';

/** The upstream "payments service": a steady stream of transactions at a rate the faults can change. */
export interface EventProducer {
  start(): void;
  /** Waits for the send in flight, so every counted record was acknowledged. */
  stop(): Promise<void>;
  currentRatePerSecond(): number;
  producedCount(): number;
}

export interface EventProducerOptions {
  producer: Producer;
  topic: string;
  baseRatePerSecond: number;
  faults: Pick<FaultController, 'get'>;
  metrics: PipelineMetrics;
  log: (line: string) => void;
  tickMs?: number;
  /** Upper bound of one send; credit beyond it is dropped, so a stalled broker does not cause a flood later. */
  maxBatchSize?: number;
  source?: EventSource;
}

export interface Credit {
  count: number;
  remainder: number;
}

/** Turns elapsed time into a whole number of events to send now, carrying the fraction to the next tick. */
export function accrueCredit(remainder: number, ratePerSecond: number, elapsedMs: number, maxCount: number): Credit {
  const total = remainder + (ratePerSecond * elapsedMs) / 1_000;
  const count = Math.min(Math.floor(total), maxCount);
  return { count, remainder: Math.min(total - count, 1) };
}

export function createEventProducer(options: EventProducerOptions): EventProducer {
  const { producer, topic, faults, metrics, log } = options;
  const source = options.source ?? systemEventSource;
  const tickMs = options.tickMs ?? 100;
  const maxBatchSize = options.maxBatchSize ?? 5_000;
  let remainder = 0;
  let lastTickMs = source.nowMs();
  let produced = 0;
  let inFlight: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let lastErrorLogMs = 0;

  function currentRatePerSecond(): number {
    if (faults.get('producer-stop')) return 0;
    return faults.get('producer-burst')?.spec.rate ?? options.baseRatePerSecond;
  }

  function nextRecord(): GeneratedRecord {
    const poisonRate = faults.get('poison')?.spec.rate ?? 0;
    if (source.random() < poisonRate) return makePoisonRecord(source.random() < 0.5 ? 'schema' : 'business-rule', source);
    return encodeEvent(makeTransactionEvent(source));
  }

  async function send(messages: Message[]): Promise<void> {
    try {
      await producer.send({ topic, acks: -1, messages });
      produced += messages.length;
      metrics.recordsProduced.inc({ topic }, messages.length);
    } catch (error) {
      // The idempotent producer already retried; these events are lost, as a real upstream's would be.
      if (source.nowMs() - lastErrorLogMs > 10_000) {
        lastErrorLogMs = source.nowMs();
        log(`producer could not send ${messages.length} events to ${topic}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  function tick(): void {
    const nowMs = source.nowMs();
    // While a send is in flight the credit keeps accruing, so slow acks lower the batch count, not the rate.
    if (inFlight) return;
    const credit = accrueCredit(remainder, currentRatePerSecond(), nowMs - lastTickMs, maxBatchSize);
    lastTickMs = nowMs;
    remainder = credit.remainder;
    if (credit.count === 0) return;
    const messages = Array.from({ length: credit.count }, nextRecord);
    inFlight = send(messages).finally(() => {
      inFlight = null;
    });
  }

  return {
    start() {
      lastTickMs = source.nowMs();
      timer = setInterval(tick, tickMs);
    },
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
    currentRatePerSecond,
    producedCount: () => produced,
  };
}
