/**
 * Hosts the platform's Lambda handlers in-process, as Lambda would: the same
 * handler files the CDK stack bundles, called with a JSON copy of the event
 * and a Lambda-like context. Handlers are loaded on first use, or all at once by `loadAll()` (`npm start` does,
 * so that an orderly stop never needs the TypeScript compiler, whose process a terminal's Ctrl-C ends at once).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Writable } from 'node:stream';
import type { Context } from 'aws-lambda';
import { STREAMING_HANDLER } from '../../functions/platform/streaming';
import { type LambdaFunctionName, lambdaFunctions } from '../catalog';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Runs one invocation of `name`; the hosting layer's instrumentation (infra/local/metering.ts) wraps every invocation with it. */
export type InvocationObserver = <T>(name: string, run: () => Promise<T>) => Promise<T>;

/** A failure the hosting layer injects (the soak's fault runs): Lambda's own error, before the handler runs. */
export class InjectedInvokeError extends Error {
  override readonly name = 'Lambda.ServiceException';
}

/**
 * A handler's module could not be loaded (a syntax error, or the compiler gone because the process is stopping):
 * the hosting layer's failure, not the function's. The runtime pauses an execution that meets it instead of failing it.
 */
export class FunctionUnavailableError extends Error {
  override readonly name = 'FunctionUnavailable';
  constructor(
    readonly functionName: string,
    cause: unknown,
  ) {
    super(`function ${functionName} could not be loaded: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

export class LambdaHost {
  /** Set by infra/local/metering.ts (the cost bench); unset, invocations run as they are. */
  static observer: InvocationObserver | undefined;
  private readonly loaded = new Map<string, Promise<LambdaHandler>>();
  /** Invocations running now: the orderly stop waits for them before the emulators go. */
  private readonly running = new Set<Promise<unknown>>();
  /** Set by the runtime when faults are injected: whether this invocation of `name` fails as Lambda's service would. */
  failInvocation: ((name: string) => boolean) | undefined;

  private observed<T>(name: string, run: () => Promise<T>): Promise<T> {
    return LambdaHost.observer ? LambdaHost.observer(name, run) : run();
  }

  /** `extraFunctions` lets tests host functions of their own next to the platform's. */
  constructor(private readonly extraFunctions: Record<string, LambdaHandler> = {}) {}

  /** How many invocations are running. */
  inFlight(): number {
    return this.running.size;
  }

  /** Resolves once no invocation is running (those started meanwhile included). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track<T>(invocation: Promise<T>): Promise<T> {
    this.running.add(invocation);
    const forget = () => this.running.delete(invocation);
    invocation.then(forget, forget);
    return invocation;
  }

  has(name: string): boolean {
    return Object.hasOwn(lambdaFunctions, name) || Object.hasOwn(this.extraFunctions, name);
  }

  private load(name: string): Promise<LambdaHandler> {
    const extra = this.extraFunctions[name];
    if (extra) return Promise.resolve(extra);
    if (!Object.hasOwn(lambdaFunctions, name)) return Promise.reject(new Error(`no function named ${name}`));
    let handler = this.loaded.get(name);
    if (!handler) {
      const { entry } = lambdaFunctions[name as LambdaFunctionName];
      handler = import(pathToFileURL(resolve(repoRoot, entry)).href).then(
        (module: { handler?: LambdaHandler }) => {
          if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
          return module.handler;
        },
        (error: unknown) => {
          // Not remembered: the next invocation tries again (after a restart, with the compiler back).
          this.loaded.delete(name);
          throw new FunctionUnavailableError(name, error);
        },
      );
      this.loaded.set(name, handler);
    }
    return handler;
  }

  /** Loads every handler of the catalog now (`npm start`), one after another, so that later invocations compile nothing. */
  async loadAll(): Promise<void> {
    for (const name of Object.keys(lambdaFunctions)) await this.load(name);
  }

  /**
   * Invokes a response-streaming function (`invokeMode: 'stream'`) as Lambda's runtime does:
   * `handler(event, responseStream, context)`, the handler writing status, headers and body to the stream.
   */
  invokeStreaming(name: string, event: unknown, responseStream: Writable, requestId: string = randomUUID()): Promise<void> {
    return this.track(this.runStreaming(name, event, responseStream, requestId));
  }

  private async runStreaming(name: string, event: unknown, responseStream: Writable, requestId: string): Promise<void> {
    const handler = (await this.load(name)) as unknown as ((event: unknown, stream: Writable, context: Context) => Promise<void>) & { [STREAMING_HANDLER]?: true };
    if (!handler[STREAMING_HANDLER]) throw new Error(`${name} is not a streaming handler`);
    await this.observed(name, () => handler(JSON.parse(JSON.stringify(event ?? null)), responseStream, this.context(name, requestId)));
  }

  private context(name: string, requestId: string): Context {
    const spec = lambdaFunctions[name as LambdaFunctionName] ?? { timeoutSeconds: 60, memoryMb: 128 };
    const deadline = Date.now() + spec.timeoutSeconds * 1000;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: localLambdaArn(name),
      memoryLimitInMB: String(spec.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }

  /** Invokes a function; like Lambda, the event crosses a JSON boundary and errors keep their name (the ASL error type). */
  invoke(name: string, event: unknown, requestId: string = randomUUID()): Promise<unknown> {
    return this.track(this.run(name, event, requestId));
  }

  private async run(name: string, event: unknown, requestId: string): Promise<unknown> {
    if (this.failInvocation?.(name)) throw new InjectedInvokeError(`injected fault: ${name} was not invoked`);
    const handler = await this.load(name);
    const result = await this.observed(name, () => handler(JSON.parse(JSON.stringify(event ?? null)), this.context(name, requestId)));
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  }
}

export function localLambdaArn(name: string): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
}

export function functionNameFromArn(arn: string): string | undefined {
  return /:function:([^:]+)/.exec(arn)?.[1];
}
