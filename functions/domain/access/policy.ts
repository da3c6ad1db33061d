/**
 * The one place that decides who may do what (seed 001 §3 responsibilities;
 * ISO 10002 "accountability"). Every staff route asks `authorize` before it
 * reads or changes anything. The matrix is documented in docs/ACCESS.md and
 * enumerated by test/unit/domain/access/policy.test.ts.
 */
import { type Identity, type StaffIdentity, type StaffRole, servesEstate } from './identity';

export const ACTIONS = [
  // Residents and the public
  'complaint.file',
  'complaint.track',
  'complaint.rate',
  // Staff work on cases
  'complaint.fileOnBehalf',
  'case.list',
  'case.read',
  'case.triage',
  'case.assign',
  'case.note',
  'case.staffStatement',
  'case.resolve',
  'case.markInvalid',
  'case.escalate',
  'case.extendDeadline',
  'case.pauseClock',
  'case.interimResponse',
  'case.respond',
  'case.reopen',
  /** Record the complainant's satisfaction rating given by phone, in person or by letter (the follow-up call). */
  'case.recordRating',
  /** Revoke every tracking link of a case (the complainant's link leaked); issues none. */
  'case.revokeTracking',
  /** Answer a complainant without email in writing: record letters posted or handed over, and the follow-up phone call (seed 003). */
  'case.contactInWriting',
  /** The supervisor's written report at closing, with the lessons learned (seed 003). */
  'case.closingReport',
  /** The CS lead's written summary (recommendation and reasons) to the manager before the compensation decision (seed 001 §5.6.2-3). */
  'compensation.summarise',
  'compensation.decide',
  'compensation.approveAboveThreshold',
  /** The estate's desk of inbound mail set aside (refused): file it as a complaint, add it to a case, or refuse it (docs/EMAIL_INTAKE.md). */
  'mail.handleSetAside',
  /** The desk of mail set aside that was sent to no known estate: HQ's. */
  'mail.handleUnaddressed',
  // Oversight
  'dashboard.read',
  /** Per-handler figures (performance monitoring): their managers, HQ and compliance, never peers. */
  'performance.readHandlers',
  'report.weekly',
  /** The annual self-assessments (Housing Ombudsman Code §8, ISO 10002): HQ and compliance for the group, estate managers for theirs. */
  'report.selfAssessment',
  'audit.export',
  'audit.verify',
  'case.evidencePack',
  'case.erasePersonalData',
  'case.legalHold',
  /** Estates (with their mailboxes), staff, group settings: the administration pages. */
  'config.manage',
  /** Read the group's configuration (estates as defined, settings, deadline policies); no complaint data. */
  'config.read',
  /** Define a custom deadline policy beside the presets. */
  'deadlinePolicy.define',
  'estate.chooseDeadlinePolicy',
  /** Read the admin ledger (configuration changes, who made them, its verification): administrators see their own trail; compliance audits it. */
  'adminLedger.read',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The case (or estate) an action is about; absent for group-level actions. */
export interface Resource {
  estateId?: string;
  caseId?: string;
  /** The department the case is routed to, and the person who owns it. */
  departmentId?: string;
  assigneeId?: string;
  /**
   * An assignment being made (`case.assign`): the department the case goes to (its own when unchanged) and the
   * assignee's department. A supervisor assigns only within their own department.
   */
  assignment?: { departmentId?: string; assigneeDepartmentId?: string };
}

export type Decision =
  | { allowed: true }
  /** 404 when the resource is outside the caller's estates, so its existence is not revealed; 403 when visible but not permitted; 401 when not signed in. */
  | { allowed: false; status: 401 | 403 | 404; reason: string };

// Posting a letter to a complainant without email, or phoning them for their rating, is everyday case work (seed 003 書面回應, 回訪).
const ALL_CASE_WORK: Action[] = ['case.list', 'case.read', 'case.note', 'case.staffStatement', 'complaint.fileOnBehalf', 'case.contactInWriting'];

// The case work of whoever handles a case: resolve it, answer it, and manage its deadline.
const HANDLING: Action[] = ['case.resolve', 'case.escalate', 'case.extendDeadline', 'case.pauseClock', 'case.interimResponse', 'case.respond'];
// What a CS lead does across the estate (001 §3.2, §5.2, §5.3, §5.6.2).
const CS_LEAD_WORK: Action[] = [
  ...ALL_CASE_WORK, ...HANDLING,
  'case.triage', 'case.assign', 'case.markInvalid', 'case.reopen', 'case.recordRating', 'case.revokeTracking', 'case.closingReport',
  'compensation.summarise', 'dashboard.read', 'report.weekly', 'mail.handleSetAside',
];

/** What each role may do within the estates it serves. */
export const ROLE_PERMISSIONS: Record<StaffRole, readonly Action[]> = {
  // 管理員 / 前台: log complaints, resolve simple ones on the spot, record everything (001 §3.4, §5.1.2).
  'frontline-staff': [...ALL_CASE_WORK, 'case.resolve', 'case.recordRating'],
  // 信息員: fills in the 《客戶意見征詢表》 (class 2) at the front desk and files the weekly summary's copy (001 §5.1.2 B, §5.3);
  // records and follows up by phone or letter, but handles nothing (no resolving, answering, assigning).
  'information-officer': [...ALL_CASE_WORK, 'case.recordRating', 'report.weekly'],
  // 主管 / 主辦 / 班長: handle the complaints of their business area and report to the CS lead (001 §3.4): the cases of
  // their department, assigning them within it, and the supervisor's written report at closing (seed 003).
  supervisor: [...ALL_CASE_WORK, ...HANDLING, 'case.assign', 'case.recordRating', 'case.closingReport'],
  // 部門經理 / 指定專人: own class-1 complaints of their department (001 §3.3).
  'department-handler': [...ALL_CASE_WORK, ...HANDLING],
  // 客戶服務負責人: tracks every complaint of the estate, triages and follows up; the summary to the manager on a claim (001 §3.2, §5.2, §5.6).
  'cs-lead': CS_LEAD_WORK,
  // 經理助理(客戶): the CS lead reports to them (weekly summary, compensation progress); they supervise the departments
  // handling the manager's difficult cases and see per-handler figures (001 §3.2, §5.3, §5.6.3).
  'assistant-manager': [...CS_LEAD_WORK, 'performance.readHandlers'],
  // 管理處經理: decides difficult complaints and compensation (001 §5.1.3, §5.6.2).
  'estate-manager': [...CS_LEAD_WORK.filter((a) => a !== 'compensation.summarise'), 'compensation.decide', 'performance.readHandlers', 'report.selfAssessment'],
  // 集團: sees every estate, handles escalations and group/government complaints, approves large compensation (001 §3.1, §5.2).
  hq: [
    ...CS_LEAD_WORK.filter((a) => a !== 'compensation.summarise'), 'compensation.decide', 'compensation.approveAboveThreshold',
    'performance.readHandlers', 'report.selfAssessment', 'case.legalHold', 'config.read', 'deadlinePolicy.define', 'estate.chooseDeadlinePolicy',
    'mail.handleUnaddressed',
  ],
  // Compliance and audit: read everything, change nothing.
  compliance: ['case.list', 'case.read', 'dashboard.read', 'performance.readHandlers', 'report.weekly', 'report.selfAssessment', 'audit.export', 'audit.verify', 'case.evidencePack', 'adminLedger.read'],
  // Administrators configure the group; they do not handle complaints.
  admin: ['config.manage', 'config.read', 'case.erasePersonalData', 'case.legalHold', 'estate.chooseDeadlinePolicy', 'adminLedger.read'],
};

/** Actions that only the department (or person) a case is routed to may take, besides leads and managers. */
const OWNER_BOUND_ACTIONS: readonly Action[] = ['case.resolve', 'case.respond', 'case.extendDeadline', 'case.pauseClock', 'case.interimResponse', 'case.escalate'];
/** Roles bound to their department for those actions. */
const DEPARTMENT_BOUND_ROLES: readonly StaffRole[] = ['frontline-staff', 'supervisor', 'department-handler'];
/** A supervisor's management of their business area: only on cases routed to their department (not merely assigned to them). */
const SUPERVISOR_DEPARTMENT_ACTIONS: readonly Action[] = ['case.assign', 'case.closingReport'];

const PUBLIC_ACTIONS: readonly Action[] = ['complaint.file'];
const RESIDENT_ACTIONS: readonly Action[] = ['complaint.track', 'complaint.rate'];

export function authorize(identity: Identity, action: Action, resource: Resource = {}): Decision {
  if (PUBLIC_ACTIONS.includes(action)) return { allowed: true };
  if (identity.kind === 'resident') {
    if (RESIDENT_ACTIONS.includes(action) && resource.caseId === identity.caseId) return { allowed: true };
    return { allowed: false, status: 404, reason: 'not found' };
  }
  if (identity.kind === 'anonymous') {
    return RESIDENT_ACTIONS.includes(action)
      ? { allowed: false, status: 404, reason: 'not found' }
      : { allowed: false, status: 401, reason: 'sign in to do this' };
  }
  return authorizeStaff(identity, action, resource);
}

function authorizeStaff(identity: StaffIdentity, action: Action, resource: Resource): Decision {
  if (resource.estateId !== undefined && !servesEstate(identity, resource.estateId)) {
    return { allowed: false, status: 404, reason: 'not found' };
  }
  if (!ROLE_PERMISSIONS[identity.role].includes(action)) {
    return { allowed: false, status: 403, reason: `a ${identity.role} may not ${action}` };
  }
  const ownsByDepartment = resource.departmentId !== undefined && resource.departmentId === identity.departmentId;
  if (OWNER_BOUND_ACTIONS.includes(action) && DEPARTMENT_BOUND_ROLES.includes(identity.role) && resource.caseId !== undefined) {
    const ownsByPerson = resource.assigneeId !== undefined && resource.assigneeId === identity.userId;
    if (!ownsByPerson && !ownsByDepartment) return { allowed: false, status: 403, reason: 'this case is routed to another department' };
  }
  if (identity.role === 'supervisor' && SUPERVISOR_DEPARTMENT_ACTIONS.includes(action) && resource.caseId !== undefined) {
    if (!ownsByDepartment) return { allowed: false, status: 403, reason: 'a supervisor manages the cases of their own department' };
    const { assignment } = resource;
    if (action === 'case.assign' && assignment) {
      if (assignment.departmentId !== undefined && assignment.departmentId !== identity.departmentId) return { allowed: false, status: 403, reason: 'a supervisor assigns within their own department' };
      if (assignment.assigneeDepartmentId !== identity.departmentId) return { allowed: false, status: 403, reason: 'a supervisor assigns to people of their own department' };
    }
  }
  return { allowed: true };
}
