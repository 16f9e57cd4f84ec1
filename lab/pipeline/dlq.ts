import type { IHeaders, Message, Producer } from 'kafkajs';
import type { DlqReason } from './metrics';

export interface SourceRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}

export interface DeadLetter {
  errorClass: 'permanent';
  reason: DlqReason;
  detail: string;
}

const MAX_DETAIL_CHARS = 500;

/** The original key and bytes, untouched so the record can be replayed, plus the why and where as headers. */
export function buildDlqMessage(source: SourceRecord, failure: DeadLetter, failedAtMs: number): Message {
  const headers: IHeaders = {
    'x-error-class': failure.errorClass,
    'x-error-reason': failure.reason,
    'x-error-detail': failure.detail.slice(0, MAX_DETAIL_CHARS),
    'x-source-topic': source.topic,
    'x-source-partition': String(source.partition),
    'x-source-offset': source.offset,
    'x-failed-at': new Date(failedAtMs).toISOString(),
  };
  return { key: source.key, value: source.value, headers };
}

export interface DlqPublisher {
  readonly dlqTopic: string;
  /** Resolves once the dead letter is acknowledged by all in-sync replicas; only then may the source offset be committed. */
  publish(source: SourceRecord, failure: DeadLetter): Promise<void>;
}

/**
 * Sends one at a time: kafkajs' idempotent producer can silently lose records when several send()
 * calls to one partition are in flight at once (tulios/kafkajs#1005).
 */
export function createKafkaDlqPublisher(producer: Producer, dlqTopic: string, nowMs: () => number = Date.now): DlqPublisher {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    dlqTopic,
    publish(source, failure) {
      const send = queue.then(() =>
        producer.send({ topic: dlqTopic, acks: -1, messages: [buildDlqMessage(source, failure, nowMs())] }),
      );
      queue = send.catch(() => undefined);
      return send.then(() => undefined);
    },
  };
}
