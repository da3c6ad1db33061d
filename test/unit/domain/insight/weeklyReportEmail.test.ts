import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../../functions/domain/admin/staffDirectory';
import { weeklyReportMailings } from '../../../../functions/domain/insight/weeklyReportEmail';

const estate = { estateId: 'EST01', jurisdiction: 'HK' as const, customerServiceEmail: 'desk.est01@x.example' };
const member = (userId: string, role: StaffMember['role'], estates: string, extra: Partial<StaffMember> = {}): StaffMember => ({ userId, email: `${userId}@x.example`, name: userId, role, estates, enabled: true, ...extra });

describe('who receives the weekly report', () => {
  it("sends the CS leads of the estate one email in the estate's language, HQ in copy", () => {
    const staff = [member('lead', 'cs-lead', 'EST01'), member('lead2', 'cs-lead', 'EST02,EST01'), member('other', 'cs-lead', 'EST02'), member('hq', 'hq', '*'), member('mgr', 'estate-manager', 'EST01')];
    expect(weeklyReportMailings(estate, staff, 'hq-box@x.example')).toEqual([{ language: 'zh-Hant', to: ['lead2@x.example', 'lead@x.example'], cc: ['hq@x.example'] }]);
  });

  it('gives a recipient who reads another language an email of their own', () => {
    const staff = [member('lead', 'cs-lead', 'EST01'), member('hq', 'hq', '*', { language: 'en' }), member('hq2', 'hq', '*')];
    expect(weeklyReportMailings(estate, staff, 'hq-box@x.example')).toEqual([
      { language: 'zh-Hant', to: ['lead@x.example'], cc: ['hq2@x.example'] },
      { language: 'en', to: ['hq@x.example'], cc: [] },
    ]);
  });

  it("falls back to the estate's desk and the group's HQ mailbox, and skips disabled staff", () => {
    const staff = [member('lead', 'cs-lead', 'EST01', { enabled: false }), member('hq', 'hq', '*', { enabled: false })];
    expect(weeklyReportMailings({ ...estate, jurisdiction: 'CN' }, staff, 'hq-box@x.example')).toEqual([{ language: 'zh-Hans', to: ['desk.est01@x.example'], cc: ['hq-box@x.example'] }]);
  });
});
