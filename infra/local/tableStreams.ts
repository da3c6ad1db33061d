/**
 * The local stand-in for Lambda's DynamoDB event source mappings: for each
 * catalog entry with `tableStream`, a poller reads the case table's stream in
 * DynamoDB Local (through the ordinary DynamoDB Streams API), keeps the
 * records that match the entry's filter, and invokes the handler with
 * batches in the shape Lambda gives it. As in AWS: records of a shard are
 * delivered in order; a failed record (thrown error or `batchItemFailures`)
 * is retried, with backoff, from that record on, up to `retryAttempts` times,
 * then set aside as a dead letter (logged at ERROR) and the shard moves on.
 *
 * Each consumer's position is its own, kept in memory and, when the runtime
 * has a data folder, in `stream-positions.json` there, so a restart goes on
 * from where it stopped; without one it starts from the oldest record
 * (consumers are idempotent, so records seen before are harmless).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, ExpiredIteratorException, GetRecordsCommand, GetShardIteratorCommand, type _Record, type Shard, TrimmedDataAccessException } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { lambdaFunctions, type LambdaFunctionName, type LambdaSpec, type TableStreamFilter } from '../catalog';
import type { LambdaHost } from './lambdaHost';
import type { PlatformClock } from './platformClock';

/** How often an idle shard is read again (Lambda polls a shard about four times a second). */
const IDLE_POLL_MS = 100;
/** How often the shard list is read again, to pick up shards DynamoDB Local opens over time. */
const SHARD_REFRESH_MS = 5_000;
/** Backoff between retries of a failed record: doubling from the first, capped. */
const RETRY_BASE_MS = 200;
const RETRY_MAX_MS = 10_000;

export interface DeadLetter {
  consumer: string;
  sequenceNumber: string;
  eventName: string;
  keys: unknown;
  error: string;
}

export interface LocalTableStreams {
  /** The consumers' names (catalog entries with `tableStream`). */
  names: string[];
  /** Like `UpdateEventSourceMapping Enabled=false`: records wait in the stream until `enable()`. */
  disable(): void;
  enable(): void;
  /** Resolves once every enabled consumer has read its shards to the end, after this call, with nothing in flight. */
  drained(): Promise<void>;
  /** Records that failed every retry (Lambda would send them to the on-failure destination). */
  deadLetters(): DeadLetter[];
  stop(): Promise<void>;
}

export interface TableStreamsOptions {
  endpoint: string;
  tableName: string;
  lambdas: LambdaHost;
  log: (entry: Record<string, unknown>) => void;
  dataDir?: string;
  /** Retry backoff follows the runtime's clock (divided when compressed, a token pause when simulated). */
  clock?: Pick<PlatformClock, 'realDuration'>;
  /** Consumers other than the catalog's (tests of the poller itself, with functions the LambdaHost was given). */
  consumers?: [string, Pick<LambdaSpec, 'tableStream'>][];
}

/** DynamoDB sequence numbers are decimal strings of varying length. */
export function sequenceAfter(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

export function matchesFilter(record: Pick<_Record, 'eventName' | 'dynamodb'>, filter: TableStreamFilter): boolean {
  if (!record.eventName || !filter.eventNames.includes(record.eventName)) return false;
  const image = record.dynamodb?.NewImage ?? {};
  return Object.entries(filter.newImage).every(([attribute, accepted]) => {
    const value = image[attribute]?.S;
    return value !== undefined && accepted.includes(value);
  });
}

/** A stream record as Lambda hands it to a function (times in epoch seconds, the stream's ARN). */
export function lambdaStreamRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'us-east-1',
    eventSourceARN: streamArn,
    dynamodb: JSON.parse(JSON.stringify({ ...dynamodb, ...(ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) } : {}) })),
  } as DynamoDBRecord;
}

class PositionFile {
  private readonly positions: Record<string, Record<string, string>>;

  constructor(private readonly path: string | undefined, private readonly streamArn: string) {
    let stored: { streamArn?: string; positions?: Record<string, Record<string, string>> } = {};
    if (path && existsSync(path)) {
      try {
        stored = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        stored = {};
      }
    }
    // Positions in another stream (the table was re-created) mean nothing here.
    this.positions = stored.streamArn === streamArn ? (stored.positions ?? {}) : {};
  }

  get(consumer: string, shardId: string): string | undefined {
    return this.positions[consumer]?.[shardId];
  }

  set(consumer: string, shardId: string, sequenceNumber: string): void {
    (this.positions[consumer] ??= {})[shardId] = sequenceNumber;
    if (!this.path) return;
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify({ streamArn: this.streamArn, positions: this.positions }));
    renameSync(temporary, this.path);
  }
}

