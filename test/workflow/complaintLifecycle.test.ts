/**
 * The lifecycle definition itself: valid ASL, and its paths, retries and
 * parking do what the design says — run by the same in-process interpreter
 * the local runtime uses, with every task handler replaced by a scripted
 * stand-in (people's decisions are scripted too). Counts state transitions,
 * the Step Functions cost driver.
 */
import { parseTimeScale, PlatformClock } from '../../infra/local/platformClock';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { lambdaFunctions } from '../../infra/catalog';
import { LambdaHost, localLambdaArn } from '../../infra/local/lambdaHost';
import { LocalStepFunctions } from '../../infra/local/localStepFunctions';
import { COMPLAINT_LIFECYCLE_NAME, complaintLifecycleDefinition, lifecycleFunctionNames, resolvedLifecycleDefinition } from '../../workflows/complaintLifecycle';
import { InMemoryExecutionJournal } from '../support/inMemoryExecutionJournal';

const definition = resolvedLifecycleDefinition(localLambdaArn);
const stateMachineArn = `arn:aws:states:us-east-1:000000000000:stateMachine:${COMPLAINT_LIFECYCLE_NAME}`;

function failure(name: string): Error {
  const error = new Error(`${name} (scripted)`);
  error.name = name;
  return error;
}

type Script = {
  /** What people decide at each wait, in order of the waits; `null`: nobody decides that time (the wait may time out). */
  decisions?: Partial<Record<string, (Record<string, unknown> | null)[]>>;
  /** Overrides of task stand-ins by function name; `attempt` counts calls of that function. */
  tasks?: Partial<Record<string, (attempt: number, event: Record<string, unknown>) => unknown>>;
  input?: Record<string, unknown>;
  /** 1 keeps scripted timeouts real; higher compresses retries' backoff. */
  timeScale?: number;
};

async function runLifecycle(script: Script) {
  const calls: Record<string, Record<string, unknown>[]> = {};
  const states: string[] = [];
  const journal = new InMemoryExecutionJournal();
  const decisions = structuredClone(script.decisions ?? {});
  let sfn: LocalStepFunctions;
  const standIns: Record<string, (event: unknown) => Promise<unknown>> = {};
  for (const name of lifecycleFunctionNames()) {
    standIns[name] = async (event) => {
      const payload = event as Record<string, unknown>;
      (calls[name] ??= []).push(payload);
      const scripted = script.tasks?.[name];
      if (scripted) return scripted(calls[name]!.length, payload);
      switch (name) {
        case 'acknowledgeComplaint':
          return { status: 'acknowledged', resolvedOnTheSpot: false };
        case 'scheduleDeadline':
          return { timeoutSeconds: 3600, escalationCount: 0 };
        case 'sendResponse':
        case 'reportOnTheSpotResolution':
          return { followUpAt: new Date().toISOString() };
        case 'sendFollowUpRequest':
          return { windowSeconds: 3600 };
        case 'awaitStaffDecision': {
          const next = decisions[String(payload.waitingFor)]?.shift();
          // The person's decision arrives through SendTaskSuccess, as from the actions API.
          if (next) sfn.sendTaskSuccess(String(payload.taskToken), JSON.stringify(next));
          return {};
        }
        default:
          return { ok: true };
      }
    };
  }
  sfn = new LocalStepFunctions({
    stateMachineArn,
    definition,
    lambdas: new LambdaHost(standIns),
    journal,
    clock: new PlatformClock(parseTimeScale(script.timeScale ?? 1)),
    log: (entry) => entry.message === 'state entered' && states.push(String(entry.state)),
  });
  await sfn.startExecution({ stateMachineArn, name: 'case-1', input: JSON.stringify({ caseId: 'case-1', ...script.input }) });
  // Done when the execution ends, or rests (waiting on a decision nobody scripted) for half a second.
  let seen = -1;
  for (let i = 0; i < 300 && sfn.runningCount() > 0; i += 1) {
    if (states.length === seen && states.at(-1)?.startsWith('Await') && i % 25 === 0) break;
    if (i % 25 === 0) seen = states.length;
    await new Promise((r) => setTimeout(r, 20));
  }
  await sfn.stop();
  return { calls, states, record: journal.records.get('case-1')! };
}

const triaged = { event: 'triaged', caseClass: 1, severity: 'general' };
const responded = { event: 'responded', compensationPending: false };
const satisfied = { event: 'feedback', dissatisfied: false, stage: 1 };

