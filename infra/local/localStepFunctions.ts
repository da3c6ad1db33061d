/**
 * Step Functions, locally: runs the lifecycle definition in-process with
 * `aws-local-stepfunctions`, maps each Task to the same handler code Lambda
 * runs, answers task-token callbacks, compresses time by `timeScale`, and
 * journals every execution in the case table so a restart resumes it from
 * the last state it entered. `sfnApi.ts` exposes this on the Step Functions
 * API so handlers use the ordinary SFN client.
 */
import './polyfills';
import { randomBytes } from 'node:crypto';
import { ExecutionAbortedError, StateMachine } from 'aws-local-stepfunctions';
import type { LambdaHost } from './lambdaHost';
import { functionNameFromArn } from './lambdaHost';
import type { ExecutionJournal, ExecutionRecord } from './executionJournal';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type StateDefinition = Record<string, unknown> & { Type: string };
type Definition = { StartAt: string; States: Record<string, StateDefinition>; [key: string]: unknown };

/** Placeholder the interpreter puts where `$$.Task.Token` is read; replaced per callback by a real token. */
const TASK_TOKEN_PLACEHOLDER = '__LOCAL_TASK_TOKEN__';
/** Hidden parameter carrying a callback task's TimeoutSecondsPath value to the local override. */
const LOCAL_TIMEOUT_PARAMETER = '__localTimeoutSeconds';
/** Node timers overflow past ~24.8 days; local callbacks never wait longer than this. */
const MAX_LOCAL_TIMEOUT_SECONDS = 2_000_000;
const CHECKPOINTED_TYPES = new Set(['Task', 'Wait', 'Map', 'Parallel']);
/** Resource of the Task a dynamic Wait becomes locally (see prepareDefinitionForLocalRun). */
const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';
/** Hidden parameter carrying the evaluated `TimestampPath` / `SecondsPath` of such a wait. */
const LOCAL_WAIT_UNTIL = '__localWaitUntil';
const LOCAL_WAIT_SECONDS = '__localWaitSeconds';

export class LocalStepFunctionsError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
    this.name = type;
  }
}

interface PendingCallback {
  executionName: string;
  stateName: string;
  resolve: (output: Json) => void;
  reject: (error: Error) => void;
}

interface RunningExecution {
  abort: () => void;
  done: Promise<void>;
}

export interface LocalStepFunctionsOptions {
  stateMachineArn: string;
  /** The definition with Lambda ARNs already resolved (see workflows/). */
  definition: Definition;
  lambdas: LambdaHost;
  journal: ExecutionJournal;
  /** How much faster than real time waits and callback timeouts run (1 = real time). */
  timeScale: number;
  log: (entry: Record<string, unknown>) => void;
}

