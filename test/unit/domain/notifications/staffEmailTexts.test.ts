/**
 * The lifecycle emails to staff and outside parties take every text from the staff emails' catalogue
 * (`email.staff`, functions/messages/staffEmail.*.ts), here in the Hong Kong form: 繁體中文 and English side by side
 * (the urgent-triage alert in 简体中文 too; the other forms: staffEmailLanguages.test.ts); test/unit/domain/notifications/lifecycleEmails.test.ts checks what they say.
 */
import { describe, expect, it } from 'vitest';
import { compensationDecisionRequestEmail, escalationEmail, urgentTriageEmail } from '../../../../functions/domain/notifications/staffEmails';
import type { CompensationDecisionRequestFacts, EscalationFacts, UrgentTriageFacts } from '../../../../functions/domain/notifications/lifecycleEmailFacts';
import { fill } from '../../../../functions/messages';
import { STAFF_EMAIL_CATALOGUES } from '../../../../functions/messages/staffEmail';

const staff = (language: 'en' | 'zh-Hant' | 'zh-Hans') => STAFF_EMAIL_CATALOGUES[language].email.staff;
const base = { languages: ['zh-Hant', 'en'] as const, reference: 'HK01-2026-000123', estateName: 'Harbour View', caseUrl: 'https://complaints.example/staff?case=C1', timeZone: 'Asia/Hong_Kong' };

describe('staff emails from the catalogue', () => {
  it('writes the urgent-triage alert in the three languages, each paragraph the catalogue’s', () => {
    const email = urgentTriageEmail({ ...base, unit: 'Block A, 12/F', receivedAt: '2026-11-28T02:30:00.000Z', reasons: ['smoke'], description: 'Smoke in the corridor' } as UrgentTriageFacts);
    const vars = { reference: base.reference, estate: base.estateName };
    expect(email.subject).toBe(`${fill(staff('zh-Hant').urgentTriage.subject, vars)} / ${fill(staff('en').urgentTriage.subject, vars)}`);
    for (const language of ['zh-Hant', 'zh-Hans', 'en'] as const) expect(email.text).toContain(fill(staff(language).urgentTriage.body, vars));
    expect(email.text).toContain(`${staff('zh-Hant').labels.signs} / ${staff('en').labels.signs}`);
    expect(email.html).toContain('lang="zh-Hans"');
  });

  it('fills the escalation with the level, the reason and the deadline in each language', () => {
    const email = escalationEmail({ ...base, level: 1, reason: 'overdue', previousDueBy: '2026-12-01T15:59:59.999Z', newDueBy: '2026-12-08T15:59:59.999Z' } as EscalationFacts);
    expect(email.subject).toBe(`投訴 ${base.reference} 已升級至${staff('zh-Hant').escalation.level1} / Complaint ${base.reference} escalated to ${staff('en').escalation.level1}`);
    expect(email.text).toContain(`${staff('en').escalation.reasonOverdue} Please set the handling opinion`);
    expect(email.text).toContain('2026年12月8日');
    expect(email.text).toContain('8 December 2026');
  });

  it('says whether the value-recovery guidance is met, from the catalogue', () => {
    const facts = { ...base, approver: 'estate-manager', claim: { amount: 500, currency: 'HKD' }, valueRecovery: { originalServiceValueA: 100, complainingCostB: 50, proposedC: 120 } } as CompensationDecisionRequestFacts;
    const email = compensationDecisionRequestEmail(facts);
    expect(email.text).toContain(`${fill(staff('zh-Hant').compensation.short, { amount: 'HK$30.00' })} / ${fill(staff('en').compensation.short, { amount: 'HK$30.00' })}`);
    expect(email.text).toContain(staff('zh-Hant').compensation.valueRule);
    expect(email.subject).toBe(`${fill(staff('zh-Hant').compensation.subject, { reference: base.reference })} / ${fill(staff('en').compensation.subject, { reference: base.reference })}`);
  });
});
