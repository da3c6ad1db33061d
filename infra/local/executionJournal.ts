/**
 * Where the local Step Functions keeps its executions: in the case table,
 * so they survive a restart. Each execution has a record (status, input,
 * output, last checkpoint); running ones also have a marker in one partition
 * so start-up can find them with a Query, not a Scan.
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionCheckpoint {
  stateName: string;
  input: unknown;
  enteredAt: string;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  checkpoint?: ExecutionCheckpoint;
}

export interface ExecutionOutcome {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  output?: string;
  error?: string;
  cause?: string;
  stopDate?: string;
}

export interface ExecutionJournal {
  /** False if an execution of that name exists already. */
  create(record: ExecutionRecord): Promise<boolean>;
  get(name: string): Promise<ExecutionRecord | undefined>;
  checkpoint(name: string, checkpoint: ExecutionCheckpoint): Promise<void>;
  /** `stopDate` is platform time (the runtime's clock); without it, the system time. */
  finish(name: string, outcome: ExecutionOutcome): Promise<void>;
  listRunning(): Promise<ExecutionRecord[]>;
}

const RUNNING_PARTITION = 'LOCAL_SFN#RUNNING';
const recordKey = (name: string) => ({ pk: `LOCAL_SFN#EXECUTION#${name}`, sk: 'EXECUTION' });
const runningKey = (name: string) => ({ pk: RUNNING_PARTITION, sk: name });

export class DynamoExecutionJournal implements ExecutionJournal {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: ExecutionRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...recordKey(record.name), type: 'local-execution', ...record }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.tableName, Item: { ...runningKey(record.name), type: 'local-execution-running', name: record.name } } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'TransactionCanceledException') return false;
      throw error;
    }
  }

  async get(name: string): Promise<ExecutionRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: recordKey(name), ConsistentRead: true }));
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, ...record } = result.Item;
    return record as ExecutionRecord;
  }

  async checkpoint(name: string, checkpoint: ExecutionCheckpoint): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: recordKey(name),
        UpdateExpression: 'SET #checkpoint = :checkpoint',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#checkpoint': 'checkpoint', '#status': 'status' },
        ExpressionAttributeValues: { ':checkpoint': checkpoint, ':running': 'RUNNING' },
      }),
    );
  }

  async finish(name: string, outcome: ExecutionOutcome): Promise<void> {
    const values: Record<string, unknown> = { ':status': outcome.status, ':stopDate': outcome.stopDate ?? new Date().toISOString() };
    let update = 'SET #status = :status, stopDate = :stopDate';
    for (const field of ['output', 'error', 'cause'] as const) {
      if (outcome[field] !== undefined) {
        update += `, #${field} = :${field}`;
        values[`:${field}`] = outcome[field]!.slice(0, 200_000);
      }
    }
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: recordKey(name),
              UpdateExpression: update,
              ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(['output', 'error', 'cause'].filter((f) => values[`:${f}`] !== undefined).map((f) => [`#${f}`, f])) },
              ExpressionAttributeValues: values,
            },
          },
          { Delete: { TableName: this.tableName, Key: runningKey(name) } },
        ],
      }),
    );
  }

  async listRunning(): Promise<ExecutionRecord[]> {
    const names: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': RUNNING_PARTITION }, ExclusiveStartKey }),
      );
      for (const item of page.Items ?? []) names.push(String(item.name));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const records = await Promise.all(names.map((name) => this.get(name)));
    return records.filter((r): r is ExecutionRecord => r?.status === 'RUNNING');
  }
}

