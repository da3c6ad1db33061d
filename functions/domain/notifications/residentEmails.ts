/**
 * Lifecycle emails to the complainant, in their language (ISO 10002
 * "communicating the decision", transparency and responsiveness; seed 003
 * §4.3: sincere, never blaming, realistic times). Each one thanks them, gives
 * the reference, says what happens next and ends with the private tracking
 * link. Dates are rendered in the estate's time zone.
 *
 * Also home of the small block renderer the staff emails share: copy is
 * written as plain strings and every string is escaped once, here, for HTML.
 */
import type { Language } from '../complaint';
import { LANGUAGES } from '../vocabulary';
import { fill } from '../../messages/lookup';
import { residentMessagesFor } from '../../messages/resident';
import type {
  CaseClosedFacts,
  ClockPausedFacts,
  ClockResumedFacts,
  FollowUpRequestFacts,
  InterimResponseFacts,
  InvalidClosureFacts,
  ResponseFacts,
  Stage2OpenedFacts,
} from './lifecycleEmailFacts';
import { type EmailMessage, escapeHtml, formatDateForResident, htmlDocument, safeSubject } from './emailMessage';

// ---------------------------------------------------------------------------
// Rendering (shared with staffEmails.ts)

export type Block =
  | { kind: 'paragraph'; text: string; lang?: Language }
  | { kind: 'heading'; text: string; lang?: Language }
  | { kind: 'list'; items: string[] }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'links'; links: { label: string; url: string }[] }
  | { kind: 'fields'; rows: { label: string; value: string }[] }
  | { kind: 'rule' };

export const p = (text: string, lang?: Language): Block => ({ kind: 'paragraph', text, lang });
export const h = (text: string, lang?: Language): Block => ({ kind: 'heading', text, lang });
export const link = (label: string, url: string): Block => ({ kind: 'link', label, url });

/** Escaped text with line breaks kept. */
function inline(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>\n');
}

/** Only web and mail links become anchors; anything else is shown as text. */
function anchor(label: string, url: string): string {
  return /^(https?:|mailto:)/i.test(url.trim())
    ? `<a href="${escapeHtml(url.trim())}">${escapeHtml(label)}</a>`
    : `${escapeHtml(label)}: ${escapeHtml(url)}`;
}

