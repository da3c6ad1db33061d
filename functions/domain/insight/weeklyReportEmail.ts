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
 */
import type { StaffMember } from '../admin/staffDirectory';
import type { Estate } from '../estate';
import type { EmailMessage } from '../notifications/emailMessage';
import { formatDateForResident } from '../notifications/emailMessage';
import { type Block, h, p, renderEmail } from '../notifications/residentEmails';
import { LANGUAGES, type Language } from '../vocabulary';
import { type WeeklyReport, weeklyReportCopy } from './weeklyReport';

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

const MAIL_COPY = {
  en: {
    subject: (estate: string, week: string) => `Weekly complaints report: ${estate}, ${week}`,
    intro: (estate: string, from: string, to: string) => `The complaints report of ${estate} for the week from ${from} to ${to} is attached as a spreadsheet.`,
    figures: 'In figures',
    attachment: 'The attachment lists each complaint received in the week, how it was handled, and every complaint still open, overdue ones first.',
    noPersonalData: 'It holds references, codes and dates only, no personal data.',
  },
  'zh-Hant': {
    subject: (estate: string, week: string) => `每週投訴報告：${estate}，${week}`,
    intro: (estate: string, from: string, to: string) => `附上${estate}由${from}至${to}一週的投訴報告（試算表）。`,
    figures: '數字',
    attachment: '附件列出該週收到的每宗投訴及其處理情況，以及所有仍未完成的投訴（逾期者在前）。',
    noPersonalData: '報告只有編號、代碼及日期，不含個人資料。',
  },
  'zh-Hans': {
    subject: (estate: string, week: string) => `每周投诉报告：${estate}，${week}`,
    intro: (estate: string, from: string, to: string) => `附上${estate}由${from}至${to}一周的投诉报告（电子表格）。`,
    figures: '数字',
    attachment: '附件列出该周收到的每宗投诉及其处理情况，以及所有仍未完成的投诉（逾期者在前）。',
    noPersonalData: '报告只有编号、代码及日期，不含个人资料。',
  },
} as const satisfies Record<Language, unknown>;

/** The email that carries the report: its figures in the body, the rows in the attachment. */
export function weeklyReportEmail(report: WeeklyReport, language: Language, estateName: string, timeZone: string): EmailMessage {
  const copy = MAIL_COPY[language];
  const figures = weeklyReportCopy(language).figures;
  // `to` is the first instant after the week: its last day is the day before.
  const lastDay = new Date(Date.parse(report.to) - 1).toISOString();
  const blocks: Block[] = [
    p(copy.intro(estateName, formatDateForResident(report.from, language, timeZone, false), formatDateForResident(lastDay, language, timeZone, false))),
    h(copy.figures),
    { kind: 'fields', rows: (Object.keys(figures) as (keyof typeof figures)[]).map((key) => ({ label: figures[key], value: String(report.summary[key]) })) },
    p(copy.attachment),
    p(copy.noPersonalData),
  ];
  return renderEmail(language, copy.subject(estateName, report.week), blocks);
}

/** The attachment's file name: ASCII only, so every mail client shows it as it is. */
export const weeklyReportFileName = (estateId: string, week: string, language: Language) => `weekly-report-${estateId}-${week}-${language}.xlsx`;
