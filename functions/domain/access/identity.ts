/**
 * Who is acting. Staff sign in (Cognito in AWS, the local issuer locally);
 * residents never do — they hold a tracking token for one case.
 */
export const STAFF_ROLES = [
  'frontline-staff',
  /** 信息員 / 客戶服務前臺信息管理員: records complaints at the front desk (the 《客戶意見征詢表》 of class 2), handles none (seed 001 §5.1.2 B, §5.3). */
  'information-officer',
  /** 主管 / 主辦 / 班長: handles the cases of their department and assigns within it; reports to the CS lead (seed 001 §3.4). */
  'supervisor',
  'department-handler',
  'cs-lead',
  /** 管理處經理助理(客戶) / 客戶關係專員: the CS lead reports to them; sees the estate's cases and figures (seed 001 §3.2, §5.3, §5.6.3). */
  'assistant-manager',
  'estate-manager',
  'hq',
  'compliance',
  'admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffIdentity {
  kind: 'staff';
  userId: string;
  role: StaffRole;
  /** Estates the user serves; HQ, compliance and admin serve every estate. */
  estateIds: readonly string[] | 'all';
  /** The department of a department handler, supervisor or frontline staff member. */
  departmentId?: string;
}

export interface ResidentIdentity {
  kind: 'resident';
  /** The case whose tracking token was presented. */
  caseId: string;
}

export interface AnonymousIdentity {
  kind: 'anonymous';
}

export type Identity = StaffIdentity | ResidentIdentity | AnonymousIdentity;

/** Roles whose remit is the whole group rather than a list of estates. */
export const GROUP_WIDE_ROLES: readonly StaffRole[] = ['hq', 'compliance', 'admin'];

export function servesEstate(identity: StaffIdentity, estateId: string): boolean {
  return identity.estateIds === 'all' || identity.estateIds.includes(estateId);
}
