/**
 * Lifecycle emails to staff and to external parties, in the estate's form
 * (the facts' `languages`: 繁體中文 then English for Hong Kong, 简体中文 for the
 * mainland, English elsewhere), factual, with the case link (seed 000
 * subsystem 5, information transmission). The developer report (seed 001
 * §5.1.2 B) and the external-party special report (§5.1.2 C) are formal
 * written reports with numbered sections. They carry no complainant's name or
 * contact details; subjects carry nothing personal beyond the reference.
 * Every text is the catalogue's (`email.staff`, functions/messages/staffEmail.*.ts), in each language.
 */
import type {
  CompensationDecisionRequestFacts,
  CriticalAlertFacts,
  DeveloperReportFacts,
  EscalationFacts,
  ExternalPartyReportFacts,
  OnTheSpotReportFacts,
  RoutedToDepartmentFacts,
  UrgentTriageFacts,
} from './lifecycleEmailFacts';
import { type EmailMessage, formatDateForResident } from './emailMessage';
import { type Block, formatAmount, h, link, p, renderEmail } from './residentEmails';
import type { Language } from '../vocabulary';
import { messagesFor, type MessageVars } from '../../messages';
import { type StaffEmailKey, type StaffEmailMessages, staffEmailText } from '../../messages/staffEmail';

// ---------------------------------------------------------------------------
// Every text from the staff emails' catalogue (`email.staff`, functions/messages/staffEmail.*.ts), written in the
// languages the facts name (the estate's form, staffEmailLanguages in staffNotices.ts): 繁體中文 with English beside
// it for Hong Kong estates, 简体中文 for mainland estates, English elsewhere. Several languages go side by side.

type StaffKeyOf<K> = K extends `email.staff.${infer Rest}` ? Rest : never;
/** A key under `email.staff`. */
type Key = StaffKeyOf<StaffEmailKey>;
/** Values that read differently in each language (a date, a word of the vocabulary) are given per language. */
type Vars = MessageVars | ((language: Language) => MessageVars);
type Label = keyof StaffEmailMessages['email']['staff']['labels'];

const say = (language: Language, key: Key, vars?: Vars) => staffEmailText(language)(`email.staff.${key}` as StaffEmailKey, typeof vars === 'function' ? vars(language) : vars);

/** A word of the shared vocabulary in `language` (the value itself when the catalogue has none). */
const word = (language: Language, pick: 'severities' | 'classes' | 'categories', value: string) =>
  (messagesFor(language)[pick] as Record<string, string>)[value] ?? (pick === 'classes' ? say(language, 'classFallback', { n: value }) : value);

/** The helpers an email is written with, each in `languages` (the facts' form). */
function writer(languages: readonly Language[]) {
  /** One text in each language, joined: `編號 / Reference`. */
  const both = (key: Key, vars?: Vars, over: readonly Language[] = languages) => over.map((language) => say(language, key, vars)).join(' / ');
  /** One paragraph per language, each marked with its language. */
  const paragraphs = (key: Key, vars?: Vars, over: readonly Language[] = languages) => over.map((language) => p(say(language, key, vars), language));
  const inWords = (pick: 'severities' | 'classes' | 'categories', value: string) => languages.map((language) => word(language, pick, value)).join(' / ');
  /** An instant with its time, in each language, naming the zone so staff elsewhere are not misled. */
  const when = (iso: string, timeZone: string) => `${languages.map((language) => formatDateForResident(iso, language, timeZone, true)).join(' / ')} (${timeZone})`;
  /** A deadline: the end of a local day, so the date alone. */
  const by = (iso: string, timeZone: string) => languages.map((language) => formatDateForResident(iso, language, timeZone, false)).join(' / ');
  const row = (label: Label, value: string) => ({ label: both(`labels.${label}`), value });
  const caseLink = (url: string) => link(both('openCase'), url);
  /** The email's `lang` is its first language's; the paragraphs mark their own. */
  const staffEmail = (subject: string, blocks: Block[]): EmailMessage => renderEmail(languages[0] ?? 'en', subject, blocks);
  return { languages, both, paragraphs, inWords, when, by, row, caseLink, staffEmail };
}
type Writer = ReturnType<typeof writer>;

