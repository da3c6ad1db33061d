/**
 * The new part of a reply: quoted history and signatures removed by
 * email-reply-parser (the port of GitHub's EmailReplyParser), plus the
 * header blocks Outlook and Chinese mail clients put above the quoted
 * message, which it does not know.
 */
import EmailReplyParser from 'email-reply-parser';

/** "-----Original Message-----", Outlook's "From: … Sent: …" block, and their Chinese forms. */
const QUOTE_HEADER = /^(-{2,}\s*(original message|原始郵件|原始邮件|原始訊息|原始信息)\s*-{2,}|_{10,}|(from|寄件者|发件人|發件人)\s*[:：].*\n\s*(sent|date|寄件日期|发送时间|發送時間|日期)\s*[:：])/im;

export function trimQuotedHistory(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  const header = QUOTE_HEADER.exec(normalised);
  const beforeHeader = header ? normalised.slice(0, header.index) : normalised;
  const visible = new EmailReplyParser().read(beforeHeader).getVisibleText().trim();
  // A reply that is all quote (or that the parser emptied) keeps its text: better too much than nothing.
  return visible || beforeHeader.trim() || normalised.trim();
}
