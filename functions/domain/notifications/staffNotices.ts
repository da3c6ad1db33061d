/**
 * Short emails to one member of staff, in that person's language (not the bilingual formal reports of
 * staffEmails.ts): "this case is assigned to you", and the warnings before a response deadline is missed
 * (docs/DEADLINES.md, "Warnings before the breach"). Texts come from the shared message catalogues
 * (`staffNotices`); each links to the case in the staff console (`/staff?case=ID`). Nothing personal about
 * the complainant.
 */
import type { Language } from '../complaint';
import type { Estate } from '../estate';
import { translate } from '../../messages';
import { type EmailMessage, formatDateForResident } from './emailMessage';
import { type Block, link, p, renderEmail } from './residentEmails';

/**
 * The language a member of staff reads: their own where the directory records one, else the one the staff
 * console defaults to for the estate (mainland → 简体, Hong Kong → 繁體, England → English).
 */
export function staffLanguage(estate: Pick<Estate, 'jurisdiction'>, preferred?: Language): Language {
  if (preferred) return preferred;
  return estate.jurisdiction === 'CN' ? 'zh-Hans' : estate.jurisdiction === 'HK' ? 'zh-Hant' : 'en';
}

/**
 * The languages of an email to a staff mailbox (a department's, the customer-service desk's, the estate manager's,
 * HQ's) or to an outside party about a case: the estate's form, side by side. Hong Kong: 繁體中文 with English beside
 * it (as always); the mainland: 简体中文; elsewhere: English. A person's own language (`preferred`) alone.
 */
export function staffEmailLanguages(estate: Pick<Estate, 'jurisdiction'>, preferred?: Language): readonly Language[] {
  if (preferred) return [preferred];
  return estate.jurisdiction === 'HK' ? ['zh-Hant', 'en'] : [staffLanguage(estate)];
}

export interface StaffNoticeFacts {
  language: Language;
  reference: string;
  /** The estate's name in `language`. */
  estateName: string;
  timeZone: string;
  caseUrl: string;
}

function fieldsBlock(f: StaffNoticeFacts, dueBy: string | undefined): Block {
  const t = translate(f.language);
  return {
    kind: 'fields',
    rows: [
      { label: t('staffNotices.reference'), value: f.reference },
      { label: t('staffNotices.estate'), value: f.estateName },
      ...(dueBy ? [{ label: t('staffNotices.deadline'), value: formatDateForResident(dueBy, f.language, f.timeZone, false) }] : []),
    ],
  };
}

/** To the person a case was just assigned (or reassigned) to. */
export function assignmentEmail(f: StaffNoticeFacts & { assignedBy: string; dueBy?: string }): EmailMessage {
  const t = translate(f.language);
  const vars = { reference: f.reference, estate: f.estateName, by: f.assignedBy, dueBy: f.dueBy ? formatDateForResident(f.dueBy, f.language, f.timeZone, false) : '' };
  return renderEmail(f.language, t('staffNotices.assignedSubject', vars), [
    p(t(f.dueBy ? 'staffNotices.assignedBody' : 'staffNotices.assignedNoDeadline', vars), f.language),
    fieldsBlock(f, f.dueBy),
    link(t('staffNotices.openCase'), f.caseUrl),
  ]);
}

export type WarningWhy = 'no-response-drafted' | 'last-working-day';

/** To the handler at 50% / 75% of the time to respond, or to the estate manager when the case is at risk of breach. */
export function deadlineWarningEmail(f: StaffNoticeFacts & { dueBy: string; percent: number; atRisk?: WarningWhy }): EmailMessage {
  const t = translate(f.language);
  const dueBy = formatDateForResident(f.dueBy, f.language, f.timeZone, false);
  const why = f.atRisk === 'last-working-day' ? t('staffNotices.atRiskLastDay') : t('staffNotices.atRiskNoResponse', { percent: f.percent });
  const vars = { reference: f.reference, estate: f.estateName, dueBy, percent: f.percent, why };
  return renderEmail(f.language, t(f.atRisk ? 'staffNotices.atRiskSubject' : 'staffNotices.warningSubject', vars), [
    p(t(f.atRisk ? 'staffNotices.atRiskBody' : 'staffNotices.warningBody', vars), f.language),
    fieldsBlock(f, f.dueBy),
    link(t('staffNotices.openCase'), f.caseUrl),
  ]);
}
