/**
 * Metering of the local runtime's hosting layer (the cost bench, bench/cost.ts):
 * what a workload would be billed for in AWS, counted where the handlers are
 * hosted, never in the handlers.
 *
 * - Lambda: every invocation through the LambdaHost (HTTP, workflow steps,
 *   stream consumers, asynchronous and scheduled), with its measured duration.
 * - One middleware on every AWS SDK client of the process (it is added to each
 *   client's middleware stack on its first `send`, through the SDK's shared
 *   client base class): DynamoDB calls ask for `ReturnConsumedCapacity:
 *   INDEXES` and the reported read and write units are summed, table and
 *   indexes apart; every other call (DynamoDB Streams, SES, Step Functions,
 *   S3, Lambda) is counted by operation.
 * - CloudWatch Logs: the bytes each function writes to stdout (the JSON log
 *   lines Lambda would ship), counted and, when `quiet`, not printed.
 *
 * Usage is attributed to the function whose invocation made it (an
 * AsyncLocalStorage scope opened around each invocation); calls made outside
 * any invocation (the local Step Functions journal, the stream pollers, a
 * bench's own reads) are kept apart under `OUTSIDE`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaHost } from './lambdaHost';

/** Usage not made by any function: the local runtime's own machinery, or the caller's. */
export const OUTSIDE = '(outside any function)';

/** DynamoDB operations that accept ReturnConsumedCapacity. */
const CAPACITY_OPERATIONS = new Set([
  'GetItemCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'QueryCommand', 'ScanCommand',
  'BatchGetItemCommand', 'BatchWriteItemCommand', 'TransactGetItemsCommand', 'TransactWriteItemsCommand',
  'ExecuteStatementCommand', 'BatchExecuteStatementCommand', 'ExecuteTransactionCommand',
]);
const READ_OPERATIONS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand', 'ExecuteStatementCommand', 'BatchExecuteStatementCommand']);

export interface CapacityUnits {
  read: number;
  write: number;
}

export interface FunctionUsage {
  invocations: number;
  /** Sum of each invocation's wall-clock duration. */
  durationMs: number;
  /** Sum of each invocation's duration rounded up to the millisecond, as Lambda bills. */
  billedMs: number;
  /** JSON log lines the function wrote, and their bytes. */
  logEvents: number;
  logBytes: number;
  /** DynamoDB capacity the function's calls consumed: base table, and each index. */
  dynamodb: { table: CapacityUnits; indexes: Record<string, CapacityUnits>; calls: number; callsWithoutCapacity: number };
  /** Other AWS calls, `<client>.<operation>` → count. */
  calls: Record<string, number>;
}

export interface MeterReading {
  functions: Record<string, FunctionUsage>;
}

const emptyUsage = (): FunctionUsage => ({
  invocations: 0,
  durationMs: 0,
  billedMs: 0,
  logEvents: 0,
  logBytes: 0,
  dynamodb: { table: { read: 0, write: 0 }, indexes: {}, calls: 0, callsWithoutCapacity: 0 },
  calls: {},
});

interface ConsumedCapacity {
  TableName?: string;
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }>;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }>;
}

/** Units of one part of a ConsumedCapacity: read and write where reported apart, else all as the operation's kind. */
function unitsOf(part: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined, isRead: boolean): CapacityUnits {
  if (!part) return { read: 0, write: 0 };
  if (part.ReadCapacityUnits !== undefined || part.WriteCapacityUnits !== undefined) return { read: part.ReadCapacityUnits ?? 0, write: part.WriteCapacityUnits ?? 0 };
  const units = part.CapacityUnits ?? 0;
  return isRead ? { read: units, write: 0 } : { read: 0, write: units };
}

export class Meter {
  private readonly scope = new AsyncLocalStorage<{ functionName: string }>();
  private usage = new Map<string, FunctionUsage>();
  private installed = false;

  /** `quiet`: log lines written inside invocations are counted but not printed. */
  constructor(private readonly options: { quiet: boolean }) {}

  private of(name: string): FunctionUsage {
    let usage = this.usage.get(name);
    if (!usage) this.usage.set(name, (usage = emptyUsage()));
    return usage;
  }

