/**
 * Every Lambda function of the platform and every HTTP route, described once.
 * The CDK stack creates a NodejsFunction and an HTTP API route from each
 * entry; the local runtime loads the same handler files and serves the same
 * routes; the bench bundles the same entries.
 */
import { START_LIFECYCLE_ON_INSERT } from '../functions/store/tableDesign';

export interface LambdaSpec {
  /** Path of the handler file from the repository root; it exports `handler`. */
  entry: string;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** What the function may touch; the stack grants exactly this. */
  access: {
    caseTable: 'read' | 'read-write';
    /** Send email through SES: the outbox's sender (`sendQueuedEmails`) and the Monday report (`compileWeeklyReports`); everything else queues email in the case table. */
    sendEmail?: boolean;
    /** Start lifecycle executions (new complaints; reopened cases). */
    startLifecycle?: boolean;
    /** Complete waiting lifecycle tasks (SendTaskSuccess): people's decisions reaching the workflow. */
    completeLifecycleTasks?: boolean;
    cursorSecret?: boolean;
    /** The key of the unit and phone digests staff search by (`CASE_LOOKUP_KEY`; functions/domain/caseLookup.ts): intake writes them, the case list searches them. */
    caseLookupKey?: boolean;
    /** The audit export bucket (export job files and manifests): `read` signs download links, `read-write` writes files. */
    auditExportBucket?: 'read' | 'read-write';
    /** The audit anchors bucket (published estate anchors, write-once in AWS): `read` verifies, `read-write` publishes (create-only; nothing may delete). */
    auditAnchorBucket?: 'read' | 'read-write';
    /** Start export jobs: invoke `runAuditExportJob` asynchronously. */
    startAuditExportJobs?: boolean;
    /** The inbound-mail bucket (raw messages SES received): read them and file them by disposition (docs/EMAIL_INTAKE.md). */
    inboundMailBucket?: boolean;
    /** The case-files bucket (residents' photos and documents): `read` signs download links, `read-write` stores files. */
    caseFilesBucket?: 'read' | 'read-write';
    /** Delete a case's objects at its erasure and retention purge: files and uploads (case-files bucket `cases/`, `uploads/`) and its filed raw messages (inbound-mail bucket `handled/`). */
    eraseCaseObjects?: boolean;
    /** The key of per-case reply addresses (Reply-To of emails to complainants; checking the address a reply came to). */
    replyAddresses?: boolean;
    /** Create, change and disable staff in the Cognito user pool (AdminCreateUser, groups, attributes, AdminDisableUser). */
    manageStaffDirectory?: boolean;
    /** Read the staff directory (who serves an estate; whether an assignee exists; the address of the person a case is assigned to): AdminGetUser, AdminListGroupsForUser, ListUsersInGroup. */
    readStaffDirectory?: boolean;
    /** List staff by role (Cognito ListUsersInGroup only): who receives the Monday report. */
    listStaffDirectory?: boolean;
  };
  /**
   * A scheduled task: EventBridge runs it on `expression` in AWS; the local runtime every `everyMs`
   * divided by TIME_SCALE (infra/local/schedules.ts), and on demand. With `timeZone`, an EventBridge
   * Scheduler schedule runs the cron `expression` in that zone (daylight saving included; the stack's
   * context `reportingTimeZone` overrides it), and the local runtime runs it at the same local times on
   * the platform clock.
   */
  schedule?: { expression: string; everyMs: number; timeZone?: string };
  /**
   * `stream`: the handler streams its response (Lambda response streaming). API Gateway cannot carry a
   * streamed body, so in AWS the function is reached through its own function URL (docs/AUDIT.md);
   * locally the gateway streams it on the API's port. Its routes are in `streamingRoutes`.
   */
  invokeMode?: 'stream';
  /**
   * Invoked asynchronously (InvocationType Event): how long Lambda keeps trying to deliver an event,
   * and how many times it retries a run that threw. Locally the runtime's Lambda API runs it once.
   */
  asyncInvocation?: { maxEventAgeSeconds: number; retryAttempts: 0 | 1 | 2 };
  /** Run by an operator (e.g. `aws lambda invoke` after a deployment), never by the platform itself: a batch job. */
  invokedByHand?: true;
  /**
   * A consumer of the case table's change stream. In AWS an event source mapping feeds it batches
   * of the records that match `filter` (retrying a failed record `retryAttempts` times, then sending
   * it to the stream's dead-letter queue); locally the runtime's stream poller does the same
   * (infra/local/tableStreams.ts). The handler reports failed records as `batchItemFailures`.
   */
  tableStream?: { filter: TableStreamFilter; batchSize: number; retryAttempts: number };
  /**
   * The bundle carries the built browser assets (infra/browserBuild.ts) in `browser-assets/`, and
   * `BROWSER_ASSETS_DIR` points at them: the function serving them, and pages that name their hashed files.
   */
  browserAssets?: boolean;
}

