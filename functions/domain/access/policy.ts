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
  'compensation.decide',
  'compensation.approveAboveThreshold',
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
] as const;
export type Action = (typeof ACTIONS)[number];

/** The case (or estate) an action is about; absent for group-level actions. */
export interface Resource {
  estateId?: string;
  caseId?: string;
  /** The department the case is routed to, and the person who owns it. */
  departmentId?: string;
  assigneeId?: string;
}

export type Decision =
  | { allowed: true }
  /** 404 when the resource is outside the caller's estates, so its existence is not revealed; 403 when visible but not permitted; 401 when not signed in. */
  | { allowed: false; status: 401 | 403 | 404; reason: string };

// Posting a letter to a complainant without email, or phoning them for their rating, is everyday case work (seed 003 書面回應, 回訪).
const ALL_CASE_WORK: Action[] = ['case.list', 'case.read', 'case.note', 'case.staffStatement', 'complaint.fileOnBehalf', 'case.contactInWriting'];

/** What each role may do within the estates it serves. */
export const ROLE_PERMISSIONS: Record<StaffRole, readonly Action[]> = {
  // 管理員 / 班長 / 前台: log complaints, resolve simple ones on the spot, record everything (001 §3.4, §5.1.2).
  'frontline-staff': [...ALL_CASE_WORK, 'case.resolve', 'case.recordRating'],
  // 部門經理 / 指定專人: own class-1 complaints of their department (001 §3.3).
  'department-handler': [...ALL_CASE_WORK, 'case.resolve', 'case.escalate', 'case.extendDeadline', 'case.pauseClock', 'case.interimResponse', 'case.respond'],
  // 客戶服務負責人: tracks every complaint of the estate, triages and follows up (001 §3.2, §5.2).
  'cs-lead': [
    ...ALL_CASE_WORK,
    'case.triage', 'case.assign', 'case.resolve', 'case.markInvalid', 'case.escalate', 'case.extendDeadline', 'case.pauseClock',
    'case.interimResponse', 'case.respond', 'case.reopen', 'case.recordRating', 'case.revokeTracking', 'case.closingReport', 'dashboard.read', 'report.weekly',
  ],
  // 管理處經理: decides difficult complaints and compensation (001 §5.1.3, §5.6.2).
  'estate-manager': [
    ...ALL_CASE_WORK,
    'case.triage', 'case.assign', 'case.resolve', 'case.markInvalid', 'case.escalate', 'case.extendDeadline', 'case.pauseClock',
    'case.interimResponse', 'case.respond', 'case.reopen', 'case.recordRating', 'case.revokeTracking', 'case.closingReport', 'compensation.decide', 'dashboard.read', 'performance.readHandlers', 'report.weekly',
    'report.selfAssessment',
  ],
  // 集團: sees every estate, handles escalations and group/government complaints, approves large compensation (001 §3.1, §5.2).
  hq: [
    ...ALL_CASE_WORK,
    'case.triage', 'case.assign', 'case.resolve', 'case.markInvalid', 'case.escalate', 'case.extendDeadline', 'case.pauseClock',
    'case.interimResponse', 'case.respond', 'case.reopen', 'case.recordRating', 'case.revokeTracking', 'case.closingReport', 'compensation.decide', 'compensation.approveAboveThreshold',
    'dashboard.read', 'performance.readHandlers', 'report.weekly', 'report.selfAssessment', 'case.legalHold', 'config.read', 'deadlinePolicy.define', 'estate.chooseDeadlinePolicy',
  ],
  // Compliance and audit: read everything, change nothing.
  compliance: ['case.list', 'case.read', 'dashboard.read', 'performance.readHandlers', 'report.weekly', 'report.selfAssessment', 'audit.export', 'audit.verify', 'case.evidencePack'],
  // Administrators configure the group; they do not handle complaints.
  admin: ['config.manage', 'config.read', 'case.erasePersonalData', 'case.legalHold', 'estate.chooseDeadlinePolicy'],
};

/** Actions that only the department (or person) a case is routed to may take, besides leads and managers. */
const OWNER_BOUND_ACTIONS: readonly Action[] = ['case.resolve', 'case.respond', 'case.extendDeadline', 'case.pauseClock', 'case.interimResponse', 'case.escalate'];

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
  if (OWNER_BOUND_ACTIONS.includes(action) && (identity.role === 'department-handler' || identity.role === 'frontline-staff') && resource.caseId !== undefined) {
    const ownsByPerson = resource.assigneeId !== undefined && resource.assigneeId === identity.userId;
    const ownsByDepartment = resource.departmentId !== undefined && resource.departmentId === identity.departmentId;
    if (!ownsByPerson && !ownsByDepartment) return { allowed: false, status: 403, reason: 'this case is routed to another department' };
  }
  return { allowed: true };
}
