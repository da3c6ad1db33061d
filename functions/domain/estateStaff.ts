/**
 * Who works at an estate, as the console's pickers need it: the people a case of that estate may
 * be assigned to. "May be assigned" is asked of the policy module (a role that may resolve cases),
 * not listed here; disabled members and people who do not serve the estate are left out. Only
 * what a picker shows goes out: id, name, role, department (no email addresses).
 */
import type { StaffMember } from './admin/staffDirectory';
import type { StaffRole } from './access/identity';
import { ROLE_PERMISSIONS } from './access/policy';

export interface EstateStaffMember {
  userId: string;
  name: string;
  role: StaffRole;
  departmentId?: string;
}

export function servesEstateClaim(estates: string, estateId: string): boolean {
  return estates === '*' || estates.split(',').map((e) => e.trim()).includes(estateId);
}

export function assignableStaff(members: readonly StaffMember[], estateId: string): EstateStaffMember[] {
  return members
    .filter((m) => m.enabled && ROLE_PERMISSIONS[m.role].includes('case.resolve') && servesEstateClaim(m.estates, estateId))
    .map((m) => ({ userId: m.userId, name: m.name, role: m.role, ...(m.departmentId ? { departmentId: m.departmentId } : {}) }))
    .sort((a, b) => (a.departmentId ?? '').localeCompare(b.departmentId ?? '') || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/** Why `userId` cannot take a case of the estate, in words for the field; undefined when they can. */
export function assigneeProblem(member: StaffMember | undefined, estateId: string): string | undefined {
  if (!member) return 'is not a member of staff';
  if (!member.enabled) return 'is no longer a member of staff';
  if (!servesEstateClaim(member.estates, estateId)) return 'does not serve this estate';
  if (!ROLE_PERMISSIONS[member.role].includes('case.resolve')) return `a ${member.role} cannot be assigned cases`;
  return undefined;
}

/**
 * The enabled members of `role` who serve this estate by name (not the group-wide `*`): "the estate's CS lead", "the
 * estate's assistant manager (customer)". Sorted by user id, so every reader picks the same first one.
 */
export function estateMembersWithRole(members: readonly StaffMember[], estateId: string, role: StaffRole): StaffMember[] {
  return members
    .filter((m) => m.enabled && m.role === role && m.email && m.estates !== '*' && servesEstateClaim(m.estates, estateId))
    .sort((a, b) => a.userId.localeCompare(b.userId));
}
