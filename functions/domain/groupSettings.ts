/**
 * Settings the group headquarters sets for all its estates. They live in the
 * case store (one item, changed by administrators through
 * `PUT /api/v1/admin/settings`, every change in the admin ledger); the
 * defaults below follow the seeds and are what a new deployment starts with.
 * `GROUP_SETTINGS` (JSON) is read only as the seed of a store that has none
 * yet (functions/platform/clients.ts), never once settings are stored.
 */
import type { Language } from './vocabulary';

/** A department of the group's catalogue; each estate gives it a mailbox. */
export interface DepartmentDefinition {
  departmentId: string;
  names: Record<Language, string>;
}

export interface GroupSettings {
  /** Group HQ's customer-service mailbox: critical alerts, referrals, final escalations. */
  hqEmail: string;
  /** Claims above this amount (per currency) need HQ's approval besides the estate manager's (seed 001 §5.6). */
  compensationHqThreshold: Record<string, number>;
  /** Days after the response before the satisfaction follow-up (回訪) is sent. */
  followUpAfterDays: number;
  /** Days the complainant has to answer the follow-up before "no response" is recorded. */
  feedbackWindowDays: number;
  /** Working days an escalated case gets by default until the manager sets a deadline. */
  escalationWorkingDays: number;
  /** The time zone the group's figures are counted in (days, weeks, months of the dashboard and reports): one for every estate, so estates add up to the group. */
  reportingTimeZone: string;
  /** The group's departments (names in three languages); an estate gives each of its departments a mailbox. */
  departments: DepartmentDefinition[];
  /** Outstanding actions past their due date are reminded every this many working days (absent, in settings stored before it existed: 3). */
  actionReminderEveryWorkingDays?: number;
  /** The estate manager is told of an action late by more than this many working days (absent: 5). */
  actionReminderManagerAfterWorkingDays?: number;
}

export const DEFAULT_DEPARTMENTS: DepartmentDefinition[] = [
  { departmentId: 'engineering', names: { en: 'Engineering', 'zh-Hant': '工程部', 'zh-Hans': '工程部' } },
  { departmentId: 'security', names: { en: 'Security', 'zh-Hant': '保安部', 'zh-Hans': '保安部' } },
  { departmentId: 'cleaning', names: { en: 'Cleaning and environment', 'zh-Hant': '清潔及環境部', 'zh-Hans': '清洁及环境部' } },
  { departmentId: 'customer-service', names: { en: 'Customer service', 'zh-Hant': '客戶服務部', 'zh-Hans': '客户服务部' } },
];

export const DEFAULT_GROUP_SETTINGS: GroupSettings = {
  hqEmail: 'hq.cs@demo-group.example',
  compensationHqThreshold: { HKD: 5000, CNY: 5000, GBP: 500 },
  followUpAfterDays: 3,
  feedbackWindowDays: 14,
  escalationWorkingDays: 3,
  reportingTimeZone: 'Asia/Hong_Kong',
  departments: DEFAULT_DEPARTMENTS,
  actionReminderEveryWorkingDays: 3,
  actionReminderManagerAfterWorkingDays: 5,
};

/** The settings a store starts with: the defaults, overridden by the seed's fields (`GROUP_SETTINGS` JSON). */
export function seedGroupSettings(json: string | undefined): GroupSettings {
  if (!json) return DEFAULT_GROUP_SETTINGS;
  const parsed = JSON.parse(json) as Partial<GroupSettings>;
  return { ...DEFAULT_GROUP_SETTINGS, ...parsed };
}

export interface ActionReminderPolicy {
  /** After the due date, a reminder every this many working days. */
  everyWorkingDays: number;
  /** The estate manager is told when an action is overdue by more than this many working days. */
  managerAfterWorkingDays: number;
}

/**
 * The outstanding actions' reminder cadence and lateness threshold of the group's settings
 * (functions/domain/lifecycle/actionReminders.ts); settings stored before they existed get the defaults (3 and 5).
 */
export function actionReminderPolicyOf(settings: Pick<GroupSettings, 'actionReminderEveryWorkingDays' | 'actionReminderManagerAfterWorkingDays'>): ActionReminderPolicy {
  return {
    everyWorkingDays: settings.actionReminderEveryWorkingDays ?? DEFAULT_GROUP_SETTINGS.actionReminderEveryWorkingDays!,
    managerAfterWorkingDays: settings.actionReminderManagerAfterWorkingDays ?? DEFAULT_GROUP_SETTINGS.actionReminderManagerAfterWorkingDays!,
  };
}
