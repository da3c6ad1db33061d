/**
 * The complaint lifecycle state machine (Amazon States Language), defined once.
 * The CDK stack deploys it with each `${<function>Arn}` placeholder substituted
 * by the Lambda's ARN; the local runtime runs the same JSON in-process with
 * each Task mapped to the same handler code.
 *
 * Today: Receipt → Acknowledgement. Later steps (triage, routing, deadlines,
 * compensation review, response, follow-up) plug in after `AwaitingTriage`.
 */
import type { LambdaFunctionName } from '../infra/catalog';

export const COMPLAINT_LIFECYCLE_NAME = 'ComplaintLifecycle';

/** Errors a retry cannot fix: the case is parked for a person at once. */
const PERMANENT_ERRORS = ['NotificationInDoubtError', 'InvalidTaskInputError'];

export function lambdaArnPlaceholder(name: LambdaFunctionName): string {
  return `\${${name}Arn}`;
}

/** Retry transient failures with jittered exponential backoff (about 2, 4, 8, 16 s). */
const retryTransient = [
  { ErrorEquals: PERMANENT_ERRORS, MaxAttempts: 0 },
  { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 4, BackoffRate: 2, JitterStrategy: 'FULL' },
];

function lambdaTask(fn: LambdaFunctionName, parameters: Record<string, unknown>, rest: Record<string, unknown>) {
  return { Type: 'Task', Resource: lambdaArnPlaceholder(fn), Parameters: parameters, TimeoutSeconds: 60, Retry: retryTransient, ...rest };
}

/** Any failure that survives its retries sends the case to `ParkForAttention` with the step's name. */
function parkOnFailure(step: string) {
  return [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: `ParkForAttention_${step}` }];
}

function parkState(step: string) {
  return lambdaTask('parkForAttention', { 'caseId.$': '$.caseId', failedStep: step, 'error.$': '$.failure' }, { ResultPath: '$.attention', Next: 'NeedsAttention' });
}

export function complaintLifecycleDefinition() {
  return {
    Comment: 'Complaint lifecycle (ISO 10002 operation of the complaints-handling process). Source: workflows/complaintLifecycle.ts',
    StartAt: 'AcknowledgeComplaint',
    States: {
      AcknowledgeComplaint: lambdaTask('acknowledgeComplaint', { 'caseId.$': '$.caseId' }, {
        Comment: 'Acknowledgement: thank the complainant, give the reference, the private link and when they will hear back',
        ResultPath: '$.acknowledgement',
        Catch: parkOnFailure('AcknowledgeComplaint'),
        Next: 'AwaitingTriage',
      }),
      AwaitingTriage: { Type: 'Succeed', Comment: 'Initial assessment by staff comes next (triage).' },
      ParkForAttention_AcknowledgeComplaint: parkState('AcknowledgeComplaint'),
      NeedsAttention: { Type: 'Succeed', Comment: 'The case is visible to staff as "needs attention"; they take it from here.' },
    },
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