const day = (iso: string, timeZone: string) => (language: Language) => formatDateForResident(iso, language, timeZone, false);
const fields = (rows: { label: string; value: string }[]): Block => ({ kind: 'fields', rows });

interface CaseSummary {
  reference: string;
  estateName: string;
  unit: string;
  severity: string;
  caseClass: number;
  category?: string;
  description: string;
}

function caseRows({ row, inWords }: Writer, f: CaseSummary) {
  return [
    row('reference', f.reference),
    row('estate', f.estateName),
    row('unit', f.unit),
    row('severity', inWords('severities', f.severity)),
    row('caseClass', inWords('classes', String(f.caseClass))),
    ...(f.category ? [row('category', inWords('categories', f.category))] : []),
  ];
}

// ---------------------------------------------------------------------------
// Critical complaint: HQ alerted at once (seed 002 §三)

export function criticalAlertEmail(f: CriticalAlertFacts): EmailMessage {
  const w = writer(f.languages);
  const { both, paragraphs, row, when, caseLink, staffEmail } = w;
  // English writes the severity in lower case inside a sentence ("a critical complaint").
  const vars = (language: Language) => {
    const severity = word(language, 'severities', f.severity);
    return { severity: language === 'en' ? severity.toLowerCase() : severity, reference: f.reference, estate: f.estateName };
  };
  return staffEmail(both('criticalAlert.subject', vars), [
    ...paragraphs('criticalAlert.body', vars),
    fields([...caseRows(w, f), row('received', when(f.receivedAt, f.timeZone)), row('description', f.description)]),
    caseLink(f.caseUrl),
  ]);
}

// ---------------------------------------------------------------------------
// Possible crisis: the customer-service lead triages at once (the rules' safety net; HQ is not alarmed on a guess).
// In all three languages: the lead may read either Chinese script.

export function urgentTriageEmail(f: UrgentTriageFacts): EmailMessage {
  const { languages, both, paragraphs, row, when, caseLink, staffEmail } = writer(f.languages);
  const vars = { reference: f.reference, estate: f.estateName };
  // The Hong Kong form adds the 简体 paragraph it has always carried (a lead may read either script).
  const bodyLanguages: readonly Language[] = languages.includes('zh-Hant') && !languages.includes('zh-Hans') ? languages.flatMap((l): Language[] => (l === 'zh-Hant' ? ['zh-Hant', 'zh-Hans'] : [l])) : languages;
  return staffEmail(both('urgentTriage.subject', vars), [
    ...paragraphs('urgentTriage.body', vars, bodyLanguages),
    fields([
      row('reference', f.reference),
      row('estate', f.estateName),
      row('unit', f.unit),
      row('received', when(f.receivedAt, f.timeZone)),
      row('signs', f.reasons.join('\n')),
      row('description', f.description),
    ]),
    caseLink(f.caseUrl),
  ]);
}

// ---------------------------------------------------------------------------
// Class 1 routed to the responsible department (seed 001 §5.1.2 A)

export function routedToDepartmentEmail(f: RoutedToDepartmentFacts): EmailMessage {
  const w = writer(f.languages);
  const { both, paragraphs, row, by, caseLink, staffEmail } = w;
  const vars = (language: Language) => ({ reference: f.reference, department: f.departmentName, respondBy: day(f.respondBy, f.timeZone)(language) });
  return staffEmail(both('routed.subject', vars), [
    ...paragraphs('routed.body', vars),
    fields([...caseRows(w, f), row('department', f.departmentName), row('respondBy', by(f.respondBy, f.timeZone)), row('description', f.description)]),
    caseLink(f.caseUrl),
  ]);
}

