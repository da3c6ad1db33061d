/**
 * The lifecycle definition itself: valid ASL, and its Retry/Catch paths do
 * what the design says, run by the same in-process interpreter the local
 * runtime uses with the task handlers replaced by scripted stand-ins.
 */
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { LambdaHost, localLambdaArn } from '../../infra/local/lambdaHost';
import { LocalStepFunctions } from '../../infra/local/localStepFunctions';
import { COMPLAINT_LIFECYCLE_NAME, complaintLifecycleDefinition, lifecycleFunctionNames, resolvedLifecycleDefinition } from '../../workflows/complaintLifecycle';
import { lambdaFunctions } from '../../infra/catalog';
import { InMemoryExecutionJournal } from '../support/inMemoryExecutionJournal';

const definition = resolvedLifecycleDefinition(localLambdaArn);
const stateMachineArn = `arn:aws:states:us-east-1:000000000000:stateMachine:${COMPLAINT_LIFECYCLE_NAME}`;

function failure(name: string): Error {
  const error = new Error(`${name} (scripted)`);
  error.name = name;
  return error;
}

async function runLifecycle(acknowledge: (attempt: number) => unknown) {
  const calls = { acknowledge: 0, park: [] as unknown[] };
  const states: string[] = [];
  const journal = new InMemoryExecutionJournal();
  const sfn = new LocalStepFunctions({
    stateMachineArn,
    definition,
    lambdas: new LambdaHost({
      acknowledgeComplaint: async () => acknowledge(++calls.acknowledge),
      parkForAttention: async (event) => {
        calls.park.push(event);
        return { status: 'needs-attention' };
      },
    }),
    journal,
    timeScale: 1000,
    log: (entry) => entry.message === 'state entered' && states.push(String(entry.state)),
  });
  await sfn.startExecution({ stateMachineArn, name: 'case-1', input: JSON.stringify({ caseId: 'case-1' }) });
  await sfn.idle();
  return { calls, states, record: journal.records.get('case-1')! };
}

describe('complaint lifecycle definition', () => {
  it('is valid Amazon States Language', () => {
    const result = aslValidator(definition, { checkArn: true, checkPaths: true });
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('refers only to functions of the catalog, through placeholders CDK substitutes', () => {
    const names = lifecycleFunctionNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(Object.keys(lambdaFunctions)).toContain(name);
    expect(JSON.stringify(complaintLifecycleDefinition())).not.toMatch(/arn:aws:lambda/);
  });

  it('acknowledges a new complaint and waits for triage', async () => {
    const { states, record, calls } = await runLifecycle(() => ({ status: 'acknowledged' }));
    expect(record.status).toBe('SUCCEEDED');
    expect(states).toEqual(['AcknowledgeComplaint', 'AwaitingTriage']);
    expect(calls.park).toEqual([]);
  });

  it('retries a transient failure with backoff and carries on', async () => {
    const { states, calls } = await runLifecycle((attempt) => {
      if (attempt < 3) throw failure('EmailRefusedError');
      return { status: 'acknowledged' };
    });
    expect(calls.acknowledge).toBe(3);
    expect(states.at(-1)).toBe('AwaitingTriage');
  });

  it('parks the case for a person at once when an email is in doubt, without retrying', async () => {
    const { states, calls, record } = await runLifecycle(() => {
      throw failure('NotificationInDoubtError');
    });
    expect(calls.acknowledge).toBe(1);
    expect(calls.park).toEqual([{ caseId: 'case-1', failedStep: 'AcknowledgeComplaint', error: { Error: 'NotificationInDoubtError', Cause: 'NotificationInDoubtError (scripted)' } }]);
    expect(states.at(-1)).toBe('NeedsAttention');
    expect(record.status).toBe('SUCCEEDED');
  });

  it('parks the case after the retries run out, never failing the execution silently', async () => {
    const { calls, states } = await runLifecycle(() => {
      throw failure('ProvisionedThroughputExceededException');
    });
    expect(calls.acknowledge).toBe(5);
    expect(calls.park).toHaveLength(1);
    expect(states.at(-1)).toBe('NeedsAttention');
  });
});
