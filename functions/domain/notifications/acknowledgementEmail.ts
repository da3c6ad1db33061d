/**
 * The acknowledgement a complainant receives at once (ISO 10002
 * "acknowledgement"; seed 003 §4.3): thanks, the reference, what happens next
 * and a realistic date by which they will hear back, in their language.
 */
import type { Language } from '../complaint';
import { fill } from '../../messages/lookup';
import { residentMessagesFor } from '../../messages/resident';
import { type EmailMessage, escapeHtml, formatDateForResident, htmlDocument, safeSubject } from './emailMessage';

export interface AcknowledgementFacts {
  language: Language;
  complainantName: string;
  reference: string;
  estateName: string;
  receivedAt: string;
  responseDueBy: string;
  timeZone: string;
  trackingUrl: string;
}

/** Introduces the private link; a printed letter, which has none, leaves it out (letters/letterDocument.ts). */
export const PRIVATE_LINK_PARAGRAPH: Record<Language, string> = {
  en: residentMessagesFor('en').residentEmail.acknowledgement.privateLink,
  'zh-Hant': residentMessagesFor('zh-Hant').residentEmail.acknowledgement.privateLink,
  'zh-Hans': residentMessagesFor('zh-Hans').residentEmail.acknowledgement.privateLink,
};

/** The texts are the `residentEmail.acknowledgement` and `residentEmail.frame` blocks of the message catalogues (functions/messages). */
function copy(f: AcknowledgementFacts, due: string, received: string): { subject: string; paragraphs: string[]; linkLabel: string } {
  const { acknowledgement: c, frame } = residentMessagesFor(f.language).residentEmail;
  const v = { reference: f.reference, estate: f.estateName };
  return {
    subject: fill(c.subject, v),
    paragraphs: [fill(frame.greeting, { name: f.complainantName }), fill(c.thanks, { ...v, received }), fill(c.next, { date: due }), c.privateLink, c.noCharge],
    linkLabel: frame.trackLabel,
  };
}

export function acknowledgementEmail(facts: AcknowledgementFacts): EmailMessage {
  const due = formatDateForResident(facts.responseDueBy, facts.language, facts.timeZone, false);
  const received = formatDateForResident(facts.receivedAt, facts.language, facts.timeZone, true);
  const { subject, paragraphs, linkLabel } = copy(facts, due, received);
  const text = [...paragraphs, `${linkLabel}: ${facts.trackingUrl}`].join('\n\n');
  const html = htmlDocument(
    facts.language,
    subject,
    paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n') +
      `\n<p><a href="${escapeHtml(facts.trackingUrl)}">${escapeHtml(linkLabel)}</a></p>`,
  );
  return { subject: safeSubject(subject), text, html };
}
