/**
 * The words every module shares: languages, channels, currencies, case
 * statuses, classes, severities, causes, and the response promise made at
 * receipt. Plain constants, no zod: the schemas that use them are in
 * ./complaint.ts.
 */

export const LANGUAGES = ['zh-Hant', 'zh-Hans', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CHANNELS = [
  'web',
  'email',
  'phone',
  'in-person',
  'letter',
  'fax',
  'api',
  'group-referral',
  'government-referral',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels a member of the public may use without signing in. The others are recorded by staff. */
export const PUBLIC_CHANNELS: readonly Channel[] = ['web', 'email', 'api'];

/** Channels where the complainant reached us by email or online, so an email address is required to answer them. */
export const CHANNELS_REQUIRING_EMAIL: readonly Channel[] = ['web', 'email', 'api'];

export const CURRENCIES = ['HKD', 'CNY', 'GBP'] as const;

/**
 * Where a case stands. `needs-attention` parks a case whose automated step
 * failed; a person takes it from there.
 */
export const CASE_STATUSES = [
  'received',
  'acknowledged',
  'in-progress',
  'awaiting-compensation-decision',
  'responded',
  'closed',
  'needs-attention',
] as const;

/** Seed 001 §4: who is responsible decides the route. */
export const COMPLAINT_CLASSES = [1, 2, 3] as const;
export type ComplaintClass = (typeof COMPLAINT_CLASSES)[number];

/** Seed 002 §三: general, serious, critical (恶性 — alerts HQ at once). */
export const SEVERITIES = ['general', 'serious', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Seed 003 §1: causes of complaints. */
export const CAUSE_CATEGORIES = [
  'service-missing-or-not-working',
  'staff-attitude',
  'service-standard-too-low',
  'inappropriate-language',
  'poor-skill',
  'slow-or-inefficient',
  'misunderstanding',
  'unreasonable-demand',
] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The promise made at receipt (seed 003 §4.3): the complainant hears back within 5 days, counted as working days. */
export const DEFAULT_RESPONSE_WORKING_DAYS = 5;
