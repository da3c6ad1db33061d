/**
 * The complaint lifecycle state machine (Amazon States Language), defined once.
 * The CDK stack deploys it with each `${<function>Arn}` placeholder substituted
 * by the Lambda's ARN; the local runtime runs the same JSON in-process with
 * each Task mapped to the same handler code.
 *
 * ISO 10002 operation of the complaints-handling process, as states:
 *   receipt (intake API) → acknowledgement → initial assessment (AwaitTriage)
 *   → routing by class → investigation against the deadline (AwaitResolution,
 *     escalating when missed) → compensation review → response
 *   → satisfaction follow-up → closing; a poor rating reopens it as stage 2.
 * People act through `.waitForTaskToken` tasks (`awaitStaffDecision` stores the
 * token; the staff actions API completes it). Every automated step retries
 * transient errors and, failing for good, parks the case for a person, who can
 * resume it at the failed step.
 */
import type { LambdaFunctionName } from '../infra/catalog';

export const COMPLAINT_LIFECYCLE_NAME = 'ComplaintLifecycle';

/**
 * Errors a retry cannot fix: the case is parked for a person at once. (Email is not among the causes: steps queue
 * email in the outbox and never fail because of the mail service; emails in doubt reach a person through the case's
 * `emailAttention`, functions/domain/notifications/outbox.ts.)
 */
const PERMANENT_ERRORS = ['InvalidTaskInputError'];
/** Transient faults of Lambda itself and of DynamoDB, retried on callback tasks (never a timeout). */
const TRANSIENT_INVOKE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'TransactionConflictException',
  'InternalServerError',
];

export function lambdaArnPlaceholder(name: LambdaFunctionName): string {
  return `\${${name}Arn}`;
}

type State = Record<string, unknown> & { Type: string };

/** Retry transient failures with jittered exponential backoff (about 2, 4, 8, 16 s). */
const retryTransient = [
  { ErrorEquals: PERMANENT_ERRORS, MaxAttempts: 0 },
  { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 4, BackoffRate: 2, JitterStrategy: 'FULL' },
];

/** Steps that can fail and be resumed by a person; each gets a park state. */
const parkable: string[] = [];

/** Any failure that survives its retries parks the case, naming the step. */
function parkOnFailure(step: string) {
  parkable.push(step);
  return [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: `Park_${step}` }];
}

/** An automated step: a Lambda task with retries, parking the case if it fails for good. */
function step(name: string, fn: LambdaFunctionName, parameters: Record<string, unknown>, next: string, resultPath: string | null = `$.steps.${name}`): State {
  return {
    Type: 'Task',
    Resource: lambdaArnPlaceholder(fn),
    Parameters: { 'caseId.$': '$.caseId', ...parameters },
    TimeoutSeconds: 60,
    ResultPath: resultPath,
    Retry: retryTransient,
    Catch: parkOnFailure(name),
    Next: next,
  };
}

/** A person's decision: the workflow hands a task token to `awaitStaffDecision` and waits (up to the deadline, if given). */
function awaitPerson(name: string, waitingFor: string, next: string, timeout?: { secondsPath: string; onTimeout: string }): State {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: { FunctionName: lambdaArnPlaceholder('awaitStaffDecision'), Payload: { 'caseId.$': '$.caseId', waitingFor, 'taskToken.$': '$$.Task.Token' } },
    ...(timeout ? { TimeoutSecondsPath: timeout.secondsPath } : {}),
    ResultPath: '$.signal',
    Retry: [{ ErrorEquals: TRANSIENT_INVOKE_ERRORS, IntervalSeconds: 2, MaxAttempts: 4, BackoffRate: 2, JitterStrategy: 'FULL' }],
    Catch: [...(timeout ? [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: timeout.onTimeout }] : []), ...parkOnFailure(name)],
    Next: next,
  };
}

const signalIs = (event: string) => ({ Variable: '$.signal.event', StringEquals: event });

