/**
 * Written responses (seed 003 書面回應): a complainant without an email address is answered in
 * writing all the same. Where a lifecycle step would queue an email to the complainant, it puts a
 * letter on the case instead, in the same change and from the same message (same text, same
 * language), to be printed on the estate's letterhead and posted or handed over by staff. Each
 * letter waits in the estate's "letters to send" list until a person records it sent (a staff
 * action on the case version they saw: optimistic locking, one audit event).
 *
 * Pure: no store, no clock; notifyOnce.ts and the staff actions call it.
 */
import type { PublicTimelineEntry } from '../auditTrail';
import type { Language } from '../complaint';
import type { CasePatch, ComplaintCase } from '../complaintCase';
import type { EmailMessage } from '../notifications/emailMessage';

/**
 * The link a letter's message is composed with in place of the private tracking link: a letter carries none
 * (a bearer link on paper is neither typed nor safe). The printed page replaces each line that names it with
 * how to follow the complaint in person (letterDocument.ts). Rating links derived from it never occur: without
 * email the follow-up is a phone call.
 */
export const LETTER_LINK = 'https://letter.invalid/track/no-link';

export type LetterDelivery = 'post' | 'by-hand';
export const LETTER_DELIVERIES: readonly LetterDelivery[] = ['post', 'by-hand'];

export interface WrittenLetter {
  /** The logical notification it stands for (`acknowledgement`, `response-stage1`, …): one letter per key. */
  letterKey: string;
  language: Language;
  subject: string;
  /** The email's plain-text body (with `LETTER_LINK` where the email had its link), kept until the letter is recorded sent. */
  text?: string;
  composedAt: string;
  status: 'to-send' | 'sent';
  /** What the complainant's timeline says once it is out (as `publicWhenSent` of an email). */
  publicWhenSent?: PublicTimelineEntry;
  sentAt?: string;
  sentBy?: string;
  delivery?: LetterDelivery;
}

/** The letter of a notification key, if one was written. */
export function letterOf(complaintCase: ComplaintCase, letterKey: string): WrittenLetter | undefined {
  return complaintCase.letters?.find((letter) => letter.letterKey === letterKey);
}

export function lettersToSend(complaintCase: ComplaintCase): WrittenLetter[] {
  return (complaintCase.letters ?? []).filter((letter) => letter.status === 'to-send');
}

/** The case fields that carry its letters: the list and `lettersToSend`, a count present only while some wait (the case list filters on it). */
function letterFields(letters: WrittenLetter[]): Pick<CasePatch, 'letters' | 'lettersToSend'> {
  const waiting = letters.filter((letter) => letter.status === 'to-send').length;
  return { letters, lettersToSend: waiting > 0 ? waiting : undefined };
}

/** Adds the letter standing for an email the complainant cannot receive (nothing if that key's letter exists). */
export function withLetter(
  current: ComplaintCase,
  letterKey: string,
  message: EmailMessage,
  composedAt: string,
  publicWhenSent?: PublicTimelineEntry,
): Pick<CasePatch, 'letters' | 'lettersToSend'> {
  if (letterOf(current, letterKey)) return {};
  const letter: WrittenLetter = {
    letterKey,
    language: current.language,
    subject: message.subject,
    text: message.text,
    composedAt,
    status: 'to-send',
    // "Sent to you by email" would be untrue; the other entries ("we have written to you…") hold for a letter.
    ...(publicWhenSent ? { publicWhenSent: publicWhenSent.kind === 'acknowledged' ? { kind: 'acknowledged-by-letter' } : publicWhenSent } : {}),
  };
  return letterFields([...(current.letters ?? []), letter]);
}

export type LetterRefusal = { status: 404 | 409; code: string; message: string };

/** A person posted the letter or handed it over: recorded once, its text dropped (the audit event keeps what changed). */
export function recordLetterSent(
  current: ComplaintCase,
  input: { letterKey: string; delivery: LetterDelivery },
  by: string,
  now: string,
): { patch: CasePatch; public?: PublicTimelineEntry } | LetterRefusal {
  const letter = letterOf(current, input.letterKey);
  if (!letter) return { status: 404, code: 'letter_not_found', message: `this case has no letter ${input.letterKey}` };
  if (letter.status === 'sent') return { status: 409, code: 'letter_already_sent', message: `letter ${input.letterKey} was recorded sent at ${letter.sentAt}` };
  const { text: _printed, ...kept } = letter;
  const sent: WrittenLetter = { ...kept, status: 'sent', sentAt: now, sentBy: by, delivery: input.delivery };
  const letters = (current.letters ?? []).map((each) => (each.letterKey === input.letterKey ? sent : each));
  return { patch: letterFields(letters), ...(letter.publicWhenSent ? { public: letter.publicWhenSent } : {}) };
}
