/**
 * The local Step Functions: the API operations handlers call (through the
 * ordinary SFN client), task-token callbacks, time scaling, and resuming
 * executions after a restart from the journal in DynamoDB Local.
 */
import { parseTimeScale, PlatformClock } from '../../infra/local/platformClock';
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DescribeExecutionCommand, ExecutionAlreadyExists, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, TaskDoesNotExist } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ensureCaseTable } from '../../infra/local/caseTable';
import { DynamoExecutionJournal } from '../../infra/local/executionJournal';
import { FunctionUnavailableError, LambdaHost, localLambdaArn } from '../../infra/local/lambdaHost';
import { LocalStepFunctions } from '../../infra/local/localStepFunctions';
import { freePort } from '../../infra/local/ports';
import { startStepFunctionsApi } from '../../infra/local/sfnApi';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:TestMachine';

/** Approval flow: record, wait for a person (callback), then finish; a timeout goes to its own end. */
const definition = {
  StartAt: 'Record',
  States: {
    Record: { Type: 'Task', Resource: localLambdaArn('recordStep'), ResultPath: '$.recorded', Next: 'AwaitDecision' },
    AwaitDecision: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: localLambdaArn('storeToken'), Payload: { 'token.$': '$$.Task.Token', 'caseId.$': '$.caseId' } },
      TimeoutSecondsPath: '$.decisionWithinSeconds',
      ResultPath: '$.decision',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'NoDecision' }],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    NoDecision: { Type: 'Succeed' },
  },
};

const tokens = new Map<string, string>();
const recordCalls: string[] = [];
const functions = {
  recordStep: async (event: unknown) => {
    recordCalls.push((event as { caseId: string }).caseId);
    return { at: 'recorded' };
  },
  storeToken: async (event: unknown) => {
    const { token, caseId } = event as { token: string; caseId: string };
    tokens.set(caseId, token);
    return {};
  },
};

let doc: DynamoDBDocumentClient;
let tableName: string;
const running: { sfn: LocalStepFunctions; api: { stop(): Promise<void> } }[] = [];

async function startService(timeScale = 1, lambdas = new LambdaHost(functions)) {
  const sfn = new LocalStepFunctions({
    stateMachineArn: STATE_MACHINE_ARN,
    definition,
    lambdas,
    journal: new DynamoExecutionJournal(doc, tableName),
    clock: new PlatformClock(parseTimeScale(timeScale)),
    log: () => undefined,
  });
  const port = await freePort();
  const api = await startStepFunctionsApi(sfn, port);
  running.push({ sfn, api });
  const client = new SFNClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  return { sfn, api, client };
}

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  const client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  tableName = `Sfn_${randomBytes(6).toString('hex')}`;
  await ensureCaseTable(client, tableName);
});
afterAll(async () => {
  for (const { sfn, api } of running) {
    await sfn.stop();
    await api.stop();
  }
  doc?.destroy();
});

describe('local Step Functions API', () => {
  it('starts an execution, waits on a task token, and completes it through SendTaskSuccess', async () => {
    const { client } = await startService();
    const input = JSON.stringify({ caseId: 'case-1', decisionWithinSeconds: 3600 });
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name: 'case-1', input }));
    expect(executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:TestMachine:case-1');

    // Starting again with the same name and input is the same execution; another input is refused.
    const again = await client.send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name: 'case-1', input }));
    expect(again.executionArn).toBe(executionArn);
    await expect(client.send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name: 'case-1', input: '{"other":1}' }))).rejects.toBeInstanceOf(ExecutionAlreadyExists);

    const token = await until(() => tokens.get('case-1'), 'the task token');
    expect(token).not.toContain('__LOCAL_TASK_TOKEN__');
    await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');

    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: true }) }));
    let description = await client.send(new DescribeExecutionCommand({ executionArn }));
    for (let i = 0; i < 100 && description.status === 'RUNNING'; i += 1) {
      await new Promise((r) => setTimeout(r, 25));
      description = await client.send(new DescribeExecutionCommand({ executionArn }));
    }
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output!)).toMatchObject({ caseId: 'case-1', recorded: { at: 'recorded' }, decision: { approved: true } });
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskDoesNotExist);
  });

  it('fails the task with the error named in SendTaskFailure', async () => {
    const { client, sfn } = await startService();
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name: 'case-2', input: JSON.stringify({ caseId: 'case-2', decisionWithinSeconds: 3600 }) }));
    const token = await until(() => tokens.get('case-2'), 'the task token');
    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'ClaimRejected', cause: 'no basis' }));
    await sfn.idle();
    const description = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(description).toMatchObject({ status: 'FAILED', error: 'ClaimRejected', cause: 'no basis' });
  });

  it('compresses a callback timeout by the time scale', async () => {
    // One hour at 36,000× passes in 0.1 s.
    const { client } = await startService(36_000);
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name: 'case-3', input: JSON.stringify({ caseId: 'case-3', decisionWithinSeconds: 3600 }) }));
    let description = await client.send(new DescribeExecutionCommand({ executionArn }));
    for (let i = 0; i < 100 && description.status === 'RUNNING'; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      description = await client.send(new DescribeExecutionCommand({ executionArn }));
    }
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output!).timeout.Error).toBe('States.Timeout');
  });

  it('resumes a waiting execution after a restart, from the state it had reached', async () => {
    const first = await startService();
    const { executionArn } = await first.client.send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name: 'case-4', input: JSON.stringify({ caseId: 'case-4', decisionWithinSeconds: 3600 }) }));
    const firstToken = await until(() => tokens.get('case-4'), 'the first task token');
    // The checkpoint of the waiting state is journalled off the interpreter's path: stop only once it is there.
    const journal = new DynamoExecutionJournal(doc, tableName);
    for (let i = 0; i < 200 && (await journal.get('case-4'))?.checkpoint?.stateName !== 'AwaitDecision'; i += 1) await new Promise((r) => setTimeout(r, 25));
    expect((await journal.get('case-4'))?.checkpoint?.stateName).toBe('AwaitDecision');
    await first.sfn.stop();
    tokens.delete('case-4');

    const second = await startService();
    expect(await second.sfn.resumeRunning()).toBeGreaterThanOrEqual(1);
    const secondToken = await until(() => tokens.get('case-4'), 'the re-issued task token');
    expect(secondToken).not.toBe(firstToken);
    // The step before the wait is not run again.
    expect(recordCalls.filter((c) => c === 'case-4')).toHaveLength(1);
    await second.client.send(new SendTaskSuccessCommand({ taskToken: secondToken, output: '{"approved":false}' }));
    await second.sfn.idle();
    const description = await second.client.send(new DescribeExecutionCommand({ executionArn }));
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output!)).toMatchObject({ recorded: { at: 'recorded' }, decision: { approved: false } });
  });
});

