/**
 * The local event source mapping (infra/local/tableStreams.ts) against the
 * real stream of a DynamoDB Local table: filtering, order, per-record retry,
 * dead letters, disable/enable, and positions kept across a restart. A
 * consumer of the test's own stands in for the platform's, to fail on cue.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureCaseTable } from '../../infra/local/caseTable';
import { LambdaHost } from '../../infra/local/lambdaHost';
import { type LocalTableStreams, startTableStreams } from '../../infra/local/tableStreams';

const endpoint = inject('dynamoDbEndpoint');
const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const doc = DynamoDBDocumentClient.from(client);
const tableName = `Streams_${randomBytes(6).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'table-streams-'));

/** What the consumer saw, and which case ids it refuses (and how many more times). */
const delivered: string[] = [];
const batches: number[] = [];
const failuresLeft = new Map<string, number>();

async function consumer(event: unknown): Promise<DynamoDBBatchResponse> {
  const records = (event as DynamoDBStreamEvent).Records;
  batches.push(records.length);
  for (const record of records) {
    const caseId = record.dynamodb!.NewImage!.caseId!.S!;
    const left = failuresLeft.get(caseId) ?? 0;
    if (left > 0) {
      failuresLeft.set(caseId, left - 1);
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
    }
    delivered.push(caseId);
  }
  return { batchItemFailures: [] };
}

const lambdas = new LambdaHost({ testConsumer: consumer as never });
const consumers: Parameters<typeof startTableStreams>[0]['consumers'] = [
  ['testConsumer', { tableStream: { filter: { eventNames: ['INSERT'], newImage: { type: ['case'] } }, batchSize: 4, retryAttempts: 2 } }],
];
const logs: Record<string, unknown>[] = [];
let streams: LocalTableStreams;

const start = () => startTableStreams({ endpoint, tableName, lambdas, log: (entry) => logs.push(entry), dataDir, clock: { realDuration: (ms) => ms / 100 }, consumers });
const putCase = (caseId: string) => doc.send(new PutCommand({ TableName: tableName, Item: { pk: `CASE#${caseId}`, sk: 'CASE', type: 'case', caseId } }));
const putOther = (id: string) => doc.send(new PutCommand({ TableName: tableName, Item: { pk: `CASE#${id}`, sk: 'EVENT#1', type: 'event', caseId: id } }));

beforeAll(async () => {
  await ensureCaseTable(client, tableName);
  streams = await start();
});

afterAll(async () => {
  await streams.stop();
  client.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local table stream consumer', () => {
  it('delivers matching records only, in the order they were written, in batches no larger than the setting', async () => {
    for (const id of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) await putCase(id);
    await putOther('e1');
    await doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'CASE#c1', sk: 'CASE', type: 'case', caseId: 'c1', changed: true } }));
    await streams.drained();
    expect(delivered).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(Math.max(...batches)).toBeLessThanOrEqual(4);
  });

  it('retries a failed record and the ones after it, without repeating the ones before', async () => {
    delivered.length = 0;
    failuresLeft.set('r2', 2);
    for (const id of ['r1', 'r2', 'r3']) await putCase(id);
    await streams.drained();
    expect(delivered).toEqual(['r1', 'r2', 'r3']);
    expect(logs.some((entry) => entry.message === 'stream records will be retried')).toBe(true);
  });

  it('sets a record aside as a dead letter once its retries are spent, and goes on with the rest', async () => {
    delivered.length = 0;
    failuresLeft.set('d2', 100);
    for (const id of ['d1', 'd2', 'd3']) await putCase(id);
    await streams.drained();
    expect(delivered).toEqual(['d1', 'd3']);
    expect(streams.deadLetters()).toEqual([expect.objectContaining({ consumer: 'testConsumer', eventName: 'INSERT', keys: { pk: { S: 'CASE#d2' }, sk: { S: 'CASE' } } })]);
  });

  it('holds records while disabled and delivers them once enabled', async () => {
    delivered.length = 0;
    streams.disable();
    await putCase('h1');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(delivered).toEqual([]);
    streams.enable();
    await streams.drained();
    expect(delivered).toEqual(['h1']);
  });

  it('goes on from where it stopped after a restart, without delivering anything twice', async () => {
    await streams.stop();
    delivered.length = 0;
    await putCase('after-restart');
    streams = await start();
    await streams.drained();
    expect(delivered).toEqual(['after-restart']);
  });
});
