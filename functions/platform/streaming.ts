/**
 * HTTP endpoints whose body is streamed (Lambda response streaming): the
 * compliance export, which has no row cap and must run in constant memory.
 *
 * The handler returns either an ordinary result (errors, small answers) or a
 * status, headers and an async iterable of chunks. Nothing is sent until the
 * first chunk exists, so a failure before it is still a proper JSON error; a
 * failure after it aborts the stream (the client sees a truncated body, which
 * the export's trailing manifest makes evident).
 *
 * In AWS the Node.js runtime provides the global `awslambda`
 * (`streamifyResponse`, `HttpResponseStream.from`); the local runtime installs
 * a stand-in with the same two functions (infra/local/lambdaStreaming.ts).
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Context } from 'aws-lambda';
import { HttpError, type HttpEvent, type HttpResult, SECURITY_HEADERS } from './http';
import { logger } from './logger';

export interface StreamedResult {
  statusCode: number;
  headers: Record<string, string>;
  stream: AsyncIterable<string | Buffer>;
}

interface ResponsePrelude {
  statusCode: number;
  headers: Record<string, string>;
}

export interface LambdaStreamingGlobal {
  streamifyResponse(handler: (event: unknown, responseStream: Writable, context: Context) => Promise<void>): unknown;
  HttpResponseStream: { from(responseStream: Writable, prelude: ResponsePrelude): Writable };
}

/** The runtime's `awslambda` global (absent outside Lambda until the local runtime installs its stand-in). */
export const lambdaStreamingGlobal = (): LambdaStreamingGlobal | undefined => {
  const runtime = (globalThis as unknown as { awslambda?: Partial<LambdaStreamingGlobal> }).awslambda;
  // Other libraries (the SDK's invoke store) create `awslambda` too, without the streaming functions.
  return typeof runtime?.streamifyResponse === 'function' && runtime.HttpResponseStream ? (runtime as LambdaStreamingGlobal) : undefined;
};

/** Marks a handler as streaming for the local Lambda host. */
export const STREAMING_HANDLER = Symbol.for('complaint-platform.streaming-handler');

const BASE_HEADERS = { 'cache-control': 'no-store', ...SECURITY_HEADERS };

function errorPrelude(error: unknown): { prelude: ResponsePrelude; body: string } {
  const httpError = error instanceof HttpError ? error : new HttpError(500, 'internal_error', 'something went wrong on our side; please try again');
  return {
    prelude: { statusCode: httpError.statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...BASE_HEADERS, ...httpError.headers } },
    body: JSON.stringify({ error: { code: httpError.code, message: httpError.message, ...(httpError.fields ? { fields: httpError.fields } : {}) } }),
  };
}

export function streamingHttpEndpoint(name: string, handler: (event: HttpEvent, context: Context) => Promise<HttpResult | StreamedResult>) {
  const run = async (rawEvent: unknown, responseStream: Writable, context: Context): Promise<void> => {
    const event = rawEvent as HttpEvent;
    const lambda = lambdaStreamingGlobal();
    if (!lambda) throw new Error('response streaming is not available in this host');
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    logger.appendKeys({ requestId, endpoint: name });
    const sendWhole = async (prelude: ResponsePrelude, body: string) => {
      const out = lambda.HttpResponseStream.from(responseStream, prelude);
      await new Promise<void>((resolve) => out.end(body, () => resolve()));
    };
    try {
      let result: HttpResult | StreamedResult;
      try {
        result = await handler(event, context);
      } catch (error) {
        if (!(error instanceof HttpError)) logger.error('request failed', { error: error as Error });
        else logger.info('request refused', { statusCode: error.statusCode, code: error.code });
        const { prelude, body } = errorPrelude(error);
        return await sendWhole(prelude, body);
      }
      if (!('stream' in result)) {
        const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
        return await sendWhole({ statusCode: result.statusCode ?? 200, headers }, result.body ?? '');
      }
      const iterator = result.stream[Symbol.asyncIterator]();
      let first: IteratorResult<string | Buffer>;
      try {
        first = await iterator.next();
      } catch (error) {
        const { prelude, body } = errorPrelude(error);
        return await sendWhole(prelude, body);
      }
      const out = lambda.HttpResponseStream.from(responseStream, { statusCode: result.statusCode, headers: { ...BASE_HEADERS, ...result.headers } });
      async function* rest() {
        if (!first.done) yield first.value;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      }
      try {
        await pipeline(Readable.from(rest(), { objectMode: false }), out);
        logger.info('request streamed', { statusCode: result.statusCode });
      } catch (error) {
        // Headers are gone: all we can do is cut the stream, which the client sees as an incomplete body.
        logger.error('stream aborted', { error: error as Error });
        await iterator.return?.();
      }
    } finally {
      logger.removeKeys(['requestId', 'endpoint']);
    }
  };
  const runtime = lambdaStreamingGlobal();
  const wrapped = (runtime ? runtime.streamifyResponse(run) : run) as typeof run & { [STREAMING_HANDLER]?: true };
  wrapped[STREAMING_HANDLER] = true;
  return wrapped;
}
