/**
 * Hosts the platform's Lambda handlers in-process, as Lambda would: the same
 * handler files the CDK stack bundles, called with a JSON copy of the event
 * and a Lambda-like context. Handlers are loaded on first use.
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

export class LambdaHost {
  private readonly loaded = new Map<string, Promise<LambdaHandler>>();
  private running = 0;

  /** `extraFunctions` lets tests host functions of their own next to the platform's. */
  constructor(private readonly extraFunctions: Record<string, LambdaHandler> = {}) {}

  /** Invocations running now (the runtime is idle only when none is). */
  inFlight(): number {
    return this.running;
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
      handler = import(pathToFileURL(resolve(repoRoot, entry)).href).then((module: { handler?: LambdaHandler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
        return module.handler;
      });
      this.loaded.set(name, handler);
    }
    return handler;
  }

  /**
   * Invokes a response-streaming function (`invokeMode: 'stream'`) as Lambda's runtime does:
   * `handler(event, responseStream, context)`, the handler writing status, headers and body to the stream.
   */
  async invokeStreaming(name: string, event: unknown, responseStream: Writable, requestId: string = randomUUID()): Promise<void> {
    this.running += 1;
    try {
      const handler = (await this.load(name)) as unknown as ((event: unknown, stream: Writable, context: Context) => Promise<void>) & { [STREAMING_HANDLER]?: true };
      if (!handler[STREAMING_HANDLER]) throw new Error(`${name} is not a streaming handler`);
      await handler(JSON.parse(JSON.stringify(event ?? null)), responseStream, this.context(name, requestId));
    } finally {
      this.running -= 1;
    }
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
  async invoke(name: string, event: unknown, requestId: string = randomUUID()): Promise<unknown> {
    this.running += 1;
    try {
      const handler = await this.load(name);
      const result = await handler(JSON.parse(JSON.stringify(event ?? null)), this.context(name, requestId));
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } finally {
      this.running -= 1;
    }
  }
}

export function localLambdaArn(name: string): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
}

export function functionNameFromArn(arn: string): string | undefined {
  return /:function:([^:]+)/.exec(arn)?.[1];
}
