/**
 * Step Functions, locally: runs the lifecycle definition in-process with
 * `aws-local-stepfunctions`, maps each Task to the same handler code Lambda
 * runs, answers task-token callbacks, keeps time by the runtime's one clock
 * (platformClock.ts: every Wait and task-token timeout is a timer of that
 * clock, in platform time, so a compressed or simulated clock moves them all
 * alike), and journals every execution in the case table so a restart resumes it from
 * the last state it entered. `sfnApi.ts` exposes this on the Step Functions
 * API so handlers use the ordinary SFN client.
 */
import './polyfills';
import { randomBytes } from 'node:crypto';
import { ExecutionAbortedError, StateMachine } from 'aws-local-stepfunctions';
import type { LambdaHost } from './lambdaHost';
import { FunctionUnavailableError, functionNameFromArn } from './lambdaHost';
import type { ExecutionJournal, ExecutionRecord } from './executionJournal';
import type { PlatformClock } from './platformClock';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type StateDefinition = Record<string, unknown> & { Type: string };
type Definition = { StartAt: string; States: Record<string, StateDefinition>; [key: string]: unknown };

/** Placeholder the interpreter puts where `$$.Task.Token` is read; replaced per callback by a real token. */
const TASK_TOKEN_PLACEHOLDER = '__LOCAL_TASK_TOKEN__';
/** Hidden parameter carrying a callback task's TimeoutSecondsPath value to the local override. */
const LOCAL_TIMEOUT_PARAMETER = '__localTimeoutSeconds';
/**
 * The interpreter enforces a Task's TimeoutSeconds with a Node timer of its own (real time, which overflows
 * past ~24.8 days). Waits and callback timeouts are the clock's timers instead; the interpreter's only backstops
 * them, just inside Node's range. (At real time, a callback or wait longer than ~23 days is cut short by it.)
 */
const INTERPRETER_BACKSTOP_SECONDS = 2_000_000;
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

/** Where a resumed execution re-enters, and when (platform time) it first entered that state. */
interface ResumePoint {
  stateName: string;
  enteredAt: number;
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
  /** The runtime's one clock: waits, callback timeouts, retry intervals and the journal's dates follow it. */
  clock: PlatformClock;
  log: (entry: Record<string, unknown>) => void;
}

