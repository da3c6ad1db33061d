/**
 * Settings the group headquarters sets for all its estates. Defaults follow
 * the seeds; a deployment can override them through environment variables
 * (GROUP_SETTINGS as JSON) until the admin configuration screen exists.
 */
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
}

export const DEFAULT_GROUP_SETTINGS: GroupSettings = {
  hqEmail: 'hq.cs@demo-group.example',
  compensationHqThreshold: { HKD: 5000, CNY: 5000, GBP: 500 },
  followUpAfterDays: 3,
  feedbackWindowDays: 14,
  escalationWorkingDays: 3,
  reportingTimeZone: 'Asia/Hong_Kong',
};

/** Settings from their JSON form (the platform passes `GROUP_SETTINGS`); none: the defaults. */
export function groupSettings(json: string | undefined): GroupSettings {
  if (!json) return DEFAULT_GROUP_SETTINGS;
  const parsed = JSON.parse(json) as Partial<GroupSettings>;
  return { ...DEFAULT_GROUP_SETTINGS, ...parsed };
}