/**
 * A wait on a person timed out: at a warning point before the breach (`ScheduleDeadline` said so), or at the
 * deadline itself. Only timeouts pass here, so a case answered in time costs no extra transition.
 */
function warningOrOverdue(warn: string, overdue: string): State {
  return {
    Type: 'Choice',
    Choices: [{ And: [{ Variable: '$.schedule.warning', IsPresent: true }, { Variable: '$.schedule.warning', BooleanEquals: true }], Next: warn }],
    Default: overdue,
  };
}

export function complaintLifecycleDefinition() {
  parkable.length = 0;
  const states: Record<string, State> = {
    Begin: {
      Type: 'Choice',
      Comment: 'A reopened (stage 2) case starts a new execution that enters at stage 2.',
      Choices: [{ And: [{ Variable: '$.entry', IsPresent: true }, { Variable: '$.entry', StringEquals: 'stage-2' }], Next: 'OpenStage2' }],
      Default: 'AcknowledgeComplaint',
    },
    AcknowledgeComplaint: step('AcknowledgeComplaint', 'acknowledgeComplaint', {}, 'ResolvedAtReceipt', '$.acknowledgement'),
    ResolvedAtReceipt: {
      Type: 'Choice',
      Comment: 'Resolved on the spot by staff at receipt: still recorded in full, reported, and followed up.',
      Choices: [{ Variable: '$.acknowledgement.resolvedOnTheSpot', BooleanEquals: true, Next: 'ReportOnTheSpotResolution' }],
      Default: 'ScheduleTriageDeadline',
    },
    ReportOnTheSpotResolution: step('ReportOnTheSpotResolution', 'reportOnTheSpotResolution', {}, 'WaitForFollowUp', '$.response'),

    // Initial assessment: rules proposed class, severity and category at acknowledgement; a person confirms or corrects.
    ScheduleTriageDeadline: step('ScheduleTriageDeadline', 'scheduleDeadline', {}, 'AwaitTriage', '$.schedule'),
    AwaitTriage: awaitPerson('AwaitTriage', 'triage', 'TriageDecision', { secondsPath: '$.schedule.timeoutSeconds', onTimeout: 'TriageWarningOrOverdue' }),
    TriageWarningOrOverdue: warningOrOverdue('WarnBeforeTriageDeadline', 'EscalateUntriaged'),
    WarnBeforeTriageDeadline: step('WarnBeforeTriageDeadline', 'warnBeforeDeadline', {}, 'ScheduleTriageDeadline', '$.warned'),
    EscalateUntriaged: step('EscalateUntriaged', 'escalateOverdue', { 'expectedEscalationCount.$': '$.schedule.escalationCount' }, 'ScheduleTriageDeadline'),
    TriageDecision: {
      Type: 'Choice',
      Choices: [
        { ...signalIs('invalid'), Next: 'CloseAsInvalid' },
        { ...signalIs('withdrawn'), Next: 'CloseWithdrawn' },
      ],
      Default: 'RouteComplaint',
    },
    RouteComplaint: step('RouteComplaint', 'routeComplaint', {}, 'ScheduleDeadline'),

    // Investigation against the deadline; a missed deadline escalates (estate manager, then HQ).
    ScheduleDeadline: step('ScheduleDeadline', 'scheduleDeadline', {}, 'AwaitResolution', '$.schedule'),
    AwaitResolution: awaitPerson('AwaitResolution', 'resolution', 'ResolutionDecision', { secondsPath: '$.schedule.timeoutSeconds', onTimeout: 'WarningOrOverdue' }),
    WarningOrOverdue: warningOrOverdue('WarnBeforeDeadline', 'EscalateOverdue'),
    WarnBeforeDeadline: step('WarnBeforeDeadline', 'warnBeforeDeadline', {}, 'ScheduleDeadline', '$.warned'),
    EscalateOverdue: step('EscalateOverdue', 'escalateOverdue', { 'expectedEscalationCount.$': '$.schedule.escalationCount' }, 'ScheduleDeadline'),
    ResolutionDecision: {
      Type: 'Choice',
      Choices: [
        { And: [signalIs('responded'), { Variable: '$.signal.compensationPending', BooleanEquals: true }], Next: 'AwaitCompensationSummary' },
        { ...signalIs('responded'), Next: 'SendResponse' },
        { ...signalIs('escalated'), Next: 'NotifyEscalation' },
        { ...signalIs('interim-response'), Next: 'SendInterimResponse' },
        { ...signalIs('deadline-moved'), Next: 'NotifyClockChange' },
        { ...signalIs('invalid'), Next: 'CloseAsInvalid' },
        { ...signalIs('withdrawn'), Next: 'CloseWithdrawn' },
      ],
      Default: 'ScheduleDeadline',
    },
    NotifyEscalation: step('NotifyEscalation', 'notifyStaffEscalation', { 'eventSeq.$': '$.signal.eventSeq' }, 'ScheduleDeadline'),
    SendInterimResponse: step('SendInterimResponse', 'sendInterimResponse', { 'eventSeq.$': '$.signal.eventSeq', 'reason.$': '$.signal.reason', 'measures.$': '$.signal.measures' }, 'ScheduleDeadline'),
    NotifyClockChange: step('NotifyClockChange', 'notifyClockChange', { 'eventSeq.$': '$.signal.eventSeq', 'paused.$': '$.signal.paused', 'reason.$': '$.signal.reason' }, 'ScheduleDeadline'),

    // Compensation review: the CS lead's written summary to the manager first (seed 001 §5.6.2-3), then the estate
    // manager decides; above the group threshold HQ approves too. Only a claim passes here: the common path is unchanged.
    AwaitCompensationSummary: awaitPerson('AwaitCompensationSummary', 'compensation-summary', 'CompensationSummaryDecision'),
    CompensationSummaryDecision: {
      Type: 'Choice',
      Comment: 'The complainant may withdraw while the CS lead prepares the summary.',
      Choices: [{ ...signalIs('withdrawn'), Next: 'CloseWithdrawn' }],
      Default: 'RequestCompensationDecision',
    },
    RequestCompensationDecision: step('RequestCompensationDecision', 'requestCompensationDecision', { approver: 'estate-manager' }, 'AwaitCompensationDecision'),
    AwaitCompensationDecision: awaitPerson('AwaitCompensationDecision', 'compensation-decision', 'CompensationDecision'),
    CompensationDecision: {
      Type: 'Choice',
      Choices: [
        { ...signalIs('withdrawn'), Next: 'CloseWithdrawn' },
        { And: [{ Variable: '$.signal.needsHqApproval', IsPresent: true }, { Variable: '$.signal.needsHqApproval', BooleanEquals: true }], Next: 'RequestHqCompensationApproval' },
      ],
      Default: 'SendResponse',
    },
    RequestHqCompensationApproval: step('RequestHqCompensationApproval', 'requestCompensationDecision', { approver: 'hq' }, 'AwaitHqCompensationApproval'),
    AwaitHqCompensationApproval: awaitPerson('AwaitHqCompensationApproval', 'compensation-hq-approval', 'HqCompensationDecision'),
    HqCompensationDecision: {
      Type: 'Choice',
      Comment: 'The complainant may withdraw while HQ reviews the amount.',
      Choices: [{ ...signalIs('withdrawn'), Next: 'CloseWithdrawn' }],
      Default: 'SendResponse',
    },

    // Response, then the satisfaction follow-up some days later.
    SendResponse: step('SendResponse', 'sendResponse', {}, 'WaitForFollowUp', '$.response'),
    WaitForFollowUp: { Type: 'Wait', TimestampPath: '$.response.followUpAt', Next: 'SendFollowUpRequest' },
    SendFollowUpRequest: step('SendFollowUpRequest', 'sendFollowUpRequest', {}, 'AwaitFeedback', '$.followUp'),
    AwaitFeedback: awaitPerson('AwaitFeedback', 'feedback', 'FeedbackDecision', { secondsPath: '$.followUp.windowSeconds', onTimeout: 'ConcludeFollowUp' }),
    // The window ended; a rating that arrived at the same moment still counts.
    ConcludeFollowUp: step('ConcludeFollowUp', 'concludeFollowUp', {}, 'FeedbackDecision', '$.signal'),
    FeedbackDecision: {
      Type: 'Choice',
      Choices: [
        { ...signalIs('no-response'), Next: 'CloseNoResponse' },
        { ...signalIs('stage-2-requested'), Next: 'OpenStage2' },
        { And: [{ Variable: '$.signal.dissatisfied', BooleanEquals: true }, { Variable: '$.signal.stage', NumericEquals: 1 }], Next: 'OpenStage2' },
        { Variable: '$.signal.dissatisfied', BooleanEquals: true, Next: 'CloseFinalDissatisfied' },
      ],
      Default: 'CloseSatisfied',
    },
    OpenStage2: step('OpenStage2', 'openStage2', {}, 'ScheduleDeadline'),

    // Closing.
    CloseSatisfied: step('CloseSatisfied', 'closeCase', { reason: 'satisfied' }, 'Closed'),
    CloseNoResponse: step('CloseNoResponse', 'closeCase', { reason: 'no-response' }, 'Closed'),
    CloseFinalDissatisfied: step('CloseFinalDissatisfied', 'closeCase', { reason: 'final-dissatisfied' }, 'Closed'),
    CloseAsInvalid: step('CloseAsInvalid', 'closeCase', { reason: 'invalid' }, 'Closed'),
    // The complainant withdrew from the tracking page while a person's step waited (functions/domain/lifecycle/residentChoices.ts).
    CloseWithdrawn: step('CloseWithdrawn', 'closeCase', { reason: 'withdrawn' }, 'Closed'),
    Closed: { Type: 'Succeed' },
  };

  // A step that failed for good parks the case; a person checks it and resumes the workflow at that step.
  for (const failed of [...parkable]) {
    states[`Park_${failed}`] = {
      Type: 'Task',
      Resource: lambdaArnPlaceholder('parkForAttention'),
      Parameters: { 'caseId.$': '$.caseId', failedStep: failed, 'error.$': '$.failure' },
      // The step to resume comes from the definition itself, not from the function's answer.
      ResultSelector: { failedStep: failed },
      ResultPath: '$.parked',
      Retry: retryTransient,
      Next: 'AwaitRecovery',
    };
  }
  states.AwaitRecovery = {
    ...awaitPerson('AwaitRecovery', 'recovery', 'ResumeFailedStep'),
    // A failure here cannot be parked again: the execution fails visibly instead.
    Catch: undefined,
  };
  states.ResumeFailedStep = {
    Type: 'Choice',
    Choices: parkable.filter((name) => name !== 'AwaitRecovery').map((name) => ({ Variable: '$.parked.failedStep', StringEquals: name, Next: name })),
    Default: 'AwaitRecovery',
  };
  return {
    Comment: 'Complaint lifecycle (ISO 10002 operation of the complaints-handling process). Source: workflows/complaintLifecycle.ts',
    StartAt: 'Begin',
    States: JSON.parse(JSON.stringify(states)) as Record<string, State>,
  };
}

/** Every Lambda the definition refers to, for substitution in CDK and in the local runtime. */
export function lifecycleFunctionNames(): LambdaFunctionName[] {
  const text = JSON.stringify(complaintLifecycleDefinition());
  return [...new Set([...text.matchAll(/\$\{(\w+)Arn\}/g)].map((m) => m[1] as LambdaFunctionName))];
}

/** The definition with each placeholder replaced by an ARN. */
export function resolvedLifecycleDefinition(arnOf: (name: LambdaFunctionName) => string) {
  let text = JSON.stringify(complaintLifecycleDefinition());
  for (const name of lifecycleFunctionNames()) text = text.split(lambdaArnPlaceholder(name)).join(arnOf(name));
  return JSON.parse(text) as ReturnType<typeof complaintLifecycleDefinition>;
}
