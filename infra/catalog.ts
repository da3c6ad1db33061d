/**
 * Every Lambda function of the platform and every HTTP route, described once.
 * The CDK stack creates a NodejsFunction and an HTTP API route from each
 * entry; the local runtime loads the same handler files and serves the same
 * routes; the bench bundles the same entries.
 */
export interface LambdaSpec {
  /** Path of the handler file from the repository root; it exports `handler`. */
  entry: string;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** What the function may touch; the stack grants exactly this. */
  access: {
    caseTable: 'read' | 'read-write';
    sendEmail?: boolean;
    /** Start lifecycle executions (new complaints; reopened cases). */
    startLifecycle?: boolean;
    /** Complete waiting lifecycle tasks (SendTaskSuccess): people's decisions reaching the workflow. */
    completeLifecycleTasks?: boolean;
    cursorSecret?: boolean;
  };
  /**
   * A scheduled task: EventBridge runs it on `expression` in AWS; the local runtime every `everyMs`
   * divided by TIME_SCALE (infra/local/schedules.ts), and on demand.
   */
  schedule?: { expression: string; everyMs: number };
  /**
   * `stream`: the handler streams its response (Lambda response streaming). API Gateway cannot carry a
   * streamed body, so in AWS the function is reached through its own function URL (docs/AUDIT.md);
   * locally the gateway streams it on the API's port. Its routes are in `streamingRoutes`.
   */
  invokeMode?: 'stream';
}

