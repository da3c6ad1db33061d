/**
 * Staff and outside-party lifecycle emails in the estate's form (issue 12): Hong Kong estates keep 繁體中文 with
 * English beside it (these snapshots were recorded before the change and stay byte-identical), mainland estates
 * get 简体中文 alone, other estates English alone. One snapshot per email and form: subject, text and HTML.
 */
import { describe, expect, it } from 'vitest';
import {
  compensationDecisionRequestEmail,
  criticalAlertEmail,
  developerReportEmail,
  escalationEmail,
  externalPartyReportEmail,
  onTheSpotReportEmail,
  routedToDepartmentEmail,
  urgentTriageEmail,
} from '../../../../functions/domain/notifications/staffEmails';
import type { EmailMessage } from '../../../../functions/domain/notifications/emailMessage';
import type { Language } from '../../../../functions/domain/vocabulary';

const FORMS: Record<string, { languages: Language[]; estateName: string; timeZone: string }> = {
  HK: { languages: ['zh-Hant', 'en'], estateName: '海景花園 / Harbour View', timeZone: 'Asia/Hong_Kong' },
  CN: { languages: ['zh-Hans'], estateName: '滨江花园', timeZone: 'Asia/Shanghai' },
  GB: { languages: ['en'], estateName: 'Riverside Court', timeZone: 'Europe/London' },
};

const emails: [string, (form: (typeof FORMS)[string]) => EmailMessage][] = [
  ['critical alert', (form) => criticalAlertEmail({ ...form, reference: 'HK01-2026-000123', caseUrl: 'https://complaints.example/staff?case=C1', severity: 'critical', caseClass: 1, category: 'staff-attitude', unit: 'Block A, 12/F', description: 'Water pouring through the ceiling', receivedAt: '2026-11-28T02:30:00.000Z' })],
  ['urgent triage', (form) => urgentTriageEmail({ ...form, reference: 'HK01-2026-000123', caseUrl: 'https://complaints.example/staff?case=C1', unit: 'Block A, 12/F', description: 'Smoke in the corridor', receivedAt: '2026-11-28T02:30:00.000Z', reasons: ['smoke', 'fire alarm'] })],
  ['routed to department', (form) => routedToDepartmentEmail({ ...form, reference: 'HK01-2026-000123', caseUrl: 'https://complaints.example/staff?case=C1', departmentName: 'Engineering', caseClass: 1, severity: 'serious', category: 'poor-skill', unit: 'Block A, 12/F', description: 'Lift stuck', respondBy: '2026-12-14T15:59:59.999Z' })],
  ['developer report', (form) => developerReportEmail({ ...form, reference: 'HK01-2026-000123', unit: 'Block A, 12/F', description: 'Cracks in the external wall', receivedAt: '2026-11-28T02:30:00.000Z', severity: 'serious', replyTo: 'cs@harbour.example' })],
  ['external-party report', (form) => externalPartyReportEmail({ ...form, reference: 'HK01-2026-000123', partyName: 'Highways Department', location: 'Road outside Gate 2', description: 'Pothole', impact: 'Residents trip', receivedAt: '2026-11-28T02:30:00.000Z', replyTo: 'cs@harbour.example' })],
  ['escalation', (form) => escalationEmail({ ...form, reference: 'HK01-2026-000123', caseUrl: 'https://complaints.example/staff?case=C1', level: 1, reason: 'overdue', previousDueBy: '2026-12-01T15:59:59.999Z', newDueBy: '2026-12-08T15:59:59.999Z', note: 'Call the contractor' })],
  ['on-the-spot report', (form) => onTheSpotReportEmail({ ...form, reference: 'HK01-2026-000123', caseUrl: 'https://complaints.example/staff?case=C1', recordedBy: 'frontline01', resolution: 'Light replaced', unit: 'Block A, 12/F', description: 'Corridor light out' })],
  ['compensation decision request', (form) => compensationDecisionRequestEmail({ ...form, reference: 'HK01-2026-000123', caseUrl: 'https://complaints.example/staff?case=C1', approver: 'estate-manager', claim: { amount: 500, currency: 'HKD', reason: 'Ruined carpet' }, proposal: { amount: 300, note: 'Partial' }, valueRecovery: { originalServiceValueA: 100, complainingCostB: 50, proposedC: 120 }, summary: { recommendation: 'amend', amount: 300, reasons: 'Partly our fault' } })],
];

describe.each(Object.keys(FORMS))('staff emails for a %s estate', (jurisdiction) => {
  it.each(emails)('%s', (_name, render) => {
    const email = render(FORMS[jurisdiction]!);
    expect({ subject: email.subject, text: email.text, html: email.html }).toMatchSnapshot();
  });
});

describe('the language of each form', () => {
  it.each(emails)('%s: 简体 alone for a mainland estate, no 繁體 and no English paragraph', (_name, render) => {
    const email = render(FORMS.CN!);
    expect(email.html).toContain('lang="zh-Hans"');
    expect(email.html).not.toContain('lang="zh-Hant"');
    expect(email.html).not.toContain('lang="en"');
    expect(email.subject).not.toContain(' / ');
    expect(email.subject).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(emails)('%s: English alone elsewhere', (_name, render) => {
    const email = render(FORMS.GB!);
    expect(email.html).not.toMatch(/lang="zh/);
    expect(email.subject).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