export class LocalStepFunctions {
  private readonly running = new Map<string, RunningExecution>();
  private readonly callbacks = new Map<string, PendingCallback>();
  /**
   * Executions resting: on a person's decision (their callback Lambda has returned and the token is pending)
   * or on the clock (a Wait). Nothing of theirs runs until a person or a clock timer wakes them.
   */
  private readonly resting = new Set<string>();
  private readonly definition: Definition;
  private stopping = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.definition = prepareDefinitionForLocalRun(options.definition);
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
      startDate: this.options.clock.date().toISOString(),
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
      // The state's waits and timeouts count from when it was first entered (platform time), not from the restart.
      const enteredAt = record.checkpoint ? Date.parse(record.checkpoint.enteredAt) : Number.NaN;
      this.run(record, from, input, Number.isFinite(enteredAt) ? { stateName: from, enteredAt } : undefined);
    }
    return records.length;
  }

  /**
   * Waits until nothing is in progress: every execution has ended or rests on a person's decision or on a
   * clock timer (a Wait, a callback's timeout). Tests and benches use this to let work settle.
   */
  async idle(): Promise<void> {
    while ([...this.running.keys()].some((name) => !this.resting.has(name))) await new Promise((r) => setTimeout(r, 10));
  }

  /** Executions in progress that rest neither on a person's decision nor on the clock. */
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

  private run(record: ExecutionRecord, startAt: string, input: Json, resumePoint?: ResumePoint): void {
    const { journal, log } = this.options;
    // The definition was validated once when the runtime started; validating per execution costs ~100 ms of CPU
    // (measured by the bench), and a resumed run starts part-way, leaving earlier states unreachable anyway.
    const machine = new StateMachine({ ...this.definition, StartAt: startAt } as never, { validationOptions: { noValidate: true } });
    const execution = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: this.taskOverrides(record.name, resumePoint) as never, retryIntervalOverrides: this.retryOverrides() },
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
    let resumedEntryJournalled = false;
    const events = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered' && event.index === undefined) {
          log({ message: 'state entered', execution: record.name, state: event.state.name, type: event.state.type });
          if (CHECKPOINTED_TYPES.has(event.state.type)) {
            // Platform time: a resumed wait or callback timeout counts from here (the interpreter's own timestamp is real time).
            const enteredAt = resumePoint && event.state.name === resumePoint.stateName && !resumedEntryJournalled ? resumePoint.enteredAt : this.options.clock.now();
            if (resumePoint && event.state.name === resumePoint.stateName) resumedEntryJournalled = true;
            const checkpoint = { stateName: event.state.name, input: event.state.input, enteredAt: new Date(enteredAt).toISOString() };
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
        const stopDate = this.options.clock.date().toISOString();
        journalInOrder(() => journal.finish(record.name, { status: 'SUCCEEDED', output: JSON.stringify(output), stopDate }));
        log({ message: 'execution succeeded', execution: record.name });
      } catch (error) {
        await events.catch(() => undefined);
        if (error instanceof ExecutionAbortedError || this.stopping) {
          log({ message: 'execution paused for restart', execution: record.name });
        } else {
          const failure = error as Error & { cause?: { name?: string; message?: string } };
          const errorName = failure.cause?.name ?? failure.name;
          const cause = failure.cause?.message ?? failure.message;
          const stopDate = this.options.clock.date().toISOString();
          journalInOrder(() => journal.finish(record.name, { status: errorName === 'States.Timeout' ? 'TIMED_OUT' : 'FAILED', error: errorName, cause, stopDate }));
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

  /**
   * Retry intervals follow the clock: divided by the scale when compressed (one interval per retrier; backoff and
   * jitter apply only at real time), none when simulated (a retry is work in progress, which simulated time does not cross).
   */
  private retryOverrides(): Record<string, number[]> | undefined {
    const { clock } = this.options;
    if (clock.mode === 'real') return undefined;
    const overrides: Record<string, number[]> = {};
    for (const [name, state] of allStates(this.definition)) {
      const retriers = state.Retry as { IntervalSeconds?: number }[] | undefined;
      if (retriers) overrides[name] = retriers.map((r) => Math.round(clock.realDuration((r.IntervalSeconds ?? 1) * 1000)));
    }
    return overrides;
  }

  private taskOverrides(executionName: string, resumePoint: ResumePoint | undefined): Record<string, (input: unknown) => Promise<unknown>> {
    const overrides: Record<string, (input: unknown) => Promise<unknown>> = {};
    // When the state a resumed execution re-enters was first entered; every later state is entered now.
    let resumed = resumePoint;
    const enteredAt = (stateName: string) => {
      if (resumed && resumed.stateName === stateName) {
        const at = resumed.enteredAt;
        resumed = undefined;
        return at;
      }
      resumed = undefined;
      return this.options.clock.now();
    };
    for (const [stateName, state] of allStates(this.definition)) {
      if (state.Type !== 'Task') continue;
      const resource = String(state.Resource);
      if (resource === LOCAL_WAIT_RESOURCE) {
        overrides[stateName] = (input) => this.clockWait(executionName, input as Record<string, unknown>, enteredAt(stateName));
      } else if (resource === 'arn:aws:states:::lambda:invoke') {
        overrides[stateName] = async (input) => {
          enteredAt(stateName);
          const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
          return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: await this.invoke(executionName, FunctionName, Payload) };
        };
      } else if (resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken') {
        overrides[stateName] = (input) => this.callback(executionName, stateName, input as { FunctionName: string; Payload: Json }, enteredAt(stateName));
      } else if (functionNameFromArn(resource)) {
        overrides[stateName] = (input) => (enteredAt(stateName), this.invoke(executionName, resource, input));
      } else {
        throw new Error(`state ${stateName}: resource ${resource} is not supported by the local runtime`);
      }
    }
    return overrides;
  }

  /**
   * A Wait until a timestamp (or for a number of seconds from when the state was entered), as a timer of the
   * platform clock; the execution rests meanwhile. After a restart it ends when it would have without one.
   */
  private async clockWait(executionName: string, input: Record<string, unknown>, enteredAt: number): Promise<unknown> {
    const until = input[LOCAL_WAIT_UNTIL];
    const seconds = input[LOCAL_WAIT_SECONDS];
    const at = typeof until === 'string' ? Date.parse(until) : typeof seconds === 'number' ? enteredAt + seconds * 1000 : enteredAt;
    if (!Number.isFinite(at)) throw new LocalStepFunctionsError('States.Runtime', `a Wait's timestamp is not a date: ${String(until)}`);
    if (at <= this.options.clock.now()) return null;
    this.resting.add(executionName);
    await new Promise<void>((resolve) =>
      this.options.clock.setTimer(at, () => {
        // Synchronously, so that the runtime never sees the execution idle between the timer and its next step.
        this.resting.delete(executionName);
        resolve();
      }),
    );
    return null;
  }

  private async invoke(executionName: string, functionArn: string, payload: unknown): Promise<unknown> {
    const name = functionNameFromArn(functionArn) ?? functionArn;
    if (!this.options.lambdas.has(name)) throw new LocalStepFunctionsError('Lambda.ResourceNotFoundException', `Function not found: ${functionArn}`);
    try {
      return await this.options.lambdas.invoke(name, payload);
    } catch (error) {
      if (!(error instanceof FunctionUnavailableError)) throw error;
      // The runtime, not the complaint, is at fault: the execution stays RUNNING at its last checkpoint and the next
      // start resumes it, rather than taking the workflow's failure path (or ending) for a handler it never ran.
      this.options.log({ level: this.stopping ? 'INFO' : 'WARN', message: 'execution paused: its next function could not be loaded; it resumes on the next start', execution: executionName, function: name, error: error.message });
      this.running.get(executionName)?.abort();
      return new Promise<never>(() => undefined);
    }
  }

  /**
   * A `.waitForTaskToken` task: issue a fresh token, hand it to the Lambda
   * (which stores it, e.g. on the case), then wait for SendTaskSuccess or
   * SendTaskFailure — or the timeout, a timer of the platform clock counted from when the state was entered.
   */
  private callback(executionName: string, stateName: string, input: { FunctionName: string; Payload: Json }, enteredAt: number): Promise<unknown> {
    const token = randomBytes(48).toString('base64url');
    const payload = replaceDeep(input.Payload, TASK_TOKEN_PLACEHOLDER, token) as Record<string, Json>;
    const timeoutSeconds = typeof payload?.[LOCAL_TIMEOUT_PARAMETER] === 'number' ? (payload[LOCAL_TIMEOUT_PARAMETER] as number) : undefined;
    if (payload && typeof payload === 'object') delete payload[LOCAL_TIMEOUT_PARAMETER];
    return new Promise((resolve, reject) => {
      let cancelTimeout: (() => void) | undefined;
      const settle = () => cancelTimeout?.();
      this.callbacks.set(token, {
        executionName,
        stateName,
        resolve: (output) => (settle(), this.resting.delete(executionName), resolve(output)),
        reject: (error) => (settle(), this.resting.delete(executionName), reject(error)),
      });
      if (timeoutSeconds !== undefined) {
        cancelTimeout = this.options.clock.setTimer(enteredAt + timeoutSeconds * 1000, () => {
          if (!this.callbacks.delete(token)) return;
          this.resting.delete(executionName);
          const timeout = new Error('callback timed out');
          timeout.name = 'States.Timeout';
          reject(timeout);
        });
      }
      this.invoke(executionName, input.FunctionName, payload).then(
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
 * meaning: every Wait becomes a Task the runtime performs on the platform
 * clock, and callback tasks get their timeout enforced on that clock too,
 * since the interpreter would otherwise apply its own real-time timers
 * (and a 60-second default).
 */
export function prepareDefinitionForLocalRun(definition: Definition): Definition {
  const copy = JSON.parse(JSON.stringify(definition)) as Definition;
  for (const [, state] of allStates(copy)) {
    // A Wait becomes a Task the runtime performs on the platform clock, passing its input through unchanged.
    if (state.Type === 'Wait') {
      const parameters = state.TimestampPath
        ? { [`${LOCAL_WAIT_UNTIL}.$`]: state.TimestampPath }
        : state.SecondsPath
          ? { [`${LOCAL_WAIT_SECONDS}.$`]: state.SecondsPath }
          : state.Timestamp
            ? { [LOCAL_WAIT_UNTIL]: state.Timestamp }
            : { [LOCAL_WAIT_SECONDS]: state.Seconds ?? 0 };
      for (const key of ['TimestampPath', 'SecondsPath', 'Timestamp', 'Seconds']) delete state[key];
      Object.assign(state, { Type: 'Task', Resource: LOCAL_WAIT_RESOURCE, Parameters: parameters, ResultPath: null, TimeoutSeconds: INTERPRETER_BACKSTOP_SECONDS });
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
    // The interpreter's own timer only backstops the clock's, and must stay within Node's timer range.
    state.TimeoutSeconds = INTERPRETER_BACKSTOP_SECONDS;
  }
  return copy;
}