export class LocalStepFunctions {
  private readonly running = new Map<string, RunningExecution>();
  private readonly callbacks = new Map<string, PendingCallback>();
  /** Executions resting on a person's decision (their callback Lambda has returned and the token is pending). */
  private readonly resting = new Set<string>();
  private readonly definition: Definition;
  private stopping = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.definition = prepareDefinitionForLocalRun(options.definition, options.timeScale);
    // Validate once up front, so a broken definition fails at start-up rather than on the first complaint.
    new StateMachine(this.definition as never, { validationOptions: { checkArn: false, checkPaths: true } });
  }

  executionArn(name: string): string {
    return `${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  async startExecution(request: { stateMachineArn: string; name?: string; input?: string }): Promise<ExecutionRecord> {
    if (request.stateMachineArn !== this.options.stateMachineArn) throw new LocalStepFunctionsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    const name = request.name ?? randomBytes(16).toString('hex');
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new LocalStepFunctionsError('InvalidName', `Invalid Name: '${name}'`);
    const input = request.input ?? '{}';
    try {
      JSON.parse(input);
    } catch {
      throw new LocalStepFunctionsError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not valid JSON');
    }
    const record: ExecutionRecord = {
      executionArn: this.executionArn(name),
      stateMachineArn: this.options.stateMachineArn,
      name,
      status: 'RUNNING',
      input,
      startDate: new Date().toISOString(),
    };
    const created = await this.options.journal.create(record);
    if (!created) {
      const existing = await this.options.journal.get(name);
      // As in AWS: the same name and input while running is the same execution; anything else is refused.
      if (existing && existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new LocalStepFunctionsError('ExecutionAlreadyExists', `Execution Already Exists: '${record.executionArn}'`);
    }
    this.run(record, this.definition.StartAt, JSON.parse(input) as Json);
    return record;
  }

  async describeExecution(executionArn: string): Promise<ExecutionRecord> {
    const name = executionArn.split(':').pop() ?? '';
    const record = executionArn === this.executionArn(name) ? await this.options.journal.get(name) : undefined;
    if (!record) throw new LocalStepFunctionsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  sendTaskSuccess(taskToken: string, output: string): void {
    let parsed: Json;
    try {
      parsed = JSON.parse(output) as Json;
    } catch {
      throw new LocalStepFunctionsError('InvalidOutput', 'Invalid Output: not valid JSON');
    }
    this.takeCallback(taskToken).resolve(parsed);
  }

  sendTaskFailure(taskToken: string, error = 'TaskFailed', cause = ''): void {
    const failure = new Error(cause);
    failure.name = error;
    this.takeCallback(taskToken).reject(failure);
  }

  sendTaskHeartbeat(taskToken: string): void {
    if (!this.callbacks.has(taskToken)) throw new LocalStepFunctionsError('TaskDoesNotExist', 'Task Does Not Exist');
  }

  private takeCallback(taskToken: string): PendingCallback {
    const pending = this.callbacks.get(taskToken);
    if (!pending) throw new LocalStepFunctionsError('TaskDoesNotExist', 'Task Does Not Exist');
    this.callbacks.delete(taskToken);
    return pending;
  }

  /** Resumes every execution the journal says was running when the runtime last stopped. */
  async resumeRunning(): Promise<number> {
    const records = await this.options.journal.listRunning();
    for (const record of records) {
      const from = record.checkpoint?.stateName ?? this.definition.StartAt;
      const input = (record.checkpoint ? record.checkpoint.input : JSON.parse(record.input)) as Json;
      this.options.log({ message: 'execution resumed', execution: record.name, state: from });
      this.run(record, from, input);
    }
    return records.length;
  }

  /**
   * Waits until nothing is in progress: every execution has ended or rests on a person's decision.
   * (Timed waits count as in progress.) Tests and benches use this to let work settle.
   */
  async idle(): Promise<void> {
    while ([...this.running.keys()].some((name) => !this.resting.has(name))) await new Promise((r) => setTimeout(r, 10));
  }

  /** Executions in progress that do not rest on a person's decision. */
  busyCount(): number {
    return [...this.running.keys()].filter((name) => !this.resting.has(name)).length;
  }

  runningCount(): number {
    return this.running.size;
  }

  /** Stops interpreting. Running executions stay RUNNING in the journal, to be resumed by the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const execution of this.running.values()) execution.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  private run(record: ExecutionRecord, startAt: string, input: Json): void {
    const { journal, log } = this.options;
    // The definition was validated once when the runtime started; validating per execution costs ~100 ms of CPU
    // (measured by the bench), and a resumed run starts part-way, leaving earlier states unreachable anyway.
    const machine = new StateMachine({ ...this.definition, StartAt: startAt } as never, { validationOptions: { noValidate: true } });
    const execution = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: this.taskOverrides(record.name) as never, waitTimeOverrides: this.waitOverrides(), retryIntervalOverrides: this.retryOverrides() },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, Input: JSON.parse(record.input), StartTime: record.startDate },
        StateMachine: { Id: this.options.stateMachineArn, Name: this.options.stateMachineArn.split(':').pop() },
        Task: { Token: TASK_TOKEN_PLACEHOLDER },
      },
    });
    // Checkpoints are written in order, one at a time, off the interpreter's path.
    let journalWrites: Promise<void> = Promise.resolve();
    const journalInOrder = (write: () => Promise<void>) => {
      journalWrites = journalWrites.then(write).catch((error: Error) => log({ level: 'ERROR', message: 'journal write failed', execution: record.name, error: error.message }));
    };
    const events = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered' && event.index === undefined) {
          log({ message: 'state entered', execution: record.name, state: event.state.name, type: event.state.type });
          if (CHECKPOINTED_TYPES.has(event.state.type)) {
            const checkpoint = { stateName: event.state.name, input: event.state.input, enteredAt: new Date(event.timestamp).toISOString() };
            journalInOrder(() => journal.checkpoint(record.name, checkpoint));
          }
        } else if (event.type === 'StateFailed' || event.type === 'StateRetried' || event.type === 'StateCaught') {
          log({ level: 'WARN', message: event.type === 'StateRetried' ? 'state retried' : event.type === 'StateCaught' ? 'state error caught' : 'state failed', execution: record.name, state: event.state.name, ...('Error' in event ? { error: event.Error } : {}) });
        }
      }
    })();
    const done = (async () => {
      try {
        const output = await execution.result;
        await events.catch(() => undefined);
        journalInOrder(() => journal.finish(record.name, { status: 'SUCCEEDED', output: JSON.stringify(output) }));
        log({ message: 'execution succeeded', execution: record.name });
      } catch (error) {
        await events.catch(() => undefined);
        if (error instanceof ExecutionAbortedError || this.stopping) {
          log({ message: 'execution paused for restart', execution: record.name });
        } else {
          const failure = error as Error & { cause?: { name?: string; message?: string } };
          const errorName = failure.cause?.name ?? failure.name;
          const cause = failure.cause?.message ?? failure.message;
          journalInOrder(() => journal.finish(record.name, { status: errorName === 'States.Timeout' ? 'TIMED_OUT' : 'FAILED', error: errorName, cause }));
          log({ level: 'ERROR', message: 'execution failed', execution: record.name, error: errorName });
        }
      } finally {
        await journalWrites;
        for (const [token, pending] of this.callbacks) if (pending.executionName === record.name) this.callbacks.delete(token);
        this.running.delete(record.name);
        this.resting.delete(record.name);
      }
    })();
    this.running.set(record.name, { abort: () => execution.abort(), done });
  }

  private waitOverrides(): Record<string, number> {
    const overrides: Record<string, number> = {};
    for (const [name, state] of allStates(this.definition)) {
      if (state.Type === 'Wait' && typeof state.Seconds === 'number') overrides[name] = Math.round((state.Seconds * 1000) / this.options.timeScale);
    }
    return overrides;
  }

  /** With time compressed, retry intervals shrink too (one interval per retrier; backoff and jitter apply only at real time). */
  private retryOverrides(): Record<string, number[]> | undefined {
    if (this.options.timeScale === 1) return undefined;
    const overrides: Record<string, number[]> = {};
    for (const [name, state] of allStates(this.definition)) {
      const retriers = state.Retry as { IntervalSeconds?: number }[] | undefined;
      if (retriers) overrides[name] = retriers.map((r) => Math.round(((r.IntervalSeconds ?? 1) * 1000) / this.options.timeScale));
    }
    return overrides;
  }

  private taskOverrides(executionName: string): Record<string, (input: unknown) => Promise<unknown>> {
    const overrides: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, state] of allStates(this.definition)) {
      if (state.Type !== 'Task') continue;
      const resource = String(state.Resource);
      if (resource === LOCAL_WAIT_RESOURCE) {
        overrides[stateName] = (input) => this.scaledWait(input as Record<string, unknown>);
      } else if (resource === 'arn:aws:states:::lambda:invoke') {
        overrides[stateName] = async (input) => {
          const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
          return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: await this.invoke(FunctionName, Payload) };
        };
      } else if (resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken') {
        overrides[stateName] = (input) => this.callback(executionName, stateName, input as { FunctionName: string; Payload: Json });
      } else if (functionNameFromArn(resource)) {
        overrides[stateName] = (input) => this.invoke(resource, input);
      } else {
        throw new Error(`state ${stateName}: resource ${resource} is not supported by the local runtime`);
      }
    }
    return overrides;
  }

  /** A Wait until a timestamp (or for a number of seconds), compressed by `timeScale`; resumes correctly after a restart. */
  private async scaledWait(input: Record<string, unknown>): Promise<unknown> {
    const until = input[LOCAL_WAIT_UNTIL];
    const seconds = input[LOCAL_WAIT_SECONDS];
    const realMs = typeof until === 'string' ? Date.parse(until) - Date.now() : typeof seconds === 'number' ? seconds * 1000 : 0;
    const scaledMs = Math.max(0, realMs / this.options.timeScale);
    if (scaledMs > MAX_LOCAL_TIMEOUT_SECONDS * 1000) throw new Error(`a wait of ${Math.round(scaledMs / 86400000)} days is beyond the local runtime's timer range; raise TIME_SCALE`);
    await new Promise((resolve) => setTimeout(resolve, scaledMs));
    return null;
  }

  private async invoke(functionArn: string, payload: unknown): Promise<unknown> {
    const name = functionNameFromArn(functionArn) ?? functionArn;
    if (!this.options.lambdas.has(name)) throw new LocalStepFunctionsError('Lambda.ResourceNotFoundException', `Function not found: ${functionArn}`);
    return this.options.lambdas.invoke(name, payload);
  }

  /**
   * A `.waitForTaskToken` task: issue a fresh token, hand it to the Lambda
   * (which stores it, e.g. on the case), then wait for SendTaskSuccess or
   * SendTaskFailure — or the scaled timeout.
   */
  private callback(executionName: string, stateName: string, input: { FunctionName: string; Payload: Json }): Promise<unknown> {
    const token = randomBytes(48).toString('base64url');
    const payload = replaceDeep(input.Payload, TASK_TOKEN_PLACEHOLDER, token) as Record<string, Json>;
    const timeoutSeconds = typeof payload?.[LOCAL_TIMEOUT_PARAMETER] === 'number' ? (payload[LOCAL_TIMEOUT_PARAMETER] as number) : undefined;
    if (payload && typeof payload === 'object') delete payload[LOCAL_TIMEOUT_PARAMETER];
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = () => timer && clearTimeout(timer);
      this.callbacks.set(token, {
        executionName,
        stateName,
        resolve: (output) => (settle(), this.resting.delete(executionName), resolve(output)),
        reject: (error) => (settle(), this.resting.delete(executionName), reject(error)),
      });
      // Past Node's timer range the wait is simply unbounded locally (only a callback ends it).
      if (timeoutSeconds !== undefined && timeoutSeconds / this.options.timeScale <= MAX_LOCAL_TIMEOUT_SECONDS) {
        const ms = (timeoutSeconds * 1000) / this.options.timeScale;
        timer = setTimeout(() => {
          this.callbacks.delete(token);
          this.resting.delete(executionName);
          const timeout = new Error('callback timed out');
          timeout.name = 'States.Timeout';
          reject(timeout);
        }, Math.max(0, ms));
      }
      this.invoke(input.FunctionName, payload).then(
        () => {
          if (this.callbacks.has(token)) this.resting.add(executionName);
        },
        (error: Error) => {
          this.callbacks.delete(token);
          settle();
          reject(error);
        },
      );
    });
  }
}

