/**
 * The Lambda Invoke API on a loopback port, backed by the local Lambda host:
 * handlers start functions with Lambda's Invoke operation (functions/platform/
 * exportJobs.ts; any Lambda client works too), pointed here by
 * `AWS_ENDPOINT_URL_LAMBDA`. `InvocationType: Event` answers 202 at
 * once and runs the handler in the background, as Lambda's asynchronous
 * invocation does (without Lambda's automatic retries); `RequestResponse`
 * runs it and answers with its result; `DryRun` only checks the function exists.
 * Stopping waits for the background runs to end.
 */
import { createServer, type Server } from 'node:http';
import { functionNameFromArn, type LambdaHost } from './lambdaHost';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export interface LocalLambdaApi {
  endpoint: string;
  /** Waits until no asynchronous invocation is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLambdaApi(options: { lambdas: LambdaHost; port: number; log: (entry: Record<string, unknown>) => void }): Promise<LocalLambdaApi> {
  const running = new Set<Promise<void>>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const error = (status: number, type: string, message: string) => reply(status, { Type: 'User', message }, { 'x-amzn-errortype': type });
      const match = INVOKE_PATH.exec(new URL(request.url ?? '/', 'http://localhost').pathname);
      if (request.method !== 'POST' || !match) return error(404, 'UnknownOperationException', `${request.method} ${request.url} is not supported by the local runtime`);
      const requested = decodeURIComponent(match[1]!);
      const name = requested.startsWith('arn:') ? (functionNameFromArn(requested) ?? requested) : requested;
      if (!options.lambdas.has(name)) return error(404, 'ResourceNotFoundException', `Function not found: ${requested}`);
      let payload: unknown;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        payload = text === '' ? null : JSON.parse(text);
      } catch {
        return error(400, 'InvalidRequestContentException', 'Could not parse request body into json');
      }
      const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
      if (invocationType === 'DryRun') return reply(204);
      if (invocationType === 'Event') {
        const started = Date.now();
        const run = options.lambdas
          .invoke(name, payload)
          .then(() => options.log({ message: 'async invocation finished', function: name, ms: Date.now() - started }))
          .catch((failure: Error) => options.log({ level: 'ERROR', message: 'async invocation failed', function: name, error: failure.message }))
          .finally(() => running.delete(run));
        running.add(run);
        return reply(202);
      }
      if (invocationType !== 'RequestResponse') return error(400, 'InvalidParameterValueException', `unknown invocation type ${invocationType}`);
      try {
        reply(200, await options.lambdas.invoke(name, payload), { 'x-amz-executed-version': '$LATEST' });
      } catch (failure) {
        reply(200, { errorType: (failure as Error).name, errorMessage: (failure as Error).message }, { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    idle,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await idle();
    },
  };
}
