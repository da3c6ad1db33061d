/**
 * Wraps a consumer of the case table's change stream (catalog entries with
 * `tableStream`). Each record is handled on its own; a record that fails is
 * reported in `batchItemFailures`, so the event source mapping retries from
 * it (and the records after it) without repeating the ones before it. With
 * `inOrderPer`, records of different keys are handled concurrently.
 */
import middy from '@middy/core';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from './logger';

export interface StreamedItem {
  /** The item as written (the record's new image), unmarshalled. */
  item: Record<string, unknown>;
  eventName: string;
  sequenceNumber: string;
}

export interface ConsumerOptions {
  /**
   * Records with the same key (e.g. the case id) are handled in order, one at a time; records with different keys
   * concurrently, `concurrency` keys at a time. Only for idempotent handlers: after a failure the batch is retried from
   * the earliest failed record on, including records of other keys that had succeeded after it.
   */
  inOrderPer: (item: Record<string, unknown>) => string;
  concurrency: number;
}

export function tableStreamConsumer(name: string, handleItem: (record: StreamedItem, context: Context) => Promise<void>, options?: ConsumerOptions) {
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event, context) => {
    const handle = async (index: number): Promise<boolean> => {
      const record = event.Records[index]!;
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
      const newImage = record.dynamodb?.NewImage;
      try {
        if (!newImage) throw new Error('the record has no new image (the stream must carry NEW_IMAGE)');
        await handleItem({ item: unmarshall(newImage as Record<string, AttributeValue>), eventName: record.eventName ?? '', sequenceNumber }, context);
        return true;
      } catch (error) {
        logger.warn('stream record failed', { consumer: name, requestId: context.awsRequestId, sequenceNumber, errorName: (error as Error).name, error: error as Error });
        return false;
      }
    };
    // Records of one shard are in order: retry from the first failure on.
    const failedFrom = (index: number) => ({ batchItemFailures: event.Records.slice(index).map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })) });

    if (!options) {
      for (const index of event.Records.keys()) if (!(await handle(index))) return failedFrom(index);
      return { batchItemFailures: [] };
    }
    const groups = new Map<string, number[]>();
    for (const [index, record] of event.Records.entries()) {
      const image = record.dynamodb?.NewImage;
      const key = image ? options.inOrderPer(unmarshall(image as Record<string, AttributeValue>)) : `#${index}`;
      groups.set(key, [...(groups.get(key) ?? []), index]);
    }
    const queue = [...groups.values()];
    let firstFailure = Infinity;
    const worker = async () => {
      for (let group = queue.shift(); group; group = queue.shift()) {
        for (const index of group) {
          if (await handle(index)) continue;
          firstFailure = Math.min(firstFailure, index);
          break;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker));
    return Number.isFinite(firstFailure) ? failedFrom(firstFailure) : { batchItemFailures: [] };
  });
}
