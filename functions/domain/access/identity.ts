/**
 * Who is acting. Staff sign in (Cognito in AWS, the local issuer locally);
 * residents never do — they hold a tracking token for one case.
 */
export const STAFF_ROLES = [
  'frontline-staff',
  'department-handler',
  'cs-lead',
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
  /** The department of a department handler or frontline staff member. */
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
