/**
 * Staff, for administrators:
 *   GET  /api/v1/admin/staff             everyone in the directory
 *   POST /api/v1/admin/staff             create a member (role, estates served, department); Cognito emails the invitation
 *   POST /api/v1/admin/staff/{userId}    change role, estates, department or name; disable a leaver (enabled: false) or re-enable
 * The directory is the Cognito user pool in AWS and the table's directory locally (same interface,
 * functions/domain/admin/staffDirectory.ts). The change is made in the directory, then recorded in the
 * admin ledger (a user pool is not part of a DynamoDB transaction; the append retries on contention).
 */
import { fieldChanges } from '../domain/admin/adminLedger';
import { estatesClaim, newStaffSchema, StaffConflictError, staffChangeSchema, type StaffChange, type StaffMember, staffRecordProblems } from '../domain/admin/staffDirectory';
import { actorOf, definitionContext, getAdminStore, getStaffDirectory } from '../platform/administration';
import { requirePermission, requireStaff } from '../platform/auth';
import { HttpError, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { logger } from '../platform/logger';
import { platformNow } from '../platform/clock';

/** What the ledger records of a member: no password or token, ever. */
const recorded = (member: StaffMember | undefined) =>
  member ? { email: member.email, name: member.name, role: member.role, estates: member.estates, departmentId: member.departmentId ?? null, enabled: member.enabled, ...(member.language ? { language: member.language } : {}) } : undefined;

export const handler = httpEndpoint('adminStaff', async (event) => {
  const identity = requireStaff(event);
  requirePermission(identity, 'config.manage');
  const directory = await getStaffDirectory();
  const requestId = event.requestContext.requestId;
  if (event.routeKey === 'GET /api/v1/admin/staff') {
    return json(200, { staff: (await directory.list()).sort((a, b) => a.userId.localeCompare(b.userId)) });
  }
  const context = await definitionContext();
  const estates = new Set(context.existing.keys());
  const departments = new Set(context.settings.departments.map((d) => d.departmentId));

  if (event.routeKey === 'POST /api/v1/admin/staff') {
    const input = parseJsonBody(event, newStaffSchema);
    const member = { userId: input.userId, email: input.email, name: input.name, role: input.role, estates: estatesClaim(input.estates), ...(input.departmentId ? { departmentId: input.departmentId } : {}), ...(input.language ? { language: input.language } : {}) };
    const problems = staffRecordProblems(member, estates, departments);
    if (Object.keys(problems).length > 0) throw new HttpError(422, 'validation_failed', `the staff member has invalid fields: ${Object.keys(problems).join(', ')}`, problems);
    let created: StaffMember;
    try {
      created = await directory.create(member);
    } catch (error) {
      if (error instanceof StaffConflictError) throw new HttpError(409, 'staff_exists', error.message);
      throw error;
    }
    await getAdminStore().append({ at: platformNow().toISOString(), actor: actorOf(identity), action: 'staff.created', requestId, changes: [{ subject: `staff:${created.userId}`, fields: fieldChanges(undefined, recorded(created)) }] });
    logger.info('staff member created', { userId: created.userId, role: created.role, by: identity.userId, requestId });
    return json(201, { member: created });
  }

  const userId = event.pathParameters?.userId ?? '';
  const request = parseJsonBody(event, staffChangeSchema);
  const current = await directory.get(userId);
  if (!current) throw new HttpError(404, 'not_found', 'not found');
  if (userId === identity.userId && (request.enabled === false || (request.role !== undefined && request.role !== current.role))) {
    throw new HttpError(409, 'own_account', 'administrators cannot disable their own account or change their own role');
  }
  const change: StaffChange = {
    ...(request.role !== undefined ? { role: request.role } : {}),
    ...(request.estates !== undefined ? { estates: estatesClaim(request.estates) } : {}),
    ...(request.departmentId !== undefined ? { departmentId: request.departmentId ?? undefined } : {}),
    ...(request.name !== undefined ? { name: request.name } : {}),
    ...(request.enabled !== undefined ? { enabled: request.enabled } : {}),
    ...(request.language !== undefined ? { language: request.language ?? undefined } : {}),
  };
  const next: StaffMember = { ...current, ...change };
  if (request.departmentId === null) delete next.departmentId;
  if (request.language === null) delete next.language;
  const problems = staffRecordProblems(next, estates, departments);
  if (Object.keys(problems).length > 0) throw new HttpError(422, 'validation_failed', `the staff member has invalid fields: ${Object.keys(problems).join(', ')}`, problems);
  const fields = fieldChanges(recorded(current), recorded(next));
  if (fields.length === 0) return json(200, { member: current, changed: false });
  const updated = await directory.update(userId, change);
  const action = change.enabled === false && current.enabled ? 'staff.disabled' : change.enabled === true && !current.enabled ? 'staff.enabled' : 'staff.changed';
  await getAdminStore().append({ at: platformNow().toISOString(), actor: actorOf(identity), action, requestId, changes: [{ subject: `staff:${userId}`, fields }] });
  logger.info('staff member changed', { userId, action, by: identity.userId, requestId });
  return json(200, { member: updated, changed: true });
});