// ---------------------------------------------------------------------------
// Formal written reports (seed 001 §5.1.2 B and C)

/** A numbered section's heading in each language (一、… / 1. …). */
function section({ languages }: Writer, n: number, title: Key, body: Block[]): Block[] {
  const heading = (language: Language) => say(language, 'report.sectionHeading', { number: say(language, 'report.sectionNumbers').split(' ')[n - 1] ?? String(n), title: say(language, title) });
  return [h(languages.map(heading).join(' / ')), ...body];
}

function replySection(w: Writer, n: number, replyTo: string, reference: string): Block[] {
  return section(w, n, 'report.replyTo', [p(replyTo), ...w.paragraphs('report.quoteReference', { reference })]);
}

const fromOffice = (w: Writer, estate: string) => w.both('report.fromOffice', { estate });

export function developerReportEmail(f: DeveloperReportFacts): EmailMessage {
  const w = writer(f.languages);
  const { both, paragraphs, row, when, inWords, staffEmail } = w;
  return staffEmail(both('developerReport.subject', { reference: f.reference }), [
    h(both('developerReport.title')),
    fields([row('to', both('developerReport.recipient')), row('from', fromOffice(w, f.estateName)), row('ourReference', f.reference)]),
    ...paragraphs('developerReport.intro'),
    ...section(w, 1, 'developerReport.matter', [p(f.description)]),
    ...section(w, 2, 'developerReport.location', [fields([row('estate', f.estateName), row('unit', f.unit)])]),
    ...section(w, 3, 'report.dateReceived', [p(when(f.receivedAt, f.timeZone))]),
    ...section(w, 4, 'developerReport.severity', [p(inWords('severities', f.severity))]),
    ...section(w, 5, 'report.request', paragraphs('developerReport.requestBody')),
    ...replySection(w, 6, f.replyTo, f.reference),
    p(fromOffice(w, f.estateName)),
  ]);
}

export function externalPartyReportEmail(f: ExternalPartyReportFacts): EmailMessage {
  const w = writer(f.languages);
  const { both, paragraphs, row, when, inWords, staffEmail } = w;
  return staffEmail(both('externalPartyReport.subject', { reference: f.reference, estate: f.estateName }), [
    h(both('externalPartyReport.title')),
    fields([row('to', f.partyName), row('from', fromOffice(w, f.estateName)), row('ourReference', f.reference)]),
    ...paragraphs('externalPartyReport.intro'),
    ...section(w, 1, 'externalPartyReport.matter', [p(f.description)]),
    ...section(w, 2, 'externalPartyReport.location', [fields([row('location', f.location), row('estateConcerned', f.estateName)])]),
    ...section(w, 3, 'report.dateReceived', [p(when(f.receivedAt, f.timeZone))]),
    ...section(w, 4, 'externalPartyReport.impact', [p(f.impact)]),
    ...section(w, 5, 'report.request', paragraphs('externalPartyReport.requestBody')),
    ...replySection(w, 6, f.replyTo, f.reference),
    p(fromOffice(w, f.estateName)),
  ]);
}

// ---------------------------------------------------------------------------
// Escalation to the estate manager or HQ (seed 001 §5.1.3)

const LEVEL: Record<EscalationFacts['level'], Key> = { 1: 'escalation.level1', 2: 'escalation.level2' };
const ESCALATION_REASON: Record<EscalationFacts['reason'], Key> = { overdue: 'escalation.reasonOverdue', 'by-staff': 'escalation.reasonByStaff', 'stage-2': 'escalation.reasonStage2' };