describe('complaint lifecycle definition', () => {
  it('is valid Amazon States Language', () => {
    const result = aslValidator(definition, { checkArn: true, checkPaths: true });
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('refers only to functions of the catalog, through placeholders CDK substitutes', () => {
    const names = lifecycleFunctionNames();
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(Object.keys(lambdaFunctions)).toContain(name);
    expect(JSON.stringify(complaintLifecycleDefinition())).not.toMatch(/arn:aws:lambda/);
  });

  it('runs the common path (class 1, no claim, satisfied) in at most 20 state transitions', async () => {
    const { states, record } = await runLifecycle({ decisions: { triage: [triaged], resolution: [responded], feedback: [satisfied] } });
    expect(record.status).toBe('SUCCEEDED');
    expect(states).toEqual([
      'Begin', 'AcknowledgeComplaint', 'ResolvedAtReceipt', 'ScheduleTriageDeadline', 'AwaitTriage', 'TriageDecision', 'RouteComplaint',
      'ScheduleDeadline', 'AwaitResolution', 'ResolutionDecision', 'SendResponse', 'WaitForFollowUp', 'SendFollowUpRequest', 'AwaitFeedback',
      'FeedbackDecision', 'CloseSatisfied', 'Closed',
    ]);
    expect(states.length).toBeLessThanOrEqual(20);
  });

  it("takes a claim through the CS lead's summary, the estate manager and, above the threshold, HQ before responding", async () => {
    const { states, calls } = await runLifecycle({
      decisions: {
        triage: [triaged],
        resolution: [{ event: 'responded', compensationPending: true }],
        'compensation-summary': [{ event: 'compensation-summarised' }],
        'compensation-decision': [{ event: 'compensation-decided', needsHqApproval: true }],
        'compensation-hq-approval': [{ event: 'compensation-decided', needsHqApproval: false }],
        feedback: [satisfied],
      },
    });
    // The manager is asked only once the summary is in (seed 001 §5.6.3).
    expect(states.slice(states.indexOf('ResolutionDecision'), states.indexOf('SendResponse') + 1)).toEqual([
      'ResolutionDecision', 'AwaitCompensationSummary', 'CompensationSummaryDecision', 'RequestCompensationDecision', 'AwaitCompensationDecision', 'CompensationDecision',
      'RequestHqCompensationApproval', 'AwaitHqCompensationApproval', 'HqCompensationDecision', 'SendResponse',
    ]);
    expect(calls.requestCompensationDecision!.map((c) => c.approver)).toEqual(['estate-manager', 'hq']);
  });

  it('closes an invalid complaint with its explanation, skipping the investigation', async () => {
    const { states, calls } = await runLifecycle({ decisions: { triage: [{ event: 'invalid' }] } });
    expect(states.slice(-3)).toEqual(['TriageDecision', 'CloseAsInvalid', 'Closed']);
    expect(calls.closeCase![0]!.reason).toBe('invalid');
  });

  it('closes a complaint the complainant withdrew at any person\'s step before the response, sending no response', async () => {
    const withdrawn = { event: 'withdrawn' };
    const cases: { decisions: Script['decisions']; before: string }[] = [
      { decisions: { triage: [withdrawn] }, before: 'TriageDecision' },
      { decisions: { triage: [triaged], resolution: [withdrawn] }, before: 'ResolutionDecision' },
      { decisions: { triage: [triaged], resolution: [{ event: 'responded', compensationPending: true }], 'compensation-summary': [withdrawn] }, before: 'CompensationSummaryDecision' },
      { decisions: { triage: [triaged], resolution: [{ event: 'responded', compensationPending: true }], 'compensation-summary': [{ event: 'compensation-summarised' }], 'compensation-decision': [withdrawn] }, before: 'CompensationDecision' },
      {
        decisions: {
          triage: [triaged],
          resolution: [{ event: 'responded', compensationPending: true }],
          'compensation-summary': [{ event: 'compensation-summarised' }],
          'compensation-decision': [{ event: 'compensation-decided', needsHqApproval: true }],
          'compensation-hq-approval': [withdrawn],
        },
        before: 'HqCompensationDecision',
      },
    ];
    for (const { decisions, before } of cases) {
      const { states, calls, record } = await runLifecycle({ decisions });
      expect(states.slice(-3), before).toEqual([before, 'CloseWithdrawn', 'Closed']);
      expect(calls.closeCase!.map((c) => c.reason), before).toEqual(['withdrawn']);
      expect(calls.sendResponse, before).toBeUndefined();
      expect(record.status, before).toBe('SUCCEEDED');
    }
  });

  it('escalates when the deadline passes and keeps waiting, then reopens as stage 2 when the complainant is dissatisfied', async () => {
    const { states, calls } = await runLifecycle({
      tasks: { scheduleDeadline: (attempt) => ({ timeoutSeconds: attempt === 2 ? 1 : 3600, escalationCount: attempt === 2 ? 0 : 1 }) },
      // Nobody responds the first time: the deadline (1 s here) passes.
      decisions: { triage: [triaged], resolution: [null, responded, responded], feedback: [{ event: 'feedback', dissatisfied: true, stage: 1 }, { event: 'feedback', dissatisfied: true, stage: 2 }] },
    });
    expect(calls.escalateOverdue).toHaveLength(1);
    expect(calls.escalateOverdue![0]!.expectedEscalationCount).toBe(0);
    expect(states).toEqual(expect.arrayContaining(['EscalateOverdue', 'OpenStage2', 'CloseFinalDissatisfied']));
  });

  it('a wait that times out at a warning point warns and waits again, without escalating', async () => {
    const { states, calls } = await runLifecycle({
      // Schedule 1 is triage's; the response wait first times out at a warning point (1 s here), then waits for the deadline.
      tasks: { scheduleDeadline: (attempt) => ({ timeoutSeconds: attempt === 2 ? 1 : 3600, warning: attempt === 2, escalationCount: 0 }) },
      decisions: { triage: [triaged], resolution: [null, responded], feedback: [satisfied] },
    });
    expect(calls.warnBeforeDeadline).toHaveLength(1);
    expect(calls.escalateOverdue ?? []).toHaveLength(0);
    expect(states).toEqual(expect.arrayContaining(['WarningOrOverdue', 'WarnBeforeDeadline', 'CloseSatisfied']));
    expect(states.filter((s) => s === 'AwaitResolution')).toHaveLength(2);
  });

  it('a staff action that moves the deadline, escalates or asks for an interim response loops back to the deadline', async () => {
    const { states, calls } = await runLifecycle({
      decisions: {
        triage: [triaged],
        resolution: [
          { event: 'deadline-moved', paused: true, reason: 'parts', eventSeq: 5 },
          { event: 'interim-response', reason: 'r', measures: 'm', eventSeq: 6 },
          { event: 'escalated', eventSeq: 7 },
          responded,
        ],
        feedback: [satisfied],
      },
    });
    expect(calls.notifyClockChange![0]).toMatchObject({ eventSeq: 5, paused: true, reason: 'parts' });
    expect(calls.sendInterimResponse![0]).toMatchObject({ eventSeq: 6, reason: 'r', measures: 'm' });
    expect(calls.notifyStaffEscalation![0]).toMatchObject({ eventSeq: 7 });
    expect(states.filter((s) => s === 'AwaitResolution')).toHaveLength(4);
  });

  it('retries a transient failure with backoff and carries on', async () => {
    const { states, calls } = await runLifecycle({
      timeScale: 10_000,
      tasks: { acknowledgeComplaint: (attempt) => {
        if (attempt < 3) throw failure('ThrottlingException');
        return { resolvedOnTheSpot: false };
      } },
    });
    expect(calls.acknowledgeComplaint).toHaveLength(3);
    expect(states).toContain('AwaitTriage');
  });

  it('parks the case at once on an error a retry cannot fix, and resumes at the failed step once a person has checked', async () => {
    const { states, calls } = await runLifecycle({
      tasks: { routeComplaint: (attempt) => {
        if (attempt === 1) throw failure('InvalidTaskInputError');
        return { route: 'department' };
      } },
      decisions: { triage: [triaged], recovery: [{ event: 'recovered' }] },
    });
    expect(calls.routeComplaint).toHaveLength(2);
    expect(calls.parkForAttention).toEqual([{ caseId: 'case-1', failedStep: 'RouteComplaint', error: { Error: 'InvalidTaskInputError', Cause: 'InvalidTaskInputError (scripted)' } }]);
    expect(states).toEqual(expect.arrayContaining(['Park_RouteComplaint', 'AwaitRecovery', 'ResumeFailedStep', 'RouteComplaint', 'ScheduleDeadline']));
  });

  it('parks after the retries run out, never failing the execution silently', async () => {
    const { calls, states } = await runLifecycle({
      timeScale: 10_000,
      tasks: { acknowledgeComplaint: () => {
        throw failure('ProvisionedThroughputExceededException');
      } },
    });
    expect(calls.acknowledgeComplaint).toHaveLength(5);
    expect(calls.parkForAttention).toHaveLength(1);
    expect(states.at(-1)).toBe('AwaitRecovery');
  });

  it('when the follow-up window ends, a rating that arrived at that moment still counts; otherwise "no response" closes it', async () => {
    const late = await runLifecycle({
      tasks: {
        sendFollowUpRequest: () => ({ windowSeconds: 1 }),
        concludeFollowUp: () => ({ event: 'feedback', dissatisfied: true, stage: 1 }),
      },
      decisions: { triage: [triaged], resolution: [responded, responded], feedback: [null] },
    });
    expect(late.states).toEqual(expect.arrayContaining(['ConcludeFollowUp', 'FeedbackDecision', 'OpenStage2']));
    const silent = await runLifecycle({
      tasks: { sendFollowUpRequest: () => ({ windowSeconds: 1 }), concludeFollowUp: () => ({ event: 'no-response' }) },
      decisions: { triage: [triaged], resolution: [responded], feedback: [null] },
    });
    expect(silent.states.slice(-4)).toEqual(['ConcludeFollowUp', 'FeedbackDecision', 'CloseNoResponse', 'Closed']);
  });

  it('enters a reopened case at stage 2', async () => {
    const { states } = await runLifecycle({ input: { entry: 'stage-2' }, decisions: { resolution: [responded], feedback: [satisfied] } });
    expect(states.slice(0, 3)).toEqual(['Begin', 'OpenStage2', 'ScheduleDeadline']);
    expect(states.at(-1)).toBe('Closed');
  });
});
