/**
 * The staff directory: who may sign in, with which role, for which estates
 * and department. In AWS it is the Cognito user pool (AdminCreateUser, a
 * group per role, custom attributes; functions/platform/cognitoStaffDirectory.ts);
 * locally a directory in the case table behind the same interface, which the
 * local issuer signs tokens from (functions/store/tableStaffDirectory.ts).
 */
import * as z from 'zod/mini';
import { STAFF_ROLES, type StaffRole } from '../access/identity';
import { singleLine } from '../complaint';
import { LANGUAGES, type Language } from '../vocabulary';
import { estateIdSchema } from '../estateIdSchema';
import { departmentIdSchema, mailboxSchema } from './groupSettingsSchema';

export interface StaffMember {
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  /** Estate ids, or `*` (HQ, compliance and admin always serve every estate). */
  estates: string;
  departmentId?: string;
  enabled: boolean;
  /**
   * The language their emails are written in (assignment, warnings, weekly report, CS-lead summary request); absent:
   * their estate's (mainland → 简体). Cognito's `custom:language` in AWS; set through the admin API, form and import.
   */
  language?: Language;
}

export type StaffChange = Partial<Pick<StaffMember, 'role' | 'estates' | 'departmentId' | 'enabled' | 'name' | 'language'>>;

export interface StaffDirectory {
  list(): Promise<StaffMember[]>;
  get(userId: string): Promise<StaffMember | undefined>;
  /** Creates the user (Cognito sends the invitation email); refuses an id or email already taken with `StaffConflictError`. */
  create(member: Omit<StaffMember, 'enabled'>): Promise<StaffMember>;
  /** Changes role, estates, department, name or enabled state; the user must exist. */
  update(userId: string, change: StaffChange): Promise<StaffMember>;
}

export class StaffConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaffConflictError';
  }
}

const userIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'userId must be 2-64 lowercase letters, digits, ".", "_" or "-"'));
const estatesSchema = z.union([z.literal('*'), z.array(estateIdSchema).check(z.minLength(1, 'at least one estate'), z.maxLength(500, 'at most 500 estates'))]);
const roleSchema = z.enum(STAFF_ROLES, `role must be one of ${STAFF_ROLES.join(', ')}`);
const staffLanguageSchema = z.enum(LANGUAGES, `language must be one of ${LANGUAGES.join(', ')}`);

export const newStaffSchema = z.strictObject({
  userId: userIdSchema,
  email: mailboxSchema,
  name: singleLine('name', 100),
  role: roleSchema,
  estates: estatesSchema,
  departmentId: z.optional(departmentIdSchema),
  language: z.optional(staffLanguageSchema),
});
export type NewStaff = z.infer<typeof newStaffSchema>;

export const staffChangeSchema = z.strictObject({
  role: z.optional(roleSchema),
  estates: z.optional(estatesSchema),
  departmentId: z.optional(z.nullable(departmentIdSchema)),
  name: z.optional(singleLine('name', 100)),
  enabled: z.optional(z.boolean()),
  /** null: back to the estate's language. */
  language: z.optional(z.nullable(staffLanguageSchema)),
});
export type StaffChangeRequest = z.infer<typeof staffChangeSchema>;

const GROUP_WIDE: readonly StaffRole[] = ['hq', 'compliance', 'admin'];
const NEEDS_DEPARTMENT: readonly StaffRole[] = ['department-handler', 'supervisor', 'frontline-staff'];

/**
 * What a staff record must satisfy whatever the request: group-wide roles serve `*`, estate roles name estates
 * that exist, handlers and frontline staff have a department. Field → message; empty when it fits.
 */
export function staffRecordProblems(member: Pick<StaffMember, 'role' | 'estates' | 'departmentId'>, knownEstates: ReadonlySet<string>, knownDepartments: ReadonlySet<string>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (GROUP_WIDE.includes(member.role)) {
    if (member.estates !== '*') problems.estates = `a ${member.role} serves every estate: give "*"`;
  } else if (member.estates === '*') {
    problems.estates = `a ${member.role} serves named estates, not "*"`;
  } else {
    const unknown = member.estates.split(',').filter((id) => !knownEstates.has(id));
    if (unknown.length > 0) problems.estates = `not estates of the group: ${unknown.join(', ')}`;
  }
  if (NEEDS_DEPARTMENT.includes(member.role) && !member.departmentId) problems.departmentId = `a ${member.role} needs a department`;
  if (member.departmentId && !knownDepartments.has(member.departmentId)) problems.departmentId = `"${member.departmentId}" is not a department of the group`;
  return problems;
}

export function estatesClaim(estates: '*' | readonly string[]): string {
  return estates === '*' ? '*' : [...new Set(estates)].join(',');
}