function* allStates(definition: { States: Record<string, StateDefinition> }): Generator<[string, StateDefinition]> {
  for (const [name, state] of Object.entries(definition.States)) {
    yield [name, state];
    for (const branch of (state.Branches as Definition[] | undefined) ?? []) yield* allStates(branch);
    const processor = (state.ItemProcessor ?? state.Iterator) as Definition | undefined;
    if (processor) yield* allStates(processor);
  }
}

function replaceDeep(value: Json, from: string, to: string): Json {
  if (typeof value === 'string') return value === from ? to : value;
  if (Array.isArray(value)) return value.map((item) => replaceDeep(item, from, to));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, from, to)]));
  return value;
}

/**
 * Adapts the definition for the in-process interpreter without changing its
 * meaning: callback tasks get their timeout enforced by the local runtime
 * (scaled by `timeScale`, and within Node's timer range), since the
 * interpreter would otherwise apply its own 60-second default.
 */
export function prepareDefinitionForLocalRun(definition: Definition, _timeScale: number): Definition {
  const copy = JSON.parse(JSON.stringify(definition)) as Definition;
  for (const [, state] of allStates(copy)) {
    // A Wait whose length comes from the input cannot be given a fixed override: it becomes a Task the
    // runtime performs (scaled), passing its input through unchanged.
    if (state.Type === 'Wait' && (state.TimestampPath || state.SecondsPath || state.Timestamp)) {
      const parameters = state.TimestampPath
        ? { [`${LOCAL_WAIT_UNTIL}.$`]: state.TimestampPath }
        : state.SecondsPath
          ? { [`${LOCAL_WAIT_SECONDS}.$`]: state.SecondsPath }
          : { [LOCAL_WAIT_UNTIL]: state.Timestamp };
      for (const key of ['TimestampPath', 'SecondsPath', 'Timestamp']) delete state[key];
      Object.assign(state, { Type: 'Task', Resource: LOCAL_WAIT_RESOURCE, Parameters: parameters, ResultPath: null, TimeoutSeconds: MAX_LOCAL_TIMEOUT_SECONDS + 60 });
      continue;
    }
    if (state.Type !== 'Task' || !String(state.Resource).endsWith('.waitForTaskToken')) continue;
    const parameters = (state.Parameters ?? {}) as { Payload?: Record<string, unknown> };
    parameters.Payload ??= {};
    if (typeof state.TimeoutSeconds === 'number') parameters.Payload[LOCAL_TIMEOUT_PARAMETER] = state.TimeoutSeconds;
    else if (typeof state.TimeoutSecondsPath === 'string') parameters.Payload[`${LOCAL_TIMEOUT_PARAMETER}.$`] = state.TimeoutSecondsPath;
    state.Parameters = parameters;
    delete state.TimeoutSecondsPath;
    delete state.HeartbeatSeconds;
    // The interpreter's own timer only backstops ours, and must stay within Node's timer range.
    state.TimeoutSeconds = MAX_LOCAL_TIMEOUT_SECONDS + 60;
  }
  return copy;
}