/** Columns in a monospaced mail reader: CJK and other wide characters take two. */
const displayWidth = (text: string) => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const langAttr = (lang?: Language) => (lang ? ` lang="${lang}"` : '');
const indent = (text: string) => text.replace(/\r\n|\r|\n/g, '\n  ');

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'heading':
      return `${block.text}\n${'-'.repeat(Math.min(40, Math.max(4, displayWidth(block.text))))}`;
    case 'list':
      return block.items.map((item) => `- ${indent(item)}`).join('\n');
    case 'link':
      return `${block.label}: ${block.url}`;
    case 'links':
      return block.links.map((l) => `  ${l.label}: ${l.url}`).join('\n');
    case 'fields':
      return block.rows.map((r) => (/[\r\n]/.test(r.value) ? `${r.label}:\n  ${indent(r.value)}` : `${r.label}: ${r.value}`)).join('\n');
    case 'rule':
      return '————————————————————';
  }
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p${langAttr(block.lang)}>${inline(block.text)}</p>`;
    case 'heading':
      return `<h2${langAttr(block.lang)} style="font-size:1.1em">${inline(block.text)}</h2>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`;
    case 'link':
      return `<p>${anchor(block.label, block.url)}</p>`;
    case 'links':
      return `<ul style="list-style:none;padding-left:0">${block.links.map((l) => `<li style="margin:.4em 0">${anchor(l.label, l.url)}</li>`).join('')}</ul>`;
    case 'fields':
      return `<table style="border-collapse:collapse">${block.rows
        .map((r) => `<tr><th style="text-align:left;vertical-align:top;padding:.2em 1em .2em 0">${inline(r.label)}</th><td style="padding:.2em 0">${inline(r.value)}</td></tr>`)
        .join('')}</table>`;
    case 'rule':
      return '<hr>';
  }
}

/** The subject is made a single safe line; the HTML escapes every string in the blocks. */
export function renderEmail(language: Language, subject: string, blocks: Block[]): EmailMessage {
  const safe = safeSubject(subject);
  return {
    subject: safe,
    text: `${blocks.map(blockText).join('\n\n')}\n`,
    html: htmlDocument(language, safe, blocks.map(blockHtml).join('\n')),
  };
}

const NUMBER_LOCALES: Record<Language, string> = { en: 'en-GB', 'zh-Hant': 'zh-HK', 'zh-Hans': 'zh-CN' };

export function formatAmount(amount: number, currency: string, language: Language): string {
  try {
    return new Intl.NumberFormat(NUMBER_LOCALES[language], { style: 'currency', currency }).format(amount);
  } catch {
    return `${currency} ${amount}`;
  }
}

// ---------------------------------------------------------------------------
// Resident emails: their texts are the `residentEmail` block of the message catalogues
// (functions/messages); this part only arranges them into blocks.

interface ResidentBase {
  language: Language;
  complainantName: string;
  reference: string;
  estateName: string;
  trackingUrl: string;
}

const copyFor = (language: Language) => residentMessagesFor(language).residentEmail;

/** The paragraph that introduces the private link, in each language: a printed letter, which has no link, leaves it out (letters/letterDocument.ts). */
export const TRACKING_LINK_PARAGRAPHS: readonly string[] = LANGUAGES.map((language) => copyFor(language).frame.track);

function residentEmail(f: ResidentBase, subject: string, body: Block[]): EmailMessage {
  const c = copyFor(f.language).frame;
  return renderEmail(f.language, subject, [
    p(fill(c.greeting, { name: f.complainantName })),
    ...body,
    p(c.track),
    link(c.trackLabel, f.trackingUrl),
    p(fill(c.signOff, { estate: f.estateName })),
  ]);
}

const date = (iso: string, f: { language: Language; timeZone: string }) => formatDateForResident(iso, f.language, f.timeZone, false);

/** The placeholders every resident text may use. */
const known = (f: ResidentBase) => ({ reference: f.reference, estate: f.estateName });

// ---------------------------------------------------------------------------
// Invalid complaint closed with a reasoned, polite explanation (seed 001 §5.4)

export function invalidClosureEmail(f: InvalidClosureFacts): EmailMessage {
  const c = copyFor(f.language).invalidClosure;
  const v = known(f);
  return residentEmail(f, fill(c.subject, v), [p(fill(c.thanks, v)), p(c.cannotProceed), p(f.explanation), p(fill(c.closed, v))]);
}

// ---------------------------------------------------------------------------
// Written interim response when the deadline cannot be met (seed 003 §4.3)

export function interimResponseEmail(f: InterimResponseFacts): EmailMessage {
  const c = copyFor(f.language).interimResponse;
  const v = known(f);
  return residentEmail(f, fill(c.subject, v), [
    p(fill(c.thanks, v)),
    p(c.sorry),
    h(c.whyHeading),
    p(f.reason),
    h(c.measuresHeading),
    p(f.measures),
    p(fill(c.newDate, { date: date(f.newDueBy, f) })),
    ...(f.ombudsmanContact ? [p(fill(c.ombudsman, { contact: f.ombudsmanContact }))] : []),
  ]);
}

// ---------------------------------------------------------------------------
// The response clock paused and resumed

export function clockPausedEmail(f: ClockPausedFacts): EmailMessage {
  const c = copyFor(f.language).clockPaused;
  const v = known(f);
  return residentEmail(f, fill(c.subject, v), [p(fill(c.paused, v)), p(f.reason), p(fill(c.stillWorking, v))]);
}

export function clockResumedEmail(f: ClockResumedFacts): EmailMessage {
  const c = copyFor(f.language).clockResumed;
  const v = known(f);
  return residentEmail(f, fill(c.subject, v), [p(fill(c.running, v)), p(fill(c.newDate, { date: date(f.newDueBy, f) }))]);
}

// ---------------------------------------------------------------------------
// The response: outcome, decision, reasons, remedy, actions, compensation, next steps

export function responseEmail(f: ResponseFacts): EmailMessage {
  const c = copyFor(f.language).response;
  const v = known(f);
  const stage1 = f.stage === 1;
  const body: Block[] = [p(fill(stage1 ? c.openingStage1 : c.openingStage2, v)), h(c.decisionHeading), p(c.outcome[f.outcome]), p(f.decision), h(c.reasonsHeading), p(f.reasons)];
  if (f.remedy?.trim()) body.push(h(c.remedyHeading), p(f.remedy));
  if (f.outstandingActions.length > 0) {
    body.push(h(c.actionsHeading), { kind: 'list', items: f.outstandingActions.map((a) => fill(c.action, { action: a.action, date: date(a.dueBy, f) })) });
  }
  if (f.compensation) {
    const { outcome, amount, currency, reasons } = f.compensation;
    body.push(h(c.compensationHeading), p(fill(c.compensation[outcome], { amount: formatAmount(amount, currency, f.language) })));
    if (reasons.trim()) body.push(p(fill(c.compensationReasons, { reasons })));
  }
  body.push(h(c.escalateHeading));
  if (stage1) {
    body.push(p(c.stage1), link(c.stage1Link, f.nextStepsUrl));
    if (f.ombudsmanContact) body.push(p(fill(c.stage1Ombudsman, { contact: f.ombudsmanContact })));
  } else {
    body.push(p(c.stage2), p(f.ombudsmanContact ? fill(c.stage2Ombudsman, { contact: f.ombudsmanContact }) : c.stage2NoOmbudsman), link(c.stage2Link, f.nextStepsUrl));
  }
  body.push(p(c.followUp));
  return residentEmail(f, fill(stage1 ? c.subjectStage1 : c.subjectStage2, v), body);
}

// ---------------------------------------------------------------------------
// Satisfaction follow-up (回訪): two separate 1–5 scales, each link opens a confirmation page

const SCORES = ['1', '2', '3', '4', '5'] as const;

export function followUpRequestEmail(f: FollowUpRequestFacts): EmailMessage {
  if (f.outcomeLinks.length !== 5 || f.processLinks.length !== 5) {
    throw new Error('A follow-up request needs exactly five outcome links and five process links');
  }
  const c = copyFor(f.language).followUpRequest;
  const v = known(f);
  const scale = (urls: string[]): Block => ({ kind: 'links', links: urls.map((url, i) => ({ label: c.scale[SCORES[i]!], url })) });
  return residentEmail(f, fill(c.subject, v), [
    p(fill(c.intro, v)),
    h(c.outcomeQuestion),
    scale(f.outcomeLinks),
    h(c.processQuestion),
    scale(f.processLinks),
    p(c.explain),
    p(fill(c.after, { date: date(f.answerBy, f) })),
  ]);
}

// ---------------------------------------------------------------------------
// Stage 2 review opened; case closed

export function stage2OpenedEmail(f: Stage2OpenedFacts): EmailMessage {
  const c = copyFor(f.language).stage2Opened;
  const v = known(f);
  // This email is the stage-2 acknowledgement (Housing Ombudsman Code 6.11): reference, who handles it, the date, the ombudsman.
  const body = [p(fill(c.started, v)), p(fill(c.handledBy[f.handledBy], v)), p(fill(c.next, { date: date(f.newDueBy, f) }))];
  if (f.ombudsmanContact) body.push(p(fill(c.ombudsman, { contact: f.ombudsmanContact })));
  return residentEmail(f, fill(c.subject, v), body);
}

export function caseClosedEmail(f: CaseClosedFacts): EmailMessage {
  const c = copyFor(f.language).caseClosed;
  const v = known(f);
  const body = [p(fill(c.reason[f.reason], v))];
  if (f.ombudsmanContact && f.reason !== 'satisfied' && f.reason !== 'withdrawn') body.push(p(fill(c.ombudsman, { contact: f.ombudsmanContact })));
  body.push(p(fill(c.thanks, v)));
  return residentEmail(f, fill(c.subject, v), body);
}
