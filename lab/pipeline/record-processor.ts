import { assertNever } from '../../lib/assert-never';
import type { DeadLetter, DlqPublisher, SourceRecord } from './dlq';
import { validateEvent } from './events';
import type { ProcessedOutcome } from './metrics';
import { deliverWithRetry, type DeliveryContext, type DeliveryDeps } from './sink-delivery';

export type RecordOutcome = ProcessedOutcome | 'abandoned';

export type RecordProcessor = (record: SourceRecord, context: DeliveryContext) => Promise<RecordOutcome>;

export interface RecordProcessorDeps extends DeliveryDeps {
  dlq: DlqPublisher;
}

/**
 * validate → write to the sink (transient failures retried in place) → on a permanent failure,
 * dead-letter and move on. Resolves when the record may be committed, or 'abandoned' when not.
 */
export function createRecordProcessor(deps: RecordProcessorDeps): RecordProcessor {
  const { metrics, labels } = deps;

  async function deadLetter(record: SourceRecord, failure: DeadLetter): Promise<RecordOutcome> {
    await deps.dlq.publish(record, failure);
    metrics.dlqRecords.inc({
      consumer_group: labels.consumer_group,
      topic: labels.topic,
      dlq_topic: deps.dlq.dlqTopic,
      reason: failure.reason,
    });
    metrics.recordsProcessed.inc({ ...labels, outcome: 'dead_lettered' });
    return 'dead_lettered';
  }

  return async (record, context) => {
    const validation = validateEvent(record.value);
    if (!validation.ok) {
      return deadLetter(record, { errorClass: 'permanent', reason: 'schema', detail: validation.detail });
    }
    const delivery = await deliverWithRetry(validation.event, context, deps);
    switch (delivery.kind) {
      case 'applied':
        metrics.recordsProcessed.inc({ ...labels, outcome: delivery.outcome });
        return delivery.outcome;
      case 'rejected':
        return deadLetter(record, { errorClass: 'permanent', reason: delivery.reason, detail: delivery.detail });
      case 'abandoned':
        return 'abandoned';
      default:
        return assertNever(delivery);
    }
  };
}