export async function startTableStreams(options: TableStreamsOptions): Promise<LocalTableStreams> {
  const config = { endpoint: options.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const table = (await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }))).Table;
  dynamo.destroy();
  const latestStreamArn = table?.LatestStreamArn;
  if (!latestStreamArn) throw new Error(`table ${options.tableName} has no stream: infra/local/caseTable.ts enables it`);
  const streamArn: string = latestStreamArn;
  const positions = new PositionFile(options.dataDir ? join(options.dataDir, 'stream-positions.json') : undefined, streamArn);
  // A retry waits its backoff in platform time; simulated time does not pass while a batch is in flight, so there a token pause.
  const backoffMs = (platformMs: number) => (options.clock ? Math.max(options.clock.realDuration(platformMs), 1) : platformMs);
  const consumers = options.consumers ?? (Object.entries(lambdaFunctions) as [LambdaFunctionName, LambdaSpec][]).filter(([, spec]) => spec.tableStream);

  let stopped = false;
  let enabled = true;
  const deadLetters: DeadLetter[] = [];
  const sleepers = new Set<() => void>();
  /** Consumers resting between empty polls: `drained()` wakes them to read again at once. */
  const idlePollers = new Set<() => void>();
  const sleep = (ms: number, idlePoll = false) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        idlePollers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
      if (idlePoll) idlePollers.add(wake);
    });
  /** The last round of each consumer that found every shard read to the end with nothing in flight. */
  const caughtUp = new Map<string, number>();
  const roundsStarted = new Map<string, number>();

  async function listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(exclusiveStartShardId ? { ExclusiveStartShardId: exclusiveStartShardId } : {}) }));
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  async function deliver(name: string, spec: Pick<LambdaSpec, 'tableStream'>, batch: _Record[]): Promise<void> {
    const settings = spec.tableStream!;
    const retryAttempts = settings.retryAttempts;
    let pending = batch;
    for (let attempt = 0; pending.length > 0 && !stopped; attempt++) {
      let failedFrom: number;
      let reason: string;
      try {
        const response = (await options.lambdas.invoke(name, { Records: pending.map((r) => lambdaStreamRecord(r, streamArn)) }, randomUUID())) as DynamoDBBatchResponse | null;
        const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        failedFrom = pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
        reason = 'reported as failed by the handler';
      } catch (error) {
        failedFrom = 0;
        reason = (error as Error).message;
      }
      if (failedFrom < 0) return;
      pending = pending.slice(failedFrom);
      if (attempt >= retryAttempts) {
        const first = pending[0]!;
        deadLetters.push({ consumer: name, sequenceNumber: first.dynamodb?.SequenceNumber ?? '', eventName: first.eventName ?? '', keys: first.dynamodb?.Keys, error: reason });
        options.log({ level: 'ERROR', message: 'stream record sent to the dead-letter list after every retry failed', consumer: name, sequence: first.dynamodb?.SequenceNumber, attempts: attempt + 1, error: reason });
        // Lambda sets aside the failing record and goes on with the rest of the shard.
        pending = pending.slice(1);
        attempt = -1;
        continue;
      }
      options.log({ level: 'WARN', message: 'stream records will be retried', consumer: name, records: pending.length, attempt: attempt + 1, error: reason });
      await sleep(backoffMs(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt)));
    }
  }

  /** One consumer: reads every shard, in order, forever. */
  async function consume(name: string, spec: Pick<LambdaSpec, 'tableStream'>): Promise<void> {
    const settings = spec.tableStream!;
    const iterators = new Map<string, string | null>();
    let shardsReadAt = 0;
    while (!stopped) {
      if (!enabled) {
        await sleep(IDLE_POLL_MS);
        continue;
      }
      // Numbered when it starts: `drained()` waits for an empty round that started after it was called.
      const round = (roundsStarted.get(name) ?? 0) + 1;
      roundsStarted.set(name, round);
      try {
        if (Date.now() - shardsReadAt > SHARD_REFRESH_MS) {
          for (const shard of await listShards()) {
            if (iterators.has(shard.ShardId!)) continue;
            const after = positions.get(name, shard.ShardId!);
            const iterator = await streams.send(
              new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }) }),
            );
            iterators.set(shard.ShardId!, iterator.ShardIterator ?? null);
          }
          shardsReadAt = Date.now();
        }
        let found = 0;
        for (const [shardId, iterator] of iterators) {
          if (!iterator || stopped || !enabled) continue;
          let result;
          try {
            result = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
          } catch (error) {
            if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
              iterators.delete(shardId);
              shardsReadAt = 0;
              continue;
            }
            throw error;
          }
          const records = result.Records ?? [];
          found += records.length;
          const matching = records.filter((record) => matchesFilter(record, settings.filter));
          for (let start = 0; start < matching.length && !stopped; start += settings.batchSize) {
            await deliver(name, spec, matching.slice(start, start + settings.batchSize));
          }
          if (stopped) return;
          const last = records.at(-1)?.dynamodb?.SequenceNumber;
          if (last) positions.set(name, shardId, last);
          iterators.set(shardId, result.NextShardIterator ?? null);
          // A closed shard: its child shard holds the next records; look for it now rather than at the next refresh.
          if (!result.NextShardIterator) shardsReadAt = 0;
        }
        if (found === 0) {
          caughtUp.set(name, round);
          await sleep(IDLE_POLL_MS, true);
        }
      } catch (error) {
        if (stopped) return;
        options.log({ level: 'ERROR', message: 'reading the table stream failed; trying again', consumer: name, error: (error as Error).message });
        await sleep(1000);
      }
    }
  }

  const loops = consumers.map(([name, spec]) => consume(name, spec));
  options.log({ message: 'table stream consumers started', consumers: consumers.map(([name]) => name) });

  return {
    names: consumers.map(([name]) => name),
    disable() {
      enabled = false;
    },
    enable() {
      enabled = true;
      for (const wake of [...sleepers]) wake();
    },
    async drained() {
      // An empty round that started after the call (one under way may have read a shard before a write that preceded
      // the call). Resting pollers read again now rather than at their next poll: settling (and simulated time) waits for this.
      const since = new Map(consumers.map(([name]) => [name, roundsStarted.get(name) ?? 0]));
      while (!stopped && enabled && consumers.some(([name]) => (caughtUp.get(name) ?? 0) <= since.get(name)!)) {
        for (const wake of [...idlePollers]) wake();
        await new Promise((r) => setTimeout(r, 1));
      }
    },
    deadLetters: () => [...deadLetters],
    async stop() {
      stopped = true;
      for (const wake of [...sleepers]) wake();
      await Promise.allSettled(loops);
      streams.destroy();
    },
  };
}
