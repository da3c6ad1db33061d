/**
 * Mailing the Monday report (seed 001 §5.3): to the estate's CS leads, copied to HQ, each in their own
 * language, with the report as an XLSX attachment. Pure: who gets which email, and what it says; the task
 * (functions/platform/weeklyReportMail.ts) sends it once per estate, week and language.
 *
 * Recipients: the enabled `cs-lead` staff serving the estate, and HQ — the enabled `hq` staff, or the group's
 * HQ mailbox (`GROUP_SETTINGS.hqEmail`) when the directory has none. A recipient reads their own `language`
 * when the directory records one, the estate's (its jurisdiction's) otherwise. One email per language: the
 * CS leads of that language in To and HQ of that language in Cc; a language only HQ reads goes to HQ in To.
 * With no CS lead at all the estate's customer-service mailbox stands in for them.
 * Its texts are the catalogue's (`email.insight.weeklyReport`, functions/messages/staffEmail.*.ts).
 */
import type { StaffMember } from '../admin/staffDirectory';
import type { Estate } from '../estate';
import type { EmailMessage } from '../notifications/emailMessage';
import { formatDateForResident } from '../notifications/emailMessage';
import { type Block, h, p, renderEmail } from '../notifications/residentEmails';
import { LANGUAGES, type Language } from '../vocabulary';
import { type WeeklyReport, weeklyReportCopy } from './weeklyReport';
import { staffEmailText } from '../../messages/staffEmail';

export interface WeeklyReportMailing {
  language: Language;
  to: string[];
  cc: string[];
}

/** The language an estate's staff read by default: its jurisdiction's. */
export const estateLanguage = (estate: Pick<Estate, 'jurisdiction'>): Language => (estate.jurisdiction === 'CN' ? 'zh-Hans' : estate.jurisdiction === 'HK' ? 'zh-Hant' : 'en');

const serves = (member: StaffMember, estateId: string) => member.estates === '*' || member.estates.split(',').map((e) => e.trim()).includes(estateId);

export function weeklyReportMailings(estate: Pick<Estate, 'estateId' | 'jurisdiction' | 'customerServiceEmail'>, staff: readonly StaffMember[], hqMailbox: string): WeeklyReportMailing[] {
  const fallback = estateLanguage(estate);
  const languageOf = (member: StaffMember): Language => (member.language && LANGUAGES.includes(member.language) ? member.language : fallback);
  const leads = staff.filter((m) => m.enabled && m.role === 'cs-lead' && serves(m, estate.estateId));
  const hq = staff.filter((m) => m.enabled && m.role === 'hq');
  const toAddresses: { email: string; language: Language }[] = leads.length ? leads.map((m) => ({ email: m.email, language: languageOf(m) })) : [{ email: estate.customerServiceEmail, language: fallback }];
  const ccAddresses: { email: string; language: Language }[] = hq.length ? hq.map((m) => ({ email: m.email, language: languageOf(m) })) : [{ email: hqMailbox, language: fallback }];
  const mailings: WeeklyReportMailing[] = [];
  for (const language of LANGUAGES) {
    const unique = (list: { email: string; language: Language }[]) => [...new Set(list.filter((r) => r.language === language).map((r) => r.email.toLowerCase()))].sort();
    const to = unique(toAddresses);
    const cc = unique(ccAddresses).filter((address) => !to.includes(address));
    if (to.length) mailings.push({ language, to, cc });
    else if (cc.length) mailings.push({ language, to: cc, cc: [] });
  }
  return mailings;
}

/** The email that carries the report: its figures in the body, the rows in the attachment. */
export function weeklyReportEmail(report: WeeklyReport, language: Language, estateName: string, timeZone: string): EmailMessage {
  const text = staffEmailText(language);
  const figures = weeklyReportCopy(language).figures;
  // `to` is the first instant after the week: its last day is the day before.
  const lastDay = new Date(Date.parse(report.to) - 1).toISOString();
  const blocks: Block[] = [
    p(text('email.insight.weeklyReport.intro', { estate: estateName, from: formatDateForResident(report.from, language, timeZone, false), to: formatDateForResident(lastDay, language, timeZone, false) })),
    h(text('email.insight.weeklyReport.figuresTitle')),
    { kind: 'fields', rows: (Object.keys(figures) as (keyof typeof figures)[]).map((key) => ({ label: figures[key], value: String(report.summary[key]) })) },
    p(text('email.insight.weeklyReport.attachment')),
    p(text('email.insight.weeklyReport.noPersonalData')),
  ];
  return renderEmail(language, text('email.insight.weeklyReport.subject', { estate: estateName, week: report.week }), blocks);
}

/** The attachment's file name: ASCII only, so every mail client shows it as it is. */
export const weeklyReportFileName = (estateId: string, week: string, language: Language) => `weekly-report-${estateId}-${week}-${language}.xlsx`;
