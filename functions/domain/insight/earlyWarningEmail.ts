/**
 * The early-warning alert email (預警, seed 000 subsystem 1): to the estate manager, HQ in copy, in the
 * estate's language, with the cases behind the warning (references, status, received date: no personal
 * data) each linked to its page in the staff console. One email per alert: an alert is the estate, the cause
 * and the last day of the window it was first raised for (the rule holds back a repeat for a window).
 * Its texts are the catalogue's (`email.insight.earlyWarning`, functions/messages/staffEmail.*.ts).
 */
import type { EmailMessage } from '../notifications/emailMessage';
import { formatDateForResident } from '../notifications/emailMessage';
import { type Block, h, p, renderEmail } from '../notifications/residentEmails';
import type { Language } from '../vocabulary';
import { valueInWords } from './weeklyReport';
import { messagesFor } from '../../messages';
import { staffEmailText } from '../../messages/staffEmail';

export interface EarlyWarningAlertFacts {
  /** The estate's name, or for a building's alert "estate · building". */
  estateName: string;
  /** A building's alert: its expectation comes from the building's own history, and the intro says so. */
  forBuilding?: boolean;
  category: string;
  window: { from: string; to: string };
  count: number;
  expected: number;
  pValue: number;
  /** Each with its page in the staff console. */
  cases: { reference: string; receivedAt: string; status: string; url: string }[];
  timeZone: string;
}

/** The alert's identity: one email per estate (or building of it), cause and first window end. */
export const earlyWarningAlertKey = (w: { estateId: string; buildingId?: string; category: string; window: { to: string } }) => ({
  estateId: w.estateId,
  alertId: `${w.category}#${w.window.to}${w.buildingId !== undefined ? `#B#${w.buildingId}` : ''}`,
});

/** The cause in the reader's words, from the catalogue's shared vocabulary. */
const categoryWords = (language: Language, category: string) => (messagesFor(language).categories as Record<string, string>)[category] ?? category;

export function earlyWarningEmail(facts: EarlyWarningAlertFacts, language: Language): EmailMessage {
  const text = staffEmailText(language);
  const category = categoryWords(language, facts.category);
  // Window days are local dates (`2026-11-30`): shown as that day, whatever the zone.
  const day = (date: string) => formatDateForResident(`${date}T12:00:00.000Z`, language, 'UTC', false);
  const blocks: Block[] = [
    p(text(facts.forBuilding ? 'email.insight.earlyWarning.introBuilding' : 'email.insight.earlyWarning.intro', { count: facts.count, category, from: day(facts.window.from), to: day(facts.window.to), expected: facts.expected.toFixed(1) })),
    p(text('email.insight.earlyWarning.chance', { chance: facts.pValue.toExponential(1) })),
    h(text('email.insight.earlyWarning.cases')),
    { kind: 'links', links: facts.cases.map((c) => ({ label: `${c.reference} · ${formatDateForResident(c.receivedAt, language, facts.timeZone, true)} · ${valueInWords(c.status, language)}`, url: c.url })) },
  ];
  return renderEmail(language, text('email.insight.earlyWarning.subject', { estate: facts.estateName, category }), blocks);
}
