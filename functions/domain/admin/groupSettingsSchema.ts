/** The group settings as an administrator submits them: validated whole (functions/domain/groupSettings.ts). */
import * as z from 'zod/mini';
import { singleLine } from '../complaint';
import { CURRENCIES } from '../vocabulary';

export const departmentIdSchema = z.string().check(z.regex(/^[a-z0-9-]{1,32}$/, 'departmentId must be 1-32 lowercase letters, digits or "-"'));
export const mailboxSchema = z.string().check(z.trim(), z.maxLength(254, 'must be at most 254 characters'), z.email('must be an email address'));

const days = (label: string, min: number, max: number) =>
  z.number().check(z.gte(min, `${label} must be at least ${min}`), z.lte(max, `${label} must be at most ${max}`));

export const namesSchema = z.strictObject({
  'zh-Hant': singleLine('the Traditional Chinese name', 200),
  'zh-Hans': singleLine('the Simplified Chinese name', 200),
  en: singleLine('the English name', 200),
});

export const groupSettingsSchema = z.strictObject({
  hqEmail: mailboxSchema,
  compensationHqThreshold: z.partialRecord(
    z.enum(CURRENCIES, `currency must be one of ${CURRENCIES.join(', ')}`),
    z.number().check(z.gte(0, 'a threshold must be 0 or more'), z.lte(10_000_000, 'a threshold must be at most 10,000,000')),
  ),
  followUpAfterDays: days('followUpAfterDays', 0, 60),
  feedbackWindowDays: days('feedbackWindowDays', 1, 90),
  escalationWorkingDays: z.int().check(z.gte(1, 'escalationWorkingDays must be at least 1'), z.lte(60, 'escalationWorkingDays must be at most 60')),
  /** Optional: absent keeps the stored zone. Changing it re-buckets the figures only after `npm run aggregates -- rebuild`. */
  reportingTimeZone: z.optional(
    z.string().check(
      z.refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, { message: 'reportingTimeZone must be an IANA time zone such as Asia/Hong_Kong', params: { code: 'notTimeZone' } }),
    ),
  ),
  /** Optional (absent keeps the stored value, else the default): the outstanding actions' reminder cadence and lateness threshold. */
  actionReminderEveryWorkingDays: z.optional(z.int().check(z.gte(1, 'actionReminderEveryWorkingDays must be at least 1'), z.lte(20, 'actionReminderEveryWorkingDays must be at most 20'))),
  actionReminderManagerAfterWorkingDays: z.optional(z.int().check(z.gte(0, 'actionReminderManagerAfterWorkingDays must be 0 or more'), z.lte(60, 'actionReminderManagerAfterWorkingDays must be at most 60'))),
  departments: z.array(z.strictObject({ departmentId: departmentIdSchema, names: namesSchema })).check(
    z.minLength(1, 'at least one department is needed'),
    z.maxLength(50, 'at most 50 departments'),
    z.refine((list) => new Set(list.map((d) => d.departmentId)).size === list.length, { message: 'department ids must be unique', params: { code: 'departmentIdsRepeated' } }),
  ),
});

/**
 * Departments the new catalogue leaves out although an estate gives them a mailbox (with those
 * estates, sorted): such a removal is refused, since the estate's routing names the department.
 */
export function departmentsStillInUse(
  before: readonly { departmentId: string }[],
  after: readonly { departmentId: string }[],
  estates: readonly { estateId: string; departments: readonly { departmentId: string }[] }[],
): { departmentId: string; estateIds: string[] }[] {
  const kept = new Set(after.map((d) => d.departmentId));
  const removed = before.map((d) => d.departmentId).filter((id) => !kept.has(id));
  return removed
    .map((departmentId) => ({ departmentId, estateIds: estates.filter((e) => e.departments.some((d) => d.departmentId === departmentId)).map((e) => e.estateId).sort() }))
    .filter((d) => d.estateIds.length > 0);
}
