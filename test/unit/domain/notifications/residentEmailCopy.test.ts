/**
 * Every resident email (every kind, every language, every branch of its text: outcomes, stages,
 * compensation decisions, closure reasons, with and without an ombudsman), and the letter paragraphs a
 * complainant without email gets from the same text, rendered and compared with a committed snapshot.
 * Written before the texts moved into the message catalogues (functions/messages, block
 * `residentEmail`), so the move is proven byte-identical; any later change of wording shows up here
 * as a snapshot diff to review.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../../functions/domain/complaint';
import type { EmailMessage } from '../../../../functions/domain/notifications/emailMessage';
import {
  caseClosedEmail,
  clockPausedEmail,
  clockResumedEmail,
  followUpRequestEmail,
  interimResponseEmail,
  invalidClosureEmail,
  responseEmail,
  stage2OpenedEmail,
} from '../../../../functions/domain/notifications/residentEmails';
import { acknowledgementEmail } from '../../../../functions/domain/notifications/acknowledgementEmail';
import { letterParagraphs } from '../../../../functions/domain/letters/letterDocument';
import { LETTER_LINK } from '../../../../functions/domain/letters/writtenLetters';

const LANGUAGES: Language[] = ['en', 'zh-Hant', 'zh-Hans'];
/** 17:00 UTC on 30 November is already 1 December in Hong Kong. */
const DUE = '2026-11-30T17:00:00Z';
const OMBUDSMAN = 'Housing Ombudsman 0300 111 3000';

const base = (language: Language, trackingUrl: string) => ({
  language,
  complainantName: 'Chan <Tai> Man',
  reference: 'HK01-2026-000123',
  estateName: 'Harbour View',
  timeZone: 'Asia/Hong_Kong',
  trackingUrl,
});
const rate = (question: string, trackingUrl: string) => [1, 2, 3, 4, 5].map((n) => (trackingUrl === LETTER_LINK ? LETTER_LINK : `https://complaints.example/rate?q=${question}&score=${n}`));

/** Every variant of every resident email, named. */
function emails(language: Language, trackingUrl: string): [string, EmailMessage][] {
  const f = base(language, trackingUrl);
  const response = {
    ...f,
    stage: 1 as const,
    outcome: 'upheld' as const,
    decision: 'Lift to be repaired',
    reasons: 'The lift was out of order for three days',
    remedy: 'Written apology',
    outstandingActions: [{ action: 'Replace the motor', dueBy: DUE }],
    nextStepsUrl: 'https://complaints.example/next?token=t',
  };
  const out: [string, EmailMessage][] = [
    ['invalidClosure', invalidClosureEmail({ ...f, explanation: 'The car park is run by the council.' })],
    ['interimResponse', interimResponseEmail({ ...f, reason: 'Spare part on order', measures: 'Temporary repair done', newDueBy: DUE, ombudsmanContact: OMBUDSMAN })],
    ['interimResponse without ombudsman', interimResponseEmail({ ...f, reason: 'Spare part on order', measures: 'Temporary repair done', newDueBy: DUE })],
    ['clockPaused', clockPausedEmail({ ...f, reason: 'Waiting for access to the flat' })],
    ['clockResumed', clockResumedEmail({ ...f, newDueBy: DUE })],
    ['stage2Opened', stage2OpenedEmail({ ...f, newDueBy: DUE, handledBy: 1 })],
    ['stage2Opened by head office with ombudsman', stage2OpenedEmail({ ...f, newDueBy: DUE, handledBy: 2, ombudsmanContact: OMBUDSMAN })],
    ['followUpRequest', followUpRequestEmail({ ...f, outcomeLinks: rate('outcome', trackingUrl), processLinks: rate('process', trackingUrl), answerBy: DUE })],
  ];
  for (const outcome of ['upheld', 'partly-upheld', 'not-upheld'] as const) {
    out.push([`response stage 1 ${outcome}, ombudsman`, responseEmail({ ...response, outcome, ombudsmanContact: OMBUDSMAN })]);
  }
  out.push(['response stage 1 bare', responseEmail({ ...response, remedy: ' ', outstandingActions: [] })]);
  for (const compensation of ['approved', 'amended', 'rejected'] as const) {
    out.push([
      `response stage 2 compensation ${compensation}, ombudsman`,
      responseEmail({ ...response, stage: 2, ombudsmanContact: OMBUDSMAN, compensation: { outcome: compensation, amount: 1500, currency: 'HKD', reasons: compensation === 'rejected' ? '' : 'Three days without a lift' } }),
    ]);
  }
  out.push(['response stage 2 without ombudsman', responseEmail({ ...response, stage: 2 })]);
  for (const reason of ['satisfied', 'no-response', 'final-dissatisfied', 'withdrawn'] as const) {
    out.push([`caseClosed ${reason}, ombudsman`, caseClosedEmail({ ...f, reason, ombudsmanContact: OMBUDSMAN })]);
    out.push([`caseClosed ${reason}`, caseClosedEmail({ ...f, reason })]);
  }
  return out;
}

describe('resident emails, rendered', () => {
  it.each(LANGUAGES)('%s: every kind and variant is unchanged (subject, text, HTML)', (language) => {
    const rendered = Object.fromEntries(emails(language, 'https://complaints.example/track/abc?token=t0k3n'));
    expect(Object.keys(rendered)).toHaveLength(24);
    expect(rendered).toMatchSnapshot();
  });

  it.each(LANGUAGES)('%s: the letters written from the same texts are unchanged (the tracking-link paragraph replaced)', (language) => {
    const instead = '[follow in person]';
    const letters = Object.fromEntries(emails(language, LETTER_LINK).map(([name, email]) => [name, letterParagraphs(email.text, instead)]));
    for (const paragraphs of Object.values(letters)) expect(paragraphs).toContain(instead);
    expect(letters).toMatchSnapshot();
  });

  it.each(LANGUAGES)('%s: the acknowledgement, and its letter, are unchanged', (language) => {
    const facts = { ...base(language, 'https://complaints.example/track/abc?token=t0k3n'), receivedAt: '2026-11-30T09:15:00Z', responseDueBy: DUE };
    const email = acknowledgementEmail(facts);
    const letter = letterParagraphs(acknowledgementEmail({ ...facts, trackingUrl: LETTER_LINK }).text, '[follow in person]');
    expect(letter).toContain('[follow in person]');
    expect({ email, letter }).toMatchSnapshot();
  });
});
