/**
 * The stream consumer wrapper's concurrent mode (used by the email sender):
 * one key's records in order, different keys at the same time, and a retry
 * from the earliest failure.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { tableStreamConsumer } from '../../../functions/platform/tableStream';

const event = (items: { caseId: string; n: number }[]) =>
  ({ Records: items.map((item, i) => ({ eventName: 'INSERT', dynamodb: { SequenceNumber: String(100 + i), NewImage: marshall(item) } })) }) as unknown as DynamoDBStreamEvent;
const context = { awsRequestId: 'r' } as Context;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a stream consumer handling cases concurrently', () => {
  it('handles one case in order and different cases at the same time', async () => {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const handler = tableStreamConsumer(
      'test',
      async ({ item }) => {
        running += 1;
        most = Math.max(most, running);
        log.push(`start ${item.caseId}${item.n}`);
        await sleep(item.caseId === 'a' ? 20 : 5);
        log.push(`end ${item.caseId}${item.n}`);
        running -= 1;
      },
      { inOrderPer: (item) => String(item.caseId), concurrency: 4 },
    );
    expect(await handler(event([{ caseId: 'a', n: 1 }, { caseId: 'b', n: 1 }, { caseId: 'a', n: 2 }, { caseId: 'b', n: 2 }]), context)).toEqual({ batchItemFailures: [] });
    expect(most).toBe(2);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('start b2'));
  });

  it('reports every record from the earliest failure on, and stops that case there', async () => {
    const handled: string[] = [];
    const handler = tableStreamConsumer(
      'test',
      async ({ item }) => {
        if (item.caseId === 'b' && item.n === 1) throw new Error('b1 fails');
        handled.push(`${item.caseId}${item.n}`);
      },
      { inOrderPer: (item) => String(item.caseId), concurrency: 2 },
    );
    const result = await handler(event([{ caseId: 'a', n: 1 }, { caseId: 'b', n: 1 }, { caseId: 'a', n: 2 }, { caseId: 'b', n: 2 }]), context);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '101' }, { itemIdentifier: '102' }, { itemIdentifier: '103' }] });
    expect(handled).toEqual(expect.arrayContaining(['a1', 'a2']));
    expect(handled).not.toContain('b2');
  });

  it('stops at the first failure without the option, as before', async () => {
    const handled: number[] = [];
    const handler = tableStreamConsumer('test', async ({ item }) => {
      if (item.n === 2) throw new Error('fails');
      handled.push(Number(item.n));
    });
    expect(await handler(event([{ caseId: 'a', n: 1 }, { caseId: 'b', n: 2 }, { caseId: 'a', n: 3 }]), context)).toEqual({ batchItemFailures: [{ itemIdentifier: '101' }, { itemIdentifier: '102' }] });
    expect(handled).toEqual([1]);
  });
});
