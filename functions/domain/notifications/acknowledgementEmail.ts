/**
 * The acknowledgement a complainant receives at once (ISO 10002
 * "acknowledgement"; seed 003 §4.3): thanks, the reference, what happens next
 * and a realistic date by which they will hear back, in their language.
 */
import type { Language } from '../complaint';
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
  en: 'You can follow the progress of your complaint at any time through your private link below. Please keep it to yourself; anyone with the link can see the status of your case.',
  'zh-Hant': '您可隨時透過以下私人連結查看處理進度。請勿轉發此連結，任何持有連結的人都可查看個案狀態。',
  'zh-Hans': '您可随时通过以下私人链接查看处理进度。请勿转发此链接，任何持有链接的人都可查看个案状态。',
};

const copy: Record<Language, (f: AcknowledgementFacts, due: string, received: string) => { subject: string; paragraphs: string[]; linkLabel: string }> = {
  en: (f, due, received) => ({
    subject: `We have received your complaint ${f.reference}`,
    paragraphs: [
      `Dear ${f.complainantName},`,
      `Thank you for telling us about your concern at ${f.estateName}. We received it on ${received} and have recorded it under reference ${f.reference}.`,
      `What happens next: our customer-service team will review your complaint and pass it to the team responsible. We will reply to you by ${due}. If we cannot finish by then, we will write to explain why and what we are doing.`,
      PRIVATE_LINK_PARAGRAPH['en'],
      `Making a complaint is free of charge.`,
    ],
    linkLabel: 'Track your complaint',
  }),
  'zh-Hant': (f, due, received) => ({
    subject: `我們已收到您的投訴 ${f.reference}`,
    paragraphs: [
      `${f.complainantName} 您好：`,
      `感謝您向我們反映在${f.estateName}遇到的問題。我們已於 ${received} 收到您的投訴，編號為 ${f.reference}。`,
      `接下來：客戶服務部將審閱您的投訴並交由負責部門跟進。我們會在 ${due} 前回覆您；如未能如期完成，我們會以書面說明原因及已採取的措施。`,
      PRIVATE_LINK_PARAGRAPH['zh-Hant'],
      `投訴不收取任何費用。`,
    ],
    linkLabel: '查看投訴進度',
  }),
  'zh-Hans': (f, due, received) => ({
    subject: `我们已收到您的投诉 ${f.reference}`,
    paragraphs: [
      `${f.complainantName} 您好：`,
      `感谢您向我们反映在${f.estateName}遇到的问题。我们已于 ${received} 收到您的投诉，编号为 ${f.reference}。`,
      `接下来：客户服务部将审阅您的投诉并交由负责部门跟进。我们会在 ${due} 前回复您；如未能如期完成，我们会以书面说明原因及已采取的措施。`,
      PRIVATE_LINK_PARAGRAPH['zh-Hans'],
      `投诉不收取任何费用。`,
    ],
    linkLabel: '查看投诉进度',
  }),
};

export function acknowledgementEmail(facts: AcknowledgementFacts): EmailMessage {
  const due = formatDateForResident(facts.responseDueBy, facts.language, facts.timeZone, false);
  const received = formatDateForResident(facts.receivedAt, facts.language, facts.timeZone, true);
  const { subject, paragraphs, linkLabel } = copy[facts.language](facts, due, received);
  const text = [...paragraphs, `${linkLabel}: ${facts.trackingUrl}`].join('\n\n');
  const html = htmlDocument(
    facts.language,
    subject,
    paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n') +
      `\n<p><a href="${escapeHtml(facts.trackingUrl)}">${escapeHtml(linkLabel)}</a></p>`,
  );
  return { subject: safeSubject(subject), text, html };
}
