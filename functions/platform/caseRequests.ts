/**
 * Shared edges of the routes that change a case: finding the case for the
 * caller (404 that reveals nothing), the If-Match version check, and mapping
 * the domain's refusals and conflicts to HTTP.
 */
import { outboxPolicy, type QueuedEmail } from '../domain/notifications/outbox';
import type { Identity } from '../domain/access/identity';
import { CASE_ID_PATTERN, type ComplaintCase } from '../domain/complaintCase';
import { changedSince } from '../domain/caseVersions';
import { VersionConflictError, WaitChangedError } from '../domain/errors';
import type { ActionRefusal } from '../domain/lifecycle/staffActions';
import { applyDecision, type DecisionDependencies } from '../domain/lifecycle/applyDecision';
import type { PlannedAction } from '../domain/lifecycle/staffActions';
import type { WorkflowWait } from '../domain/lifecycle/workflowWait';
import type { StaffIdentity } from '../domain/access/identity';
import { staffCaseView } from '../domain/staffView';
import { requirePermission } from './auth';
import { getCaseStore } from './clients';
import { HttpError, header, type HttpEvent, type HttpResult, json } from './http';

export function decisionDependencies(): DecisionDependencies {
  return { store: getCaseStore(), outboxPolicy: outboxPolicy(process.env.EMAIL_OUTBOX) };
}

/** The case named in the path, if the caller may see it; otherwise 404 (never revealing whether it exists). */
export async function caseForCaller(event: HttpEvent, identity: Identity): Promise<ComplaintCase> {
  const caseId = event.pathParameters?.id ?? '';
  const notFound = new HttpError(404, 'not_found', 'not found');
  if (!CASE_ID_PATTERN.test(caseId)) throw notFound;
  const complaintCase = await getCaseStore().getCase(caseId);
  if (!complaintCase) throw notFound;
  requirePermission(identity, 'case.read', { estateId: complaintCase.estateId, caseId });
  return complaintCase;
}

/**
 * Optimistic locking: the caller says which version they saw; if the case changed since (other than
 * emails going out: functions/domain/caseVersions.ts), a 409 with the current version.
 */
export async function requireCurrentVersion(event: HttpEvent, complaintCase: ComplaintCase): Promise<void> {
  const ifMatch = header(event, 'if-match');
  if (!ifMatch) throw new HttpError(428, 'precondition_required', 'send If-Match with the case version you are changing (the ETag of GET /api/v1/cases/{id})', { 'If-Match': 'is required' });
  // The ETag of GET is `"<version>.<view digest>"` (conditional GETs); a bare `"<version>"` is accepted too.
  const version = Number(/^(?:W\/)?"?(\d+)(?:\.[A-Za-z0-9_-]+)?"?$/.exec(ifMatch.trim())?.[1]);
  if (!Number.isInteger(version)) throw new HttpError(400, 'invalid_if_match', 'If-Match must be the case version, e.g. "3"', { 'If-Match': 'must be a version such as "3"' });
  if (version === complaintCase.version) return;
  // Only on a mismatch: read what happened since.
  if (changedSince(complaintCase, version < complaintCase.version ? await getCaseStore().listEvents(complaintCase.caseId) : [], version)) {
    throw new HttpError(409, 'version_conflict', `the case has changed since version ${version}; it is now at version ${complaintCase.version}: reload it and try again`, undefined, { etag: `"${complaintCase.version}"` });
  }
}

export function refusalToHttp(refusal: ActionRefusal, allowed?: string[]): HttpError {
  return new HttpError(refusal.status, refusal.code, refusal.message, refusal.fields, undefined, allowed ? { allowedActions: allowed } : undefined);
}

/** Races with another writer or with the workflow moving on are conflicts the caller resolves by reloading. */
export function conflictToHttp(error: unknown): never {
  if (error instanceof VersionConflictError) throw new HttpError(409, 'version_conflict', 'the case changed while your action was being saved: reload it and try again');
  if (error instanceof WaitChangedError) throw new HttpError(409, 'workflow_moved_on', 'the case moved on (another action or a deadline) while your action was being saved: reload it and try again');
  throw error;
}

/**
 * Applies a staff member's planned decision (case change, audit event, workflow signal) and answers
 * with the case as it now is, its version as the ETag. `extra` adds fields to the answer.
 */
export async function applyStaffDecision(
  event: HttpEvent,
  identity: StaffIdentity,
  decision: { complaintCase: ComplaintCase; wait: WorkflowWait | undefined; planned: PlannedAction; now: string; email?: (next: ComplaintCase, eventSeq: number) => QueuedEmail | undefined },
  extra: (signalled: boolean) => Record<string, unknown> = () => ({}),
): Promise<HttpResult> {
  const { next, signalled } = await applyDecision(decisionDependencies(), {
    ...decision,
    actor: { type: 'staff', id: identity.userId, role: identity.role },
    requestId: event.requestContext.requestId,
  }).catch(conflictToHttp);
  const events = await getCaseStore().listEvents(next.caseId);
  return json(200, { ...staffCaseView(next, events), ...extra(signalled) }, { etag: `"${next.version}"` });
}
