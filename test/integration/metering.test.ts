/**
 * The local runtime's meter (infra/local/metering.ts) against DynamoDB Local: one middleware on every SDK client
 * asks for the consumed capacity of each call and attributes it, table and indexes apart, to the function whose
 * invocation made it; calls outside any invocation are kept apart; log lines are counted (and kept off stdout).
 */
import { randomBytes } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureCaseTable } from '../../infra/local/caseTable';
import { LambdaHost } from '../../infra/local/lambdaHost';
import { Meter, OUTSIDE } from '../../infra/local/metering';

const endpoint = inject('dynamoDbEndpoint');
const tableName = `Metering_${randomBytes(6).toString('hex')}`;
const clientConfig = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const meter = new Meter({ quiet: true }).install();
// Made before any invocation, as a handler's module-level client would be.
const doc = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig));

const host = new LambdaHost({
  // Writes a case-like item carrying one index's keys (about 2 KB), then reads it back, and logs two lines.
  writeAndRead: async () => {
    await doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'CASE#1', sk: 'CASE', gsi1pk: 'ESTATE#E', gsi1sk: '2026#1', text: 'x'.repeat(1500) } }));
    await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'CASE#1', sk: 'CASE' }, ConsistentRead: true }));
    process.stdout.write('{"level":"INFO","message":"one"}\n{"level":"INFO","message":"two"}\n');
    return 'ok';
  },
  // A transaction of two small items, and a call that reports no capacity (counted by operation).
  transact: async () => {
    const own = new DynamoDBClient(clientConfig);
    await DynamoDBDocumentClient.from(own).send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: tableName, Item: { pk: 'A', sk: 'A' } } }, { Put: { TableName: tableName, Item: { pk: 'B', sk: 'B' } } }] }));
    await own.send(new DescribeTableCommand({ TableName: tableName }));
    own.destroy();
    return 'ok';
  },
});

beforeAll(async () => {
  const admin = new DynamoDBClient(clientConfig);
  await ensureCaseTable(admin, tableName);
  admin.destroy();
});
afterAll(() => doc.destroy());

describe('the meter', () => {
  it('attributes consumed capacity to the invoking function, table and index apart, with its duration and log bytes', async () => {
    meter.reset();
    expect(await host.invoke('writeAndRead', {})).toBe('ok');

    const usage = meter.read().functions.writeAndRead!;
    expect(usage.invocations).toBe(1);
    expect(usage.billedMs).toBeGreaterThanOrEqual(1);
    // A 2 KB put: 2 WRU on the table and 2 on the one index it is in; the consistent get 1 RRU.
    expect(usage.dynamodb.table).toEqual({ read: 1, write: 2 });
    expect(usage.dynamodb.indexes).toEqual({ byEstateReceived: { read: 0, write: 2 } });
    expect(usage.dynamodb).toMatchObject({ calls: 2, callsWithoutCapacity: 0 });
    expect(usage.logEvents).toBe(2);
    expect(usage.logBytes).toBe(Buffer.byteLength('{"level":"INFO","message":"one"}\n{"level":"INFO","message":"two"}\n'));
  });

  it('meters clients made inside a handler too, counts transactional writes as DynamoDB reports them, and other calls by operation', async () => {
    meter.reset();
    await host.invoke('transact', {});

    const usage = meter.read().functions.transact!;
    // As DynamoDB Local reports it: 2 WRU for two tiny items in one transaction, where DynamoDB charges 2 WRU per item
    // (4). Larger items are doubled (a 3 KB item in a transaction: 6). docs/BENCHMARKS.md states this under-count.
    expect(usage.dynamodb.table.write).toBe(2);
    expect(usage.calls).toEqual({ 'DynamoDB.DescribeTable': 1 });
  });

  it('keeps calls made outside any invocation apart, and prints what is written outside', async () => {
    meter.reset();
    await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'CASE#1', sk: 'CASE' } }));

    const reading = meter.read();
    expect(Object.keys(reading.functions)).toEqual([OUTSIDE]);
    expect(reading.functions[OUTSIDE]!.dynamodb.table.read).toBe(0.5);
  });
});
