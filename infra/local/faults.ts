/**
 * Faults injected into the local runtime's hosting layer, never into handlers
 * (the soak's fault run, `npm run soak`): set `LOCAL_FAULTS` to JSON, e.g.
 * `{"mailRefusalRate":0.2,"taskFailureRate":0.1,"dynamoThrottleRate":0.05}`.
 *
 * - mail: the mailbox answers a share of SendEmail calls 503 (infra/local/mailbox.ts);
 * - tasks: a share of task invocations (functions/tasks/) fail with Lambda's own
 *   `Lambda.ServiceException` before the handler runs (infra/local/lambdaHost.ts);
 * - DynamoDB: handlers reach DynamoDB Local through a proxy that answers a share
 *   of writes `ProvisionedThroughputExceededException`, as a throttled table would.
 */
import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import { lambdaFunctions, type LambdaFunctionName } from '../catalog';

export interface LocalFaults {
  mailRefusalRate: number;
  taskFailureRate: number;
  dynamoThrottleRate: number;
}

export const NO_FAULTS: LocalFaults = { mailRefusalRate: 0, taskFailureRate: 0, dynamoThrottleRate: 0 };

export function localFaultsFromEnv(json: string | undefined = process.env.LOCAL_FAULTS): LocalFaults {
  if (!json) return NO_FAULTS;
  const parsed = { ...NO_FAULTS, ...(JSON.parse(json) as Partial<LocalFaults>) };
  for (const [name, rate] of Object.entries(parsed)) {
    if (typeof rate !== 'number' || rate < 0 || rate > 1) throw new Error(`LOCAL_FAULTS.${name} must be a number from 0 to 1`);
  }
  return parsed;
}

export const anyFaults = (faults: LocalFaults) => faults.mailRefusalRate > 0 || faults.taskFailureRate > 0 || faults.dynamoThrottleRate > 0;

/** Task handlers (Step Functions tasks and scheduled tasks): the invocations the task fault applies to. */
export function isTaskFunction(name: string): boolean {
  const spec = lambdaFunctions[name as LambdaFunctionName];
  return spec !== undefined && spec.entry.startsWith('functions/tasks/');
}

/** Counts of what was injected, for the soak's report. */
export const injectedFaults = { mailRefusals: 0, taskFailures: 0, dynamoThrottles: 0 };

export function chance(rate: number, counter: keyof typeof injectedFaults): () => boolean {
  return () => {
    if (rate <= 0 || Math.random() >= rate) return false;
    injectedFaults[counter] += 1;
    return true;
  };
}

const WRITE_OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);

/** A loopback proxy to DynamoDB Local that throttles a share of writes. */
export async function startDynamoThrottleProxy(options: { target: string; rate: number }): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const throttle = chance(options.rate, 'dynamoThrottles');
  const server: Server = createServer((request, response) => {
    const operation = String(request.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    if (WRITE_OPERATIONS.has(operation) && throttle()) {
      request.resume();
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'injected-throttle' });
      response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'The level of configured provisioned throughput for the table was exceeded (injected fault)' }));
      return;
    }
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers, agent }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