export const lambdaFunctions = {
  listEstates: {
    entry: 'functions/api/listEstates.ts',
    description: 'GET /api/v1/estates: estates a resident can choose',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  createComplaint: {
    entry: 'functions/api/createComplaint.ts',
    description: 'POST /api/v1/complaints: receipt of a complaint',
    timeoutSeconds: 15,
    memoryMb: 512,
    access: { caseTable: 'read-write', startLifecycle: true },
  },
  getComplaintStatus: {
    entry: 'functions/api/getComplaintStatus.ts',
    description: "GET /api/v1/complaints/{id}: the complainant's private view",
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  openApiDocument: {
    entry: 'functions/api/openApiDocument.ts',
    description: 'GET /api/openapi.json: the API contract generated from the zod schemas',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  health: {
    entry: 'functions/api/health.ts',
    description: 'GET /health: liveness of the API and the case store',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  webPages: {
    entry: 'functions/api/webPages.ts',
    description: 'Resident web pages: complaint form and tracking page',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  chooseDeadlinePolicy: {
    entry: 'functions/api/chooseDeadlinePolicy.ts',
    description: 'POST /api/v1/estates/{estateId}/deadline-policy: HQ chooses the deadline policy of an estate',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  staffConsolePage: {
    entry: 'functions/api/staffConsolePage.ts',
    description: 'GET /staff: the staff console (its data comes from the staff API)',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  getCase: {
    entry: 'functions/api/getCase.ts',
    description: 'GET /api/v1/cases/{id}: the full case and timeline, for staff',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  revokeTrackingLinks: {
    entry: 'functions/api/revokeTrackingLinks.ts',
    description: "POST /api/v1/cases/{id}/tracking-links/revoke: revokes every tracking link of a case, issues none",
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  acknowledgeComplaint: {
    entry: 'functions/tasks/acknowledgeComplaint.ts',
    description: 'Workflow task: acknowledge a complaint and email the complainant',
    timeoutSeconds: 30,
    memoryMb: 512,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  awaitStaffDecision: {
    entry: 'functions/tasks/awaitStaffDecision.ts',
    description: 'Workflow task: store the task token of a wait on a person',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', completeLifecycleTasks: true },
  },
  routeComplaint: {
    entry: 'functions/tasks/routeComplaint.ts',
    description: 'Workflow task: route by class, notify department / developer / external party, alert HQ if critical',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  scheduleDeadline: {
    entry: 'functions/tasks/scheduleDeadline.ts',
    description: 'Workflow task: how long to wait for a person before the deadline',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  escalateOverdue: {
    entry: 'functions/tasks/escalateOverdue.ts',
    description: 'Workflow task: escalate a missed deadline and send the interim response',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  notifyStaffEscalation: {
    entry: 'functions/tasks/notifyStaffEscalation.ts',
    description: 'Workflow task: tell the estate manager or HQ of an escalation by staff',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  sendInterimResponse: {
    entry: 'functions/tasks/sendInterimResponse.ts',
    description: 'Workflow task: send a written interim response or extension notice',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  notifyClockChange: {
    entry: 'functions/tasks/notifyClockChange.ts',
    description: 'Workflow task: tell the complainant the clock was paused or resumed',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  requestCompensationDecision: {
    entry: 'functions/tasks/requestCompensationDecision.ts',
    description: 'Workflow task: ask the estate manager or HQ to decide a compensation claim',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  sendResponse: {
    entry: 'functions/tasks/sendResponse.ts',
    description: 'Workflow task: email the response in the complainant language',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  reportOnTheSpotResolution: {
    entry: 'functions/tasks/reportOnTheSpotResolution.ts',
    description: 'Workflow task: report an on-the-spot resolution to the customer-service lead',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  sendFollowUpRequest: {
    entry: 'functions/tasks/sendFollowUpRequest.ts',
    description: 'Workflow task: send the satisfaction follow-up with one-click ratings',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  openStage2: {
    entry: 'functions/tasks/openStage2.ts',
    description: 'Workflow task: reopen a case as stage 2',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  concludeFollowUp: {
    entry: 'functions/tasks/concludeFollowUp.ts',
    description: 'Workflow task: end the follow-up window; a late rating still counts',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  closeCase: {
    entry: 'functions/tasks/closeCase.ts',
    description: 'Workflow task: close a case and tell the complainant',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  parkForAttention: {
    entry: 'functions/tasks/parkForAttention.ts',
    description: 'Workflow task: park a case whose step failed and alert the estate desk',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  caseActions: {
    entry: 'functions/api/caseActions.ts',
    description: 'POST /api/v1/cases/{id}/actions: staff act on a case (triage, respond, escalate, ...)',
    timeoutSeconds: 15,
    memoryMb: 512,
    access: { caseTable: 'read-write', completeLifecycleTasks: true, startLifecycle: true },
  },
  compensationDecision: {
    entry: 'functions/api/compensationDecision.ts',
    description: 'POST /api/v1/cases/{id}/compensation: the estate manager or HQ decides a claim',
    timeoutSeconds: 15,
    memoryMb: 256,
    access: { caseTable: 'read-write', completeLifecycleTasks: true },
  },
  complaintFeedback: {
    entry: 'functions/api/complaintFeedback.ts',
    description: 'POST /api/v1/complaints/{id}/feedback and /stage-2: the complainant rates, or asks for stage 2',
    timeoutSeconds: 15,
    memoryMb: 256,
    access: { caseTable: 'read-write', completeLifecycleTasks: true, startLifecycle: true },
  },
  listCases: {
    entry: 'functions/api/listCases.ts',
    description: 'GET /api/v1/cases: the staff case list, filtered, newest first, signed cursor',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read', cursorSecret: true },
  },
  auditExport: {
    entry: 'functions/api/auditExport.ts',
    description: 'GET /api/v1/audit/export: streams audit events as JSONL or CSV with a verification manifest',
    timeoutSeconds: 900,
    memoryMb: 512,
    access: { caseTable: 'read' },
    invokeMode: 'stream',
  },
  verifyAudit: {
    entry: 'functions/api/verifyAudit.ts',
    description: "GET /api/v1/audit/verify: verifies an estate's case chains and anchors in the live store",
    timeoutSeconds: 29,
    memoryMb: 512,
    access: { caseTable: 'read' },
  },
  evidencePack: {
    entry: 'functions/api/evidencePack.ts',
    description: 'GET /api/v1/cases/{id}/evidence: one case with its verified timeline, deadlines, emails and chain proof',
    timeoutSeconds: 15,
    memoryMb: 512,
    access: { caseTable: 'read' },
  },
  erasePersonalData: {
    entry: 'functions/api/erasePersonalData.ts',
    description: "POST /api/v1/privacy/erasure: erases a complainant's personal data across their cases (PIPL / GDPR)",
    timeoutSeconds: 29,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  legalHold: {
    entry: 'functions/api/legalHold.ts',
    description: 'POST /api/v1/cases/{id}/legal-hold and /api/v1/estates/{estateId}/legal-hold: place or lift a legal hold',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  anchorEstateChains: {
    entry: 'functions/tasks/anchorEstateChains.ts',
    description: "Scheduled daily: anchors each estate's case-chain heads in the estate's own hash chain",
    timeoutSeconds: 900,
    memoryMb: 512,
    access: { caseTable: 'read-write' },
    schedule: { expression: 'cron(30 18 * * ? *)', everyMs: 24 * 60 * 60 * 1000 },
  },
  purgeExpiredRecords: {
    entry: 'functions/tasks/purgeExpiredRecords.ts',
    description: 'Scheduled daily: purges closed cases past their retention period and not on legal hold, leaving tombstones',
    timeoutSeconds: 900,
    memoryMb: 512,
    access: { caseTable: 'read-write' },
    schedule: { expression: 'cron(0 19 * * ? *)', everyMs: 24 * 60 * 60 * 1000 },
  },
} satisfies Record<string, LambdaSpec>;

export type LambdaFunctionName = keyof typeof lambdaFunctions;

export interface HttpRoute {
  method: 'GET' | 'POST';
  /** API Gateway HTTP API path syntax: `{id}` is a path parameter. */
  path: string;
  function: LambdaFunctionName;
  /**
   * `public`: anyone (residents hold a tracking token checked by the handler);
   * `staff`: a bearer JWT is required (the API's JWT authorizer in AWS; the handler verifies it too).
   */
  auth: 'public' | 'staff';
}

export const httpRoutes: HttpRoute[] = [
  { method: 'GET', path: '/', function: 'webPages', auth: 'public' },
  { method: 'GET', path: '/track/{id}', function: 'webPages', auth: 'public' },
  { method: 'GET', path: '/feedback/{id}', function: 'webPages', auth: 'public' },
  { method: 'GET', path: '/staff', function: 'staffConsolePage', auth: 'public' },
  { method: 'GET', path: '/health', function: 'health', auth: 'public' },
  { method: 'GET', path: '/api/openapi.json', function: 'openApiDocument', auth: 'public' },
  { method: 'GET', path: '/api/v1/estates', function: 'listEstates', auth: 'public' },
  { method: 'POST', path: '/api/v1/complaints', function: 'createComplaint', auth: 'public' },
  { method: 'GET', path: '/api/v1/complaints/{id}', function: 'getComplaintStatus', auth: 'public' },
  { method: 'GET', path: '/api/v1/cases/{id}', function: 'getCase', auth: 'staff' },
  { method: 'POST', path: '/api/v1/cases/{id}/actions', function: 'caseActions', auth: 'staff' },
  { method: 'POST', path: '/api/v1/cases/{id}/compensation', function: 'compensationDecision', auth: 'staff' },
  { method: 'POST', path: '/api/v1/estates/{estateId}/deadline-policy', function: 'chooseDeadlinePolicy', auth: 'staff' },
  { method: 'POST', path: '/api/v1/complaints/{id}/feedback', function: 'complaintFeedback', auth: 'public' },
  { method: 'POST', path: '/api/v1/complaints/{id}/stage-2', function: 'complaintFeedback', auth: 'public' },
  { method: 'POST', path: '/api/v1/cases/{id}/tracking-links/revoke', function: 'revokeTrackingLinks', auth: 'staff' },
  { method: 'GET', path: '/api/v1/cases', function: 'listCases', auth: 'staff' },
  { method: 'GET', path: '/api/v1/cases/{id}/evidence', function: 'evidencePack', auth: 'staff' },
  { method: 'POST', path: '/api/v1/cases/{id}/legal-hold', function: 'legalHold', auth: 'staff' },
  { method: 'POST', path: '/api/v1/estates/{estateId}/legal-hold', function: 'legalHold', auth: 'staff' },
  { method: 'GET', path: '/api/v1/audit/verify', function: 'verifyAudit', auth: 'staff' },
  { method: 'POST', path: '/api/v1/privacy/erasure', function: 'erasePersonalData', auth: 'staff' },
];

/**
 * Routes of functions with `invokeMode: 'stream'`. The local gateway serves them next to `httpRoutes`
 * on the same port; in AWS each function has its own function URL (RESPONSE_STREAM) and the handler
 * verifies the staff token itself (infra/constructs/auditTrail.ts, docs/AUDIT.md).
 */
export const streamingRoutes: HttpRoute[] = [
  { method: 'GET', path: '/api/v1/audit/export', function: 'auditExport', auth: 'staff' },
];
