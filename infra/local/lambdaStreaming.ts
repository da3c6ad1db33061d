/**
 * The local stand-in for what the Lambda Node.js runtime gives a response-
 * streaming handler: the global `awslambda` with `streamifyResponse` and
 * `HttpResponseStream.from`. The local gateway passes the handler a writable
 * response that takes the status and headers from `from(...)` and streams the
 * rest to the HTTP client with back-pressure (infra/local/httpGateway.ts).
 */
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { type LambdaStreamingGlobal, lambdaStreamingGlobal } from '../../functions/platform/streaming';

interface Prelude {
  statusCode: number;
  headers: Record<string, string>;
}

/** What a streaming handler writes to, locally: the HTTP response of the gateway. */
export class LocalResponseStream extends Writable {
  private prelude: Prelude | undefined;

  constructor(private readonly response: ServerResponse) {
    super();
    // A client that goes away stops the handler's stream (its next write fails).
    response.once('close', () => {
      if (!response.writableFinished) this.destroy(new Error('client closed the connection'));
    });
  }

  setPrelude(prelude: Prelude): void {
    this.prelude = prelude;
  }

  get statusCode(): number {
    return this.prelude?.statusCode ?? 200;
  }

  private head(): void {
    if (this.response.headersSent) return;
    this.response.writeHead(this.prelude?.statusCode ?? 200, this.prelude?.headers ?? {});
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.head();
    if (this.response.write(chunk)) callback();
    else this.response.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.head();
    this.response.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (error && !this.response.writableFinished) this.response.destroy(error);
    callback(error);
  }
}

export function installLambdaStreamingGlobal(): void {
  if (lambdaStreamingGlobal()) return;
  const stub: LambdaStreamingGlobal = {
    streamifyResponse: (handler) => handler,
    HttpResponseStream: {
      from(responseStream, prelude) {
        if (responseStream instanceof LocalResponseStream) responseStream.setPrelude(prelude);
        return responseStream;
      },
    },
  };
  // Added to whatever `awslambda` exists already (the SDK's invoke store keeps its state there).
  const holder = globalThis as unknown as { awslambda?: Record<string, unknown> };
  holder.awslambda = Object.assign(holder.awslambda ?? {}, stub);
}

installLambdaStreamingGlobal();