  private current(): FunctionUsage {
    return this.of(this.scope.getStore()?.functionName ?? OUTSIDE);
  }

  /**
   * Starts metering this process: every LambdaHost invocation, every SDK client, stdout. Once per process; the
   * runtime must not have started yet (clients made before still get the middleware on their next call).
   */
  install(): this {
    if (this.installed) return this;
    this.installed = true;
    LambdaHost.observer = (name, run) => this.invocation(name, run);
    this.meterSdkClients();
    this.meterStdout();
    return this;
  }

  private async invocation<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await this.scope.run({ functionName: name }, run);
    } finally {
      const ms = performance.now() - started;
      const usage = this.of(name);
      usage.invocations += 1;
      usage.durationMs += ms;
      usage.billedMs += Math.max(1, Math.ceil(ms));
    }
  }

  /**
   * The one middleware, on every client: all SDK clients share the base class whose `send` runs a command through
   * the client's middleware stack, so wrapping that `send` reaches every client, made by a handler or not. The
   * document client shares its DynamoDB client's stack, so it is metered once.
   */
  private meterSdkClients(): void {
    const clientBase = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: (...args: unknown[]) => unknown };
    const metered = new WeakSet<object>();
    const meter = this;
    const originalSend = clientBase.send;
    clientBase.send = function (this: { middlewareStack: { add: (middleware: unknown, options: unknown) => void } }, ...args: unknown[]) {
      if (!metered.has(this.middlewareStack)) {
        metered.add(this.middlewareStack);
        this.middlewareStack.add(meter.middleware(), { step: 'initialize', priority: 'high', name: 'localRuntimeMeter' });
      }
      return originalSend.apply(this, args);
    };
  }

  private middleware() {
    return (next: (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>, context: { clientName?: string; commandName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        const usage = this.current();
        const client = (context.clientName ?? 'UnknownClient').replace(/Client$/, '');
        const operation = context.commandName ?? 'UnknownCommand';
        if (client !== 'DynamoDB' || !CAPACITY_OPERATIONS.has(operation)) {
          const key = `${client}.${operation.replace(/Command$/, '')}`;
          usage.calls[key] = (usage.calls[key] ?? 0) + 1;
          return next(args);
        }
        const result = await next({ ...args, input: { ...args.input, ReturnConsumedCapacity: 'INDEXES' } });
        const consumed = result.output.ConsumedCapacity as ConsumedCapacity | ConsumedCapacity[] | undefined;
        usage.dynamodb.calls += 1;
        if (!consumed || (Array.isArray(consumed) && consumed.length === 0)) usage.dynamodb.callsWithoutCapacity += 1;
        const isRead = READ_OPERATIONS.has(operation);
        for (const part of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
          // The table's own share where reported; else the total (then there is no index share either).
          const table = part.Table ? unitsOf(part.Table, isRead) : unitsOf(part, isRead);
          usage.dynamodb.table.read += table.read;
          usage.dynamodb.table.write += table.write;
          for (const [index, units] of Object.entries({ ...part.GlobalSecondaryIndexes, ...part.LocalSecondaryIndexes })) {
            const counted = unitsOf(units, isRead);
            const total = (usage.dynamodb.indexes[index] ??= { read: 0, write: 0 });
            total.read += counted.read;
            total.write += counted.write;
          }
        }
        return result;
      };
  }

  private meterStdout(): void {
    const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
      const name = this.scope.getStore()?.functionName;
      if (name === undefined) return write(chunk, ...rest);
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      const usage = this.of(name);
      usage.logBytes += Buffer.byteLength(text, 'utf8');
      usage.logEvents += text.split('\n').filter((line) => line.length > 0).length;
      if (!this.options.quiet) return write(chunk, ...rest);
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  }

  /** A copy of the usage so far. */
  read(): MeterReading {
    return { functions: Object.fromEntries([...this.usage].map(([name, usage]) => [name, structuredClone(usage)])) };
  }

  /** Starts counting from zero. */
  reset(): void {
    this.usage = new Map();
  }
}