export function escalationEmail(f: EscalationFacts): EmailMessage {
  const { both, paragraphs, row, by, caseLink, staffEmail } = writer(f.languages);
  const vars = (language: Language) => ({
    reference: f.reference,
    estate: f.estateName,
    level: say(language, LEVEL[f.level]),
    reason: say(language, ESCALATION_REASON[f.reason]),
    dueBy: day(f.newDueBy, f.timeZone)(language),
  });
  return staffEmail(both('escalation.subject', vars), [
    ...paragraphs('escalation.body', vars),
    fields([
      row('reference', f.reference),
      row('estate', f.estateName),
      row('escalatedTo', both(LEVEL[f.level])),
      row('reason', both(ESCALATION_REASON[f.reason])),
      row('previousDeadline', by(f.previousDueBy, f.timeZone)),
      row('newDeadline', by(f.newDueBy, f.timeZone)),
      ...(f.note?.trim() ? [row('note', f.note)] : []),
    ]),
    caseLink(f.caseUrl),
  ]);
}

// ---------------------------------------------------------------------------
// Resolved on the spot, still recorded in full and reported upward (seed 001 §5.1.2)

export function onTheSpotReportEmail(f: OnTheSpotReportFacts): EmailMessage {
  const { both, paragraphs, row, caseLink, staffEmail } = writer(f.languages);
  return staffEmail(both('onTheSpot.subject', { reference: f.reference }), [
    ...paragraphs('onTheSpot.body'),
    fields([
      row('reference', f.reference),
      row('estate', f.estateName),
      row('unit', f.unit),
      row('recordedBy', f.recordedBy),
      row('description', f.description),
      row('resolution', f.resolution),
    ]),
    caseLink(f.caseUrl),
  ]);
}

// ---------------------------------------------------------------------------
// Compensation claim awaiting the estate manager's or HQ's decision (seed 001 §5.5–5.6; 000 §4)

const APPROVER: Record<CompensationDecisionRequestFacts['approver'], Key> = { 'estate-manager': 'compensation.approverEstateManager', hq: 'compensation.approverHq' };

const SUMMARY_RECOMMENDATION: Record<NonNullable<CompensationDecisionRequestFacts['summary']>['recommendation'], Key> = {
  approve: 'compensation.recommendApprove',
  amend: 'compensation.recommendAmend',
  reject: 'compensation.recommendReject',
};

export function compensationDecisionRequestEmail(f: CompensationDecisionRequestFacts): EmailMessage {
  const { both, paragraphs, row, staffEmail } = writer(f.languages);
  const approver = APPROVER[f.approver];
  const money = (amount: number) => formatAmount(amount, f.claim.currency, 'en');
  const blocks: Block[] = [
    ...paragraphs('compensation.body', (language) => ({ reference: f.reference, estate: f.estateName, approver: say(language, approver) })),
    fields([
      row('reference', f.reference),
      row('estate', f.estateName),
      row('decidedBy', both(approver)),
      row('amountClaimed', money(f.claim.amount)),
      ...(f.claim.reason?.trim() ? [row('reasonGiven', f.claim.reason)] : []),
      ...(f.proposal ? [row('proposedAmount', money(f.proposal.amount)), row('proposalNote', f.proposal.note)] : []),
      ...(f.summary ? [row('leadRecommendation', `${both(SUMMARY_RECOMMENDATION[f.summary.recommendation])}: ${money(f.summary.amount)}`), row('reasons', f.summary.reasons)] : []),
    ]),
  ];
  if (f.valueRecovery) {
    const { originalServiceValueA: a, complainingCostB: b, proposedC: c } = f.valueRecovery;
    const meets = c >= a + b;
    blocks.push(
      h(both('compensation.valueTitle')),
      ...paragraphs('compensation.valueRule'),
      fields([
        row('valueA', money(a)),
        row('valueB', money(b)),
        { label: 'A + B', value: money(a + b) },
        row('valueC', money(c)),
        row('result', meets ? both('compensation.meets') : both('compensation.short', { amount: money(a + b - c) })),
      ]),
    );
  }
  blocks.push(link(both('compensation.decide'), f.caseUrl));
  return staffEmail(both('compensation.subject', { reference: f.reference }), blocks);
}
