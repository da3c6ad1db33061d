/**
 * The early-warning alert email (預警, seed 000 subsystem 1): to the estate manager, HQ in copy, in the
 * estate's language, with the cases behind the warning (references, status, received date: no personal
 * data) each linked to its page in the staff console. One email per alert: an alert is the estate, the cause
 * and the last day of the window it was first raised for (the rule holds back a repeat for a window).
 */
import type { EmailMessage } from '../notifications/emailMessage';
import { formatDateForResident } from '../notifications/emailMessage';
import { type Block, h, p, renderEmail } from '../notifications/residentEmails';
import type { Language } from '../vocabulary';
import { valueInWords } from './weeklyReport';
import { vocabularyEn, vocabularyZhHans, vocabularyZhHant } from '../../messages/vocabulary';

export interface EarlyWarningAlertFacts {
  estateName: string;
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

const CATEGORY_WORDS: Record<Language, Record<string, string>> = { en: vocabularyEn.categories, 'zh-Hant': vocabularyZhHant.categories, 'zh-Hans': vocabularyZhHans.categories };

const COPY = {
  en: {
    subject: (estate: string, category: string) => `Early warning: ${category} complaints rising at ${estate}`,
    intro: (count: number, category: string, from: string, to: string, expected: string) =>
      `${count} complaints about ${category} were received from ${from} to ${to}, where the estate's own last twelve weeks make about ${expected} likely.`,
    chance: (p: string) => `The chance of so many at the usual rate is ${p}. Please look at the cases together: a common cause may be behind them.`,
    cases: 'The cases',
  },
  'zh-Hant': {
    subject: (estate: string, category: string) => `預警：${estate}「${category}」投訴上升`,
    intro: (count: number, category: string, from: string, to: string, expected: string) => `由${from}至${to}收到${count}宗關於「${category}」的投訴；按本屋苑過去十二週的情況，預期約${expected}宗。`,
    chance: (p: string) => `以平常的頻率出現這麼多宗的機會為${p}。請一併檢視這些個案，它們可能有共同成因。`,
    cases: '相關個案',
  },
  'zh-Hans': {
    subject: (estate: string, category: string) => `预警：${estate}「${category}」投诉上升`,
    intro: (count: number, category: string, from: string, to: string, expected: string) => `由${from}至${to}收到${count}宗关于「${category}」的投诉；按本小区过去十二周的情况，预期约${expected}宗。`,
    chance: (p: string) => `以平常的频率出现这么多宗的机会为${p}。请一并检视这些个案，它们可能有共同成因。`,
    cases: '相关个案',
  },
} as const satisfies Record<Language, unknown>;

export function earlyWarningEmail(facts: EarlyWarningAlertFacts, language: Language): EmailMessage {
  const copy = COPY[language];
  const category = CATEGORY_WORDS[language][facts.category] ?? facts.category;
  // Window days are local dates (`2026-11-30`): shown as that day, whatever the zone.
  const day = (date: string) => formatDateForResident(`${date}T12:00:00.000Z`, language, 'UTC', false);
  const blocks: Block[] = [
    p(copy.intro(facts.count, category, day(facts.window.from), day(facts.window.to), facts.expected.toFixed(1))),
    p(copy.chance(facts.pValue.toExponential(1))),
    h(copy.cases),
    { kind: 'links', links: facts.cases.map((c) => ({ label: `${c.reference} · ${formatDateForResident(c.receivedAt, language, facts.timeZone, true)} · ${valueInWords(c.status, language)}`, url: c.url })) },
  ];
  return renderEmail(language, copy.subject(facts.estateName, category), blocks);
}