describe('a function that cannot be loaded', () => {
  /** As when Ctrl-C has ended the compiler's process: the module of `storeToken` cannot be loaded. */
  class HostWithoutCompiler extends LambdaHost {
    override invoke(name: string, event: unknown): Promise<unknown> {
      if (name === 'storeToken') return Promise.reject(new FunctionUnavailableError(name, new Error('The service was stopped')));
      return super.invoke(name, event);
    }
  }

  it('pauses the execution at its last checkpoint instead of failing it, and the next start resumes it', async () => {
    const first = await startService(1, new HostWithoutCompiler(functions));
    const { executionArn } = await first.client.send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name: 'case-5', input: JSON.stringify({ caseId: 'case-5', decisionWithinSeconds: 3600 }) }));
    await first.sfn.idle();
    expect(first.sfn.runningCount()).toBe(0);
    expect((await first.client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    expect(tokens.has('case-5')).toBe(false);
    await first.sfn.stop();

    const second = await startService();
    expect(await second.sfn.resumeRunning()).toBeGreaterThanOrEqual(1);
    const token = await until(() => tokens.get('case-5'), 'the task token after the restart');
    await second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    await second.sfn.idle();
    expect((await second.client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('SUCCEEDED');
  });
});

describe('waits and timeouts on the platform clock', () => {
  const DAY = 86_400_000;
  const START = Date.parse('2026-03-02T01:00:00.000Z');
  /** Waits 40 days (past Node's ~24.8-day timer limit), then for a person for 2 days at most. */
  const longWaits = {
    StartAt: 'Pause',
    States: {
      Pause: { Type: 'Wait', Seconds: 40 * 86_400, Next: 'AwaitDecision' },
      AwaitDecision: { ...definition.States.AwaitDecision, TimeoutSeconds: 2 * 86_400, TimeoutSecondsPath: undefined },
      Done: { Type: 'Succeed' },
      NoDecision: { Type: 'Succeed' },
    },
  };

  it('a 40-day Wait and a 2-day callback timeout pass at their platform time on a simulated clock, not before', async () => {
    const clock = new PlatformClock(parseTimeScale('simulated'), { startAt: START });
    const sfn = new LocalStepFunctions({ stateMachineArn: STATE_MACHINE_ARN, definition: JSON.parse(JSON.stringify(longWaits)), lambdas: new LambdaHost(functions), journal: new DynamoExecutionJournal(doc, tableName), clock, log: () => undefined });
    running.push({ sfn, api: { stop: async () => undefined } });
    clock.setQuiescence(() => sfn.idle());
    const name = `long-${randomBytes(4).toString('hex')}`;
    await sfn.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name, input: JSON.stringify({ caseId: name }) });
    const status = async () => (await sfn.describeExecution(sfn.executionArn(name))).status;
    await clock.runUntilIdle();
    expect(sfn.busyCount()).toBe(0);
    expect(clock.nextTimerAt()).toBe(START + 40 * DAY);
    await clock.advanceTo(START + 40 * DAY - 1);
    expect(tokens.has(name)).toBe(false);
    await clock.advanceTo(START + 40 * DAY);
    expect(tokens.has(name)).toBe(true);
    // Nobody decides: the callback times out two platform days after the state was entered.
    await clock.advanceTo(START + 42 * DAY - 1);
    expect(await status()).toBe('RUNNING');
    await clock.advanceTo(START + 42 * DAY);
    for (let i = 0; i < 100 && (await status()) === 'RUNNING'; i += 1) await new Promise((r) => setTimeout(r, 20));
    const record = await sfn.describeExecution(sfn.executionArn(name));
    expect(record.status).toBe('SUCCEEDED');
    expect(JSON.parse(record.output!)).toHaveProperty('timeout');
    // The journal's dates are platform time.
    expect(record.startDate).toBe(new Date(START).toISOString());
    expect(record.stopDate).toBe(new Date(START + 42 * DAY).toISOString());
    await clock.stop();
  });
});
