/**
 * Raw MIME → the domain's InboundMessage, by postal-mime (a maintained,
 * dependency-free parser: Big5, GB2312/GBK and every other WHATWG encoding
 * through TextDecoder, encoded words, nested multiparts, forwarded messages).
 */
import PostalMime, { type Address } from 'postal-mime';
import { type InboundMessage, messageIdsOf } from '../domain/inboundMail/inboundMessage';

const mailboxes = (addresses: Address[] | undefined) =>
  (addresses ?? []).flatMap((a) => (a.group ? a.group : [a])).map((m) => m.address).filter((a): a is string => Boolean(a));

/** Text of an HTML-only message: tags dropped, breaks kept, entities the parser left decoded by the browser rules it knows. */
function htmlAsText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export async function parseInboundMessage(raw: Uint8Array, envelopeRecipients: readonly string[] = []): Promise<InboundMessage> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxPartCount: 500 });
  const headers: Record<string, string[]> = {};
  for (const { key, value } of email.headers) (headers[key] ??= []).push(value);
  const from = email.from && !email.from.group && email.from.address ? { address: email.from.address.trim(), name: email.from.name.trim() } : undefined;
  const recipients = [
    ...envelopeRecipients,
    ...(headers['x-original-to'] ?? []),
    ...(email.deliveredTo ? [email.deliveredTo] : []),
    ...mailboxes(email.to),
    ...mailboxes(email.cc),
  ].map((a) => a.trim().replace(/^<|>$/g, ''));
  return {
    rawSize: raw.byteLength,
    ...(email.messageId ? { messageId: messageIdsOf(email.messageId)[0] ?? email.messageId.trim() } : {}),
    ...(from ? { from } : {}),
    recipients: Array.from(new Set(recipients.filter((r) => r.includes('@')))),
    subject: email.subject ?? '',
    text: email.text?.trim() ? email.text : email.html ? htmlAsText(email.html) : '',
    headers,
    inReplyTo: messageIdsOf(email.inReplyTo),
    references: messageIdsOf(email.references),
    contentType: headers['content-type']?.[0] ?? 'text/plain',
    attachments: email.attachments.map((a) => ({
      fileName: a.filename ?? '',
      declaredType: a.mimeType,
      content: a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : typeof a.content === 'string' ? Buffer.from(a.content) : a.content,
      inline: Boolean(a.related) || a.disposition === 'inline',
    })),
  };
}
