/**
 * A hash-chained ledger kept in the case table (the admin ledger, the mail desk's): sealed entries under one
 * partition and a head item naming the last. Appending is one transaction: the entry (create-only), the head
 * (still at the seq the entry was sealed on) and the caller's own writes. Another append that got in first is
 * retried on the new head; a failed condition of the caller's writes is the caller's conflict.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { GENESIS_HASH } from '../domain/auditTrail';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

type Key = { pk: string; sk: string };
export interface LedgerHead {
  seq: number;
  hash: string;
}

export interface ChainedLedger<Draft, Entry extends LedgerHead & { at: string }> {
  entryKey: (seq: number) => Key;
  headKey: Key;
  /** The items' `type` attributes. */
  entryType: string;
  headType: string;
  seal: (draft: Draft, head: LedgerHead) => Entry;
}

export async function readLedgerHead(doc: DynamoDBDocumentClient, tableName: string, headKey: Key): Promise<LedgerHead> {
  const result = await doc.send(new GetCommand({ TableName: tableName, Key: headKey, ConsistentRead: true }));
  return result.Item ? { seq: Number(result.Item.seq), hash: String(result.Item.hash) } : { seq: 0, hash: GENESIS_HASH };
}

export async function appendToLedger<Draft, Entry extends LedgerHead & { at: string }>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  ledger: ChainedLedger<Draft, Entry>,
  draft: Draft,
  writes: TransactItem[],
  /** `failedWrite`: the index in `writes` of the first write whose condition failed. */
  writeConflict: (failedWrite: number) => Error,
): Promise<Entry> {
  for (let attempt = 1; ; attempt += 1) {
    const head = await readLedgerHead(doc, tableName, ledger.headKey);
    const entry = ledger.seal(draft, head);
    try {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: { ...ledger.entryKey(entry.seq), type: ledger.entryType, ...entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: tableName,
                Item: { ...ledger.headKey, type: ledger.headType, seq: entry.seq, hash: entry.hash, at: entry.at },
                ...(head.seq === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'seq = :previous', ExpressionAttributeValues: { ':previous': head.seq } }),
              },
            },
            ...writes,
          ],
        }),
      );
      return entry;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failedWrite = reasons.slice(2).findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failedWrite >= 0) throw writeConflict(failedWrite);
      const headMoved = reasons.slice(0, 2).some((reason) => reason.Code === 'ConditionalCheckFailed');
      if (!headMoved || attempt >= 8) throw error;
    }
  }
}