/** Which stream records reach a consumer: the write kinds, and string attributes of the new image. */
export interface TableStreamFilter {
  eventNames: readonly ('INSERT' | 'MODIFY' | 'REMOVE')[];
  /** Attribute name → accepted values (all listed attributes must match). */
  newImage: Readonly<Record<string, readonly string[]>>;
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
    access: { caseTable: 'read-write', caseLookupKey: true },
  },
  startCaseLifecycles: {
    entry: 'functions/streams/startCaseLifecycles.ts',
    description: 'Case table stream: starts the lifecycle workflow of every new case, and stage 2 of a reopened one',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read', startLifecycle: true },
    tableStream: { filter: { eventNames: ['INSERT'], newImage: { type: ['case', 'lifecycle-start'], onInsert: [START_LIFECYCLE_ON_INSERT] } }, batchSize: 25, retryAttempts: 20 },
  },
  deliverWorkflowSignals: {
    entry: 'functions/streams/deliverWorkflowSignals.ts',
    description: "Case table stream: completes the workflow's waiting task with a person's recorded decision",
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', completeLifecycleTasks: true },
    tableStream: { filter: { eventNames: ['INSERT', 'MODIFY'], newImage: { type: ['workflow-wait'] } }, batchSize: 25, retryAttempts: 20 },
  },
  sendQueuedEmails: {
    entry: 'functions/streams/sendQueuedEmails.ts',
    description: 'Case table stream: sends each queued email once through SES and records it sent (the transactional email outbox)',
    // A batch's cases are sent 8 at a time, each SES call timing out after 10 s: a batch of 25 fits in the time
    // (an email still `sending` after 5 minutes is in doubt).
    timeoutSeconds: 60,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true, replyAddresses: true },
    tableStream: { filter: { eventNames: ['INSERT', 'MODIFY'], newImage: { type: ['notification'], status: ['queued'] } }, batchSize: 25, retryAttempts: 10 },
  },
  residentAdditions: {
    entry: 'functions/api/residentAdditions.ts',
    description: 'POST /api/v1/complaints/{id}/uploads and /additions: the complainant adds text and files (presigned upload to S3) from the tracking page',
    timeoutSeconds: 29,
    // Five 10 MB files are read back and checked in memory.
    memoryMb: 1024,
    access: { caseTable: 'read-write', caseFilesBucket: 'read-write' },
  },
  caseFileLink: {
    entry: 'functions/api/caseFileLink.ts',
    description: "GET /api/v1/cases/{id}/files/{fileId}: a short-lived download link to a case's file, for staff",
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read', caseFilesBucket: 'read' },
  },
  receiveInboundEmail: {
    entry: 'functions/tasks/receiveInboundEmail.ts',
    description: 'Inbound-mail bucket (SES receipt rule): files each received email as a complaint, a reply to its case, or a refusal',
    // A message of 30 MB with five 10 MB photos is parsed in memory.
    timeoutSeconds: 120,
    memoryMb: 1024,
    access: { caseTable: 'read-write', inboundMailBucket: true, caseFilesBucket: 'read-write', replyAddresses: true },
    // The raw message stays under `incoming/` until handled; a run that failed is retried, then kept on the failure queue.
    asyncInvocation: { maxEventAgeSeconds: 6 * 3600, retryAttempts: 2 },
  },
  setAsideMail: {
    entry: 'functions/api/setAsideMail.ts',
    description: 'GET/POST /api/v1/estates/{estateId}/set-aside-mail and /api/v1/set-aside-mail: the mail desk (inbound email set aside), filed as a complaint, added to a case or refused',
    timeoutSeconds: 29,
    // A set-aside message of up to 40 MB is read and parsed in memory.
    memoryMb: 1024,
    access: { caseTable: 'read-write', inboundMailBucket: true, caseFilesBucket: 'read-write', replyAddresses: true },
  },
  maintainAggregates: {
    entry: 'functions/streams/maintainAggregates.ts',
    description: "Case table stream: keeps the dashboard's pre-aggregated figures, replacing each case's counted contribution by its newest version's (idempotent)",
    timeoutSeconds: 60,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
    tableStream: { filter: { eventNames: ['INSERT', 'MODIFY'], newImage: { type: ['case'] } }, batchSize: 100, retryAttempts: 20 },
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
    // The tracking page's module of the complainant's decisions.
    browserAssets: true,
  },
  chooseDeadlinePolicy: {
    entry: 'functions/api/chooseDeadlinePolicy.ts',
    description: 'POST /api/v1/estates/{estateId}/deadline-policy: HQ chooses the deadline policy of an estate',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  adminEstates: {
    entry: 'functions/api/adminEstates.ts',
    description: 'Administration of estates: GET/POST /api/v1/admin/estates, POST .../import (CSV or XLSX, validated whole), .../{estateId}/active, .../{estateId}/remove',
    // 3,000 estates in one file are 60 transactions; API Gateway answers within 29 s.
    timeoutSeconds: 29,
    memoryMb: 1024,
    access: { caseTable: 'read-write' },
  },
  adminSettings: {
    entry: 'functions/api/adminSettings.ts',
    description: "GET/POST /api/v1/admin/settings and /api/v1/admin/deadline-policies: the group's settings and custom deadline policies",
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  adminStaff: {
    entry: 'functions/api/adminStaff.ts',
    description: 'GET/POST /api/v1/admin/staff and POST /api/v1/admin/staff/{userId}: create staff, change roles, disable leavers',
    timeoutSeconds: 15,
    memoryMb: 256,
    access: { caseTable: 'read-write', manageStaffDirectory: true },
  },
  adminLedger: {
    entry: 'functions/api/adminLedger.ts',
    description: 'GET /api/v1/admin/ledger: the admin ledger (every administrative change) with its verification against the chain and its published anchors, for compliance and administrators',
    timeoutSeconds: 29,
    memoryMb: 512,
    access: { caseTable: 'read', auditAnchorBucket: 'read' },
  },
  staffConsolePage: {
    entry: 'functions/api/staffConsolePage.ts',
    description: 'GET /staff: the staff console (its data comes from the staff API)',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: { caseTable: 'read' },
    browserAssets: true,
  },
  verifyExportUpload: {
    entry: 'functions/api/verifyExportUpload.ts',
    description: 'POST /api/v1/audit/exports/verify: checks an uploaded JSONL export file (hashes, chain, manifest); stores nothing',
    timeoutSeconds: 30,
    memoryMb: 512,
    access: { caseTable: 'read' },
  },
  browserAssets: {
    entry: 'functions/api/browserAssets.ts',
    description: 'GET /assets/{file}: the built browser modules (content-hashed names, precompressed, cached a year)',
    timeoutSeconds: 5,
    memoryMb: 128,
    access: { caseTable: 'read' },
    browserAssets: true,
  },
  getCase: {
    entry: 'functions/api/getCase.ts',
    description: 'GET /api/v1/cases/{id}: the full case and timeline, for staff',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  similarCases: {
    entry: 'functions/api/similarCases.ts',
    description: "GET /api/v1/cases/{id}/similar: the estate's past cases most like this one, with their outcomes (BM25)",
    timeoutSeconds: 10,
    memoryMb: 512,
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
    description: 'Workflow task: acknowledge a complaint and queue the acknowledgement email',
    timeoutSeconds: 30,
    memoryMb: 512,
    access: { caseTable: 'read-write' },
  },
  awaitStaffDecision: {
    entry: 'functions/tasks/awaitStaffDecision.ts',
    description: "Workflow task: store the task token of a wait on a person (and ask the estate's CS leads for a compensation summary by email)",
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', readStaffDirectory: true },
  },
  routeComplaint: {
    entry: 'functions/tasks/routeComplaint.ts',
    description: 'Workflow task: route by class, notify department / developer / external party, alert HQ if critical',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
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
    access: { caseTable: 'read-write', readStaffDirectory: true }, // the estate's assistant managers (customer), lifecycle/escalationRecipients.ts
  },
  warnBeforeDeadline: {
    entry: 'functions/tasks/warnBeforeDeadline.ts',
    description: 'Workflow task: warn the handler (50%, 75%) and the estate manager (at risk) before a deadline is missed',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', readStaffDirectory: true },
  },
  notifyStaffEscalation: {
    entry: 'functions/tasks/notifyStaffEscalation.ts',
    description: 'Workflow task: tell the estate manager or HQ of an escalation by staff',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', readStaffDirectory: true }, // the estate's assistant managers (customer), lifecycle/escalationRecipients.ts
  },
  sendInterimResponse: {
    entry: 'functions/tasks/sendInterimResponse.ts',
    description: 'Workflow task: send a written interim response or extension notice',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  notifyClockChange: {
    entry: 'functions/tasks/notifyClockChange.ts',
    description: 'Workflow task: tell the complainant the clock was paused or resumed',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  requestCompensationDecision: {
    entry: 'functions/tasks/requestCompensationDecision.ts',
    description: 'Workflow task: ask the estate manager or HQ to decide a compensation claim',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  sendResponse: {
    entry: 'functions/tasks/sendResponse.ts',
    description: 'Workflow task: issue the response and queue its email in the complainant language',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  reportOnTheSpotResolution: {
    entry: 'functions/tasks/reportOnTheSpotResolution.ts',
    description: 'Workflow task: report an on-the-spot resolution to the customer-service lead',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  sendFollowUpRequest: {
    entry: 'functions/tasks/sendFollowUpRequest.ts',
    description: 'Workflow task: send the satisfaction follow-up with one-click ratings',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  openStage2: {
    entry: 'functions/tasks/openStage2.ts',
    description: 'Workflow task: reopen a case as stage 2',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', readStaffDirectory: true }, // the estate's assistant managers (customer), lifecycle/escalationRecipients.ts
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
    description: 'Workflow task: close a case and queue the email telling the complainant',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  parkForAttention: {
    entry: 'functions/tasks/parkForAttention.ts',
    description: 'Workflow task: park a case whose step failed and alert the estate desk',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  caseActions: {
    entry: 'functions/api/caseActions.ts',
    description: 'POST /api/v1/cases/{id}/actions: staff act on a case (triage, respond, escalate, ...)',
    timeoutSeconds: 15,
    memoryMb: 512,
    access: { caseTable: 'read-write', readStaffDirectory: true },
  },
  estateStaff: {
    entry: 'functions/api/estateStaff.ts',
    description: "GET /api/v1/estates/{estateId}/staff: the people a case of the estate may be assigned to (the console's picker)",
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read', readStaffDirectory: true },
  },
  compensationDecision: {
    entry: 'functions/api/compensationDecision.ts',
    description: 'POST /api/v1/cases/{id}/compensation: the estate manager or HQ decides a claim',
    timeoutSeconds: 15,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  complaintFeedback: {
    entry: 'functions/api/complaintFeedback.ts',
    description: 'POST /api/v1/complaints/{id}/feedback and /stage-2: the complainant rates, or asks for stage 2',
    timeoutSeconds: 15,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  residentChoices: {
    entry: 'functions/api/residentChoices.ts',
    description: 'POST /api/v1/complaints/{id}/compensation-answer and /withdrawal: the complainant accepts or declines the compensation offered, or withdraws the complaint',
    timeoutSeconds: 15,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
  },
  listCases: {
    entry: 'functions/api/listCases.ts',
    description: 'GET /api/v1/cases: the staff case list, filtered, newest first, signed cursor',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read', cursorSecret: true, caseLookupKey: true },
  },
  dashboard: {
    entry: 'functions/api/dashboard.ts',
    description: 'GET /api/v1/dashboard: figures of a period for the group, estates or one estate, from pre-aggregated items',
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { caseTable: 'read' },
  },
  earlyWarnings: {
    entry: 'functions/api/earlyWarnings.ts',
    description: "GET /api/v1/early-warnings: causes of complaint rising above an estate's own baseline (Poisson rule), with their cases",
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { caseTable: 'read' },
  },
  weeklyReport: {
    entry: 'functions/api/weeklyReport.ts',
    description: "GET /api/v1/reports/weekly: an estate's Monday report (JSON or XLSX), from the archive or compiled on demand for a week that has ended",
    timeoutSeconds: 29,
    memoryMb: 512,
    access: { caseTable: 'read-write' },
  },
  selfAssessment: {
    entry: 'functions/api/selfAssessment.ts',
    description: 'GET /api/v1/reports/self-assessment: the annual Housing Ombudsman Code and ISO 10002 self-assessments (JSON or XLSX) from pre-aggregated month buckets',
    timeoutSeconds: 29,
    memoryMb: 512,
    access: { caseTable: 'read' },
  },
  auditExport: {
    entry: 'functions/api/auditExport.ts',
    description: 'GET /api/v1/audit/export: streams audit events as JSONL or CSV with a verification manifest',
    timeoutSeconds: 900,
    memoryMb: 512,
    access: { caseTable: 'read' },
    invokeMode: 'stream',
  },
  auditExportJobs: {
    entry: 'functions/api/auditExportJobs.ts',
    description: 'POST /api/v1/audit/exports and GET /api/v1/audit/exports/{jobId}: export jobs to S3, their status and download links',
    timeoutSeconds: 15,
    memoryMb: 256,
    access: { caseTable: 'read-write', auditExportBucket: 'read', startAuditExportJobs: true },
  },
  runAuditExportJob: {
    entry: 'functions/tasks/runAuditExportJob.ts',
    description: 'Export job (invoked asynchronously): writes an audit export and its manifest to S3 by multipart upload',
    timeoutSeconds: 900,
    // More memory is more CPU for hashing and serialising; the upload holds at most three 8 MiB parts.
    memoryMb: 1024,
    access: { caseTable: 'read-write', auditExportBucket: 'read-write' },
    // A job not started within 75 minutes is failed by the next read (functions/domain/auditExportJob.ts); a retried run finds the job claimed.
    asyncInvocation: { maxEventAgeSeconds: 3600, retryAttempts: 2 },
  },
  verifyAudit: {
    entry: 'functions/api/verifyAudit.ts',
    description: "GET /api/v1/audit/verify: verifies an estate's case chains and anchors in the live store, the anchors' published copies and the mail-desk ledger; GET /api/v1/audit/mail-desk-ledger: that ledger, exported",
    timeoutSeconds: 29,
    memoryMb: 512,
    access: { caseTable: 'read', auditAnchorBucket: 'read' },
  },
  evidencePack: {
    entry: 'functions/api/evidencePack.ts',
    description: 'GET /api/v1/cases/{id}/evidence: one case with its verified timeline, deadlines, emails and chain proof',
    timeoutSeconds: 15,
    memoryMb: 512,
    access: { caseTable: 'read', auditAnchorBucket: 'read' },
  },
  writtenLetters: {
    entry: 'functions/api/writtenLetters.ts',
    description: 'GET /api/v1/estates/{estateId}/letters and /api/v1/cases/{id}/letters/{letterKey}: letters and follow-up calls to complainants without email, print-ready letters',
    timeoutSeconds: 15,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  // Class 3 (issue 13; functions/domain/lifecycle/dutyLog.ts): the duty log per estate, and the residents' notice page.
  dutyLog: {
    entry: 'functions/api/dutyLog.ts',
    description: "GET /api/v1/estates/{estateId}/duty-log: the estate's duty log of class-3 complaints, as JSON or CSV",
    timeoutSeconds: 15,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  estateNotices: {
    entry: 'functions/api/estateNotices.ts',
    description: "GET /estates/{estateId}/notices: the estate's notice page of published class-3 outcomes, for residents",
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  erasePersonalData: {
    entry: 'functions/api/erasePersonalData.ts',
    description: "POST /api/v1/privacy/erasure: erases a complainant's personal data across their cases (PIPL / GDPR)",
    timeoutSeconds: 29,
    memoryMb: 256,
    access: { caseTable: 'read-write', eraseCaseObjects: true },
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
    description: "Scheduled daily: anchors each estate's case-chain heads in the estate's own hash chain and publishes the anchor outside the table",
    timeoutSeconds: 900,
    memoryMb: 512,
    access: { caseTable: 'read-write', auditAnchorBucket: 'read-write' },
    schedule: { expression: 'cron(30 18 * * ? *)', everyMs: 24 * 60 * 60 * 1000 },
  },
  reindexCaseSearch: {
    entry: 'functions/tasks/reindexCaseSearch.ts',
    description: 'Invoked by hand: writes the staff-search digests and index keys (unit, phone, reference) of cases stored without them or with stale ones; idempotent, resumable ({resumeFrom})',
    timeoutSeconds: 900,
    memoryMb: 512,
    invokedByHand: true,
    access: { caseTable: 'read-write', caseLookupKey: true },
  },
  purgeExpiredRecords: {
    entry: 'functions/tasks/purgeExpiredRecords.ts',
    description: 'Scheduled daily: purges closed cases past their retention period and not on legal hold, leaving tombstones',
    timeoutSeconds: 900,
    memoryMb: 512,
    access: { caseTable: 'read-write', eraseCaseObjects: true },
    schedule: { expression: 'cron(0 19 * * ? *)', everyMs: 24 * 60 * 60 * 1000 },
  },
  compileWeeklyReports: {
    entry: 'functions/tasks/compileWeeklyReports.ts',
    description: "Scheduled on Mondays: compiles and archives last week's report of every estate and mails it to its CS leads, HQ in copy (seed 001 §5.3)",
    timeoutSeconds: 900,
    memoryMb: 512,
    // Sends email itself: a report is not a case's email (the per-case outbox records each on a case's chain).
    access: { caseTable: 'read-write', sendEmail: true, listStaffDirectory: true },
    // Monday 01:00 in the group's reporting time zone.
    schedule: { expression: 'cron(0 1 ? * MON *)', timeZone: 'Asia/Hong_Kong', everyMs: 7 * 24 * 60 * 60 * 1000 },
  },
  sendEarlyWarningAlerts: {
    entry: 'functions/tasks/sendEarlyWarningAlerts.ts',
    description: "Scheduled hourly: at the group's 08:00 emails each new early warning to its estate manager, HQ in copy, once; at each estate's own 08:00 reminds owners of its actions due or late, and the manager of one long late, once each",
    timeoutSeconds: 300,
    memoryMb: 512,
    // The outstanding actions' reminders ride on this daily run rather than a Lambda of their own: the stack is at
    // CloudFormation's 500 resources, and a function costs five (function, role, policy, log group, schedule).
    access: { caseTable: 'read-write', sendEmail: true, readStaffDirectory: true },
    // Hourly in UTC: each run takes the estates whose own local time is 08:00–08:59 (estates span time zones; one
    // zoned daily schedule could only serve one), and the early warnings in the group's 08:00 hour.
    schedule: { expression: 'cron(0 * * * ? *)', everyMs: 60 * 60 * 1000 },
  },
  retryQueuedEmails: {
    entry: 'functions/tasks/retryQueuedEmails.ts',
    description: 'Scheduled every minute: wakes queued emails whose retry is due, and hands emails in doubt to a person',
    timeoutSeconds: 60,
    memoryMb: 256,
    access: { caseTable: 'read-write' },
    schedule: { expression: 'rate(1 minute)', everyMs: 60 * 1000 },
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
   * `staff`: a bearer JWT is required. On `httpRoutes` the API's JWT authorizer verifies it (the local
   * gateway stands in for it) and the handler reads the verified claims (functions/platform/auth.ts);
   * on `streamingRoutes` (function URLs, no authorizer) the handler verifies it (functions/platform/bearerToken.ts).
   */
  auth: 'public' | 'staff';
}

export const httpRoutes: HttpRoute[] = [
  { method: 'GET', path: '/', function: 'webPages', auth: 'public' },
  { method: 'GET', path: '/track/{id}', function: 'webPages', auth: 'public' },
  { method: 'GET', path: '/feedback/{id}', function: 'webPages', auth: 'public' },
  { method: 'GET', path: '/staff', function: 'staffConsolePage', auth: 'public' },
  { method: 'GET', path: '/assets/{file}', function: 'browserAssets', auth: 'public' },
  { method: 'GET', path: '/health', function: 'health', auth: 'public' },
  { method: 'GET', path: '/api/openapi.json', function: 'openApiDocument', auth: 'public' },
  { method: 'GET', path: '/api/v1/estates', function: 'listEstates', auth: 'public' },
  { method: 'POST', path: '/api/v1/complaints', function: 'createComplaint', auth: 'public' },
  { method: 'GET', path: '/api/v1/complaints/{id}', function: 'getComplaintStatus', auth: 'public' },
  { method: 'GET', path: '/api/v1/cases/{id}', function: 'getCase', auth: 'staff' },
  { method: 'GET', path: '/api/v1/cases/{id}/similar', function: 'similarCases', auth: 'staff' },
  { method: 'POST', path: '/api/v1/cases/{id}/actions', function: 'caseActions', auth: 'staff' },
  { method: 'POST', path: '/api/v1/cases/{id}/compensation', function: 'compensationDecision', auth: 'staff' },
  { method: 'POST', path: '/api/v1/estates/{estateId}/deadline-policy', function: 'chooseDeadlinePolicy', auth: 'staff' },
  { method: 'POST', path: '/api/v1/complaints/{id}/feedback', function: 'complaintFeedback', auth: 'public' },
  { method: 'POST', path: '/api/v1/complaints/{id}/stage-2', function: 'complaintFeedback', auth: 'public' },
  { method: 'POST', path: '/api/v1/complaints/{id}/compensation-answer', function: 'residentChoices', auth: 'public' },
  { method: 'POST', path: '/api/v1/complaints/{id}/withdrawal', function: 'residentChoices', auth: 'public' },
  { method: 'POST', path: '/api/v1/cases/{id}/tracking-links/revoke', function: 'revokeTrackingLinks', auth: 'staff' },
  { method: 'GET', path: '/api/v1/cases', function: 'listCases', auth: 'staff' },
  { method: 'GET', path: '/api/v1/estates/{estateId}/staff', function: 'estateStaff', auth: 'staff' },
  { method: 'GET', path: '/api/v1/dashboard', function: 'dashboard', auth: 'staff' },
  { method: 'GET', path: '/api/v1/reports/weekly', function: 'weeklyReport', auth: 'staff' },
  { method: 'GET', path: '/api/v1/reports/self-assessment', function: 'selfAssessment', auth: 'staff' },
  { method: 'GET', path: '/api/v1/early-warnings', function: 'earlyWarnings', auth: 'staff' },
  { method: 'GET', path: '/api/v1/cases/{id}/evidence', function: 'evidencePack', auth: 'staff' },
  { method: 'GET', path: '/api/v1/estates/{estateId}/letters', function: 'writtenLetters', auth: 'staff' },
  { method: 'GET', path: '/api/v1/cases/{id}/letters/{letterKey}', function: 'writtenLetters', auth: 'staff' },
  { method: 'POST', path: '/api/v1/cases/{id}/legal-hold', function: 'legalHold', auth: 'staff' },
  { method: 'POST', path: '/api/v1/estates/{estateId}/legal-hold', function: 'legalHold', auth: 'staff' },
  { method: 'GET', path: '/api/v1/audit/verify', function: 'verifyAudit', auth: 'staff' },
  { method: 'GET', path: '/api/v1/audit/mail-desk-ledger', function: 'verifyAudit', auth: 'staff' },
  { method: 'POST', path: '/api/v1/audit/exports', function: 'auditExportJobs', auth: 'staff' },
  { method: 'GET', path: '/api/v1/audit/exports/{jobId}', function: 'auditExportJobs', auth: 'staff' },
  { method: 'POST', path: '/api/v1/audit/exports/verify', function: 'verifyExportUpload', auth: 'staff' },
  { method: 'POST', path: '/api/v1/privacy/erasure', function: 'erasePersonalData', auth: 'staff' },
  { method: 'POST', path: '/api/v1/complaints/{id}/uploads', function: 'residentAdditions', auth: 'public' },
  { method: 'POST', path: '/api/v1/complaints/{id}/additions', function: 'residentAdditions', auth: 'public' },
  { method: 'GET', path: '/api/v1/cases/{id}/files/{fileId}', function: 'caseFileLink', auth: 'staff' },
  { method: 'GET', path: '/api/v1/estates/{estateId}/set-aside-mail', function: 'setAsideMail', auth: 'staff' },
  { method: 'POST', path: '/api/v1/estates/{estateId}/set-aside-mail/{messageId}', function: 'setAsideMail', auth: 'staff' },
  { method: 'GET', path: '/api/v1/set-aside-mail', function: 'setAsideMail', auth: 'staff' },
  { method: 'POST', path: '/api/v1/set-aside-mail/{messageId}', function: 'setAsideMail', auth: 'staff' },
  { method: 'GET', path: '/api/v1/admin/estates', function: 'adminEstates', auth: 'staff' },
  { method: 'POST', path: '/api/v1/admin/estates', function: 'adminEstates', auth: 'staff' },
  { method: 'POST', path: '/api/v1/admin/estates/import', function: 'adminEstates', auth: 'staff' },
  { method: 'POST', path: '/api/v1/admin/estates/{estateId}/active', function: 'adminEstates', auth: 'staff' },
  { method: 'POST', path: '/api/v1/admin/estates/{estateId}/remove', function: 'adminEstates', auth: 'staff' },
  { method: 'GET', path: '/api/v1/admin/settings', function: 'adminSettings', auth: 'staff' },
  { method: 'POST', path: '/api/v1/admin/settings', function: 'adminSettings', auth: 'staff' },
  { method: 'GET', path: '/api/v1/admin/deadline-policies', function: 'adminSettings', auth: 'staff' },
  { method: 'POST', path: '/api/v1/admin/deadline-policies', function: 'adminSettings', auth: 'staff' },
  { method: 'GET', path: '/api/v1/admin/staff', function: 'adminStaff', auth: 'staff' },
  { method: 'POST', path: '/api/v1/admin/staff', function: 'adminStaff', auth: 'staff' },
  { method: 'POST', path: '/api/v1/admin/staff/{userId}', function: 'adminStaff', auth: 'staff' },
  { method: 'GET', path: '/api/v1/admin/ledger', function: 'adminLedger', auth: 'staff' },
  { method: 'GET', path: '/api/v1/estates/{estateId}/duty-log', function: 'dutyLog', auth: 'staff' },
  { method: 'GET', path: '/estates/{estateId}/notices', function: 'estateNotices', auth: 'public' },
];

/**
 * Routes of functions with `invokeMode: 'stream'`. The local gateway serves them next to `httpRoutes`
 * on the same port; in AWS each function has its own function URL (RESPONSE_STREAM) and the handler
 * verifies the staff token itself (infra/constructs/auditTrail.ts, docs/AUDIT.md).
 */
export const streamingRoutes: HttpRoute[] = [
  { method: 'GET', path: '/api/v1/audit/export', function: 'auditExport', auth: 'staff' },
];
