/**
 * The answer to an email we could not take as a complaint or a reply: what
 * was wrong and what to do instead, in the three languages (the proposed one
 * first). Sent through the outbox like every other email, under a partition of
 * its own (`MAIL-<digest of the message>`): there is no case.
 */
import type { Language } from '../vocabulary';
import { type EmailMessage, escapeHtml, htmlDocument } from '../notifications/emailMessage';
import type { InboundRefusal } from './receiveInboundEmail';

type Copy = { subject: string; intro: string; reasons: Partial<Record<InboundRefusal, string>>; fallback: string; web: string };

const COPY: Record<Language, Copy> = {
  en: {
    subject: 'We could not accept your email',
    intro: 'Thank you for writing to us. Your email has not been recorded as a complaint:',
    reasons: {
      'too-large': 'it is larger than we can accept (30 MB in all).',
      'too-many-files': 'it has more than 5 attachments.',
      'file-too-large': 'an attachment is larger than 10 MB.',
      'file-dangerous': 'an attachment is a program or a document with macros, which we do not open.',
      'file-type-not-accepted': 'an attachment is of a type we do not accept (please send photos as JPEG or PNG, and documents as PDF or Word/Excel).',
      'file-empty': 'an attachment is empty.',
      'unknown-address': 'it was not sent to the complaints address of one of our estates.',
      unreadable: 'we could not read a complaint in it (is the message empty?).',
      'reply-not-matched': 'we could not match it to your complaint.',
    },
    fallback: 'we could not process it.',
    web: 'Please send it again without the problem, or use our complaint form:',
  },
  'zh-Hant': {
    subject: '我們未能接收您的電郵',
    intro: '感謝您來信。您的電郵未能記錄為投訴，原因是：',
    reasons: {
      'too-large': '電郵超出可接收的大小（合共 30 MB）。',
      'too-many-files': '附件多於 5 個。',
      'file-too-large': '有附件大於 10 MB。',
      'file-dangerous': '有附件是程式或含巨集的文件，我們不會開啟。',
      'file-type-not-accepted': '有附件的類型不獲接受（相片請以 JPEG 或 PNG 傳送，文件請以 PDF 或 Word/Excel 傳送）。',
      'file-empty': '有附件是空的。',
      'unknown-address': '電郵並非寄往我們屋苑的投訴地址。',
      unreadable: '我們未能從電郵讀取投訴內容（電郵是否空白？）。',
      'reply-not-matched': '我們未能將電郵配對到您的投訴。',
    },
    fallback: '我們未能處理此電郵。',
    web: '請修正後重新傳送，或使用網上投訴表格：',
  },
  'zh-Hans': {
    subject: '我们未能接收您的电邮',
    intro: '感谢您来信。您的电邮未能记录为投诉，原因是：',
    reasons: {
      'too-large': '电邮超出可接收的大小（合共 30 MB）。',
      'too-many-files': '附件多于 5 个。',
      'file-too-large': '有附件大于 10 MB。',
      'file-dangerous': '有附件是程序或含宏的文档，我们不会打开。',
      'file-type-not-accepted': '有附件的类型不获接受（照片请以 JPEG 或 PNG 发送，文档请以 PDF 或 Word/Excel 发送）。',
      'file-empty': '有附件是空的。',
      'unknown-address': '电邮并非寄往我们小区的投诉地址。',
      unreadable: '我们未能从电邮读取投诉内容（电邮是否空白？）。',
      'reply-not-matched': '我们未能将电邮匹配到您的投诉。',
    },
    fallback: '我们未能处理此电邮。',
    web: '请修正后重新发送，或使用网上投诉表格：',
  },
};

export function refusalNotice(reason: InboundRefusal, language: Language, formUrl: string): EmailMessage {
  const order: Language[] = [language, ...(['zh-Hant', 'zh-Hans', 'en'] as const).filter((l) => l !== language)];
  const blocks = order.map((l) => {
    const c = COPY[l];
    return [c.intro, c.reasons[reason] ?? c.fallback, `${c.web} ${formUrl}`];
  });
  const subject = `${COPY[language].subject} / ${order.slice(1).map((l) => COPY[l].subject).join(' / ')}`;
  return {
    subject,
    text: blocks.map((b) => b.join('\n')).join('\n\n----\n\n'),
    html: htmlDocument(language, COPY[language].subject, blocks.map((b) => b.map((p) => `<p>${escapeHtml(p)}</p>`).join('')).join('<hr>')),
  };
}
