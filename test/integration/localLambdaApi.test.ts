/**
 * The local Lambda Invoke API (infra/local/lambdaApi.ts) through the ordinary
 * `@aws-sdk/client-lambda`, as handlers call it: asynchronous invocations
 * answer 202 at once and run in the background (stopping waits for them),
 * synchronous ones return the result or the function error, and an unknown
 * function is Lambda's ResourceNotFoundException.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLambdaApi, type LocalLambdaApi } from '../../infra/local/lambdaApi';
import { LambdaHost, localLambdaArn } from '../../infra/local/lambdaHost';
import { freePort } from '../../infra/local/ports';

const ran: unknown[] = [];
let release: () => void = () => undefined;
const host = new LambdaHost({
  echo: async (event) => ({ echoed: event }),
  slow: async (event) => {
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    ran.push(event);
    return null;
  },
  broken: async () => {
    throw Object.assign(new Error('the handler failed'), { name: 'BrokenError' });
  },
});
let api: LocalLambdaApi;
let client: LambdaClient;
const decode = (payload?: Uint8Array) => JSON.parse(Buffer.from(payload ?? []).toString('utf8')) as unknown;

beforeAll(async () => {
  api = await startLambdaApi({ lambdas: host, port: await freePort(), log: () => undefined });
  client = new LambdaClient({ endpoint: api.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  client.destroy();
  await api.stop();
});

describe('the local Lambda API', () => {
  it('answers an asynchronous invocation with 202 before the function ends, and idle() waits for it', async () => {
    const result = await client.send(new InvokeCommand({ FunctionName: 'slow', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ job: 1 })) }));
    expect(result.StatusCode).toBe(202);
    expect(ran).toEqual([]);
    let idle = false;
    const waiting = api.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(ran).toEqual([{ job: 1 }]);
  });

  it('runs a synchronous invocation, by name or ARN, and returns its result', async () => {
    for (const FunctionName of ['echo', localLambdaArn('echo')]) {
      const result = await client.send(new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify({ a: 1 })) }));
      expect(result.StatusCode).toBe(200);
      expect(result.FunctionError).toBeUndefined();
      expect(decode(result.Payload)).toEqual({ echoed: { a: 1 } });
    }
  });

  it("reports a function's error as Lambda does", async () => {
    const result = await client.send(new InvokeCommand({ FunctionName: 'broken', Payload: Buffer.from('{}') }));
    expect(result.FunctionError).toBe('Unhandled');
    expect(decode(result.Payload)).toEqual({ errorType: 'BrokenError', errorMessage: 'the handler failed' });
  });

  it('refuses an unknown function', async () => {
    await expect(client.send(new InvokeCommand({ FunctionName: 'nothing', InvocationType: 'Event', Payload: Buffer.from('{}') }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('checks a dry run without running anything', async () => {
    expect((await client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }))).StatusCode).toBe(204);
  });
});
