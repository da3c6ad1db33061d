/**
 * What an inbound email is, before anything is stored: mail no person wrote
 * (auto-replies, bounces, our own mail coming back), mail that cannot be
 * accepted (too large, a dangerous or unaccepted attachment, a sender that
 * failed authentication), a reply to a case, or a new complaint to an estate.
 * Pure: the caller supplies what it knows of the platform.
 */
import type { InboundMessage } from './inboundMessage';
import { caseOfReplyAddress } from './replyAddress';

import { OUTBOUND_MARKER_HEADER, OUTBOUND_MARKER_VALUE } from './outboundMarker';

export interface InboundLimits {
  /** Largest raw message accepted. SES accepts up to 40 MB; photos are limited one by one below. */
  maxMessageBytes: number;
  maxAttachmentBytes: number;
  maxAttachments: number;
}

export const DEFAULT_INBOUND_LIMITS: InboundLimits = { maxMessageBytes: 30 * 1024 * 1024, maxAttachmentBytes: 10 * 1024 * 1024, maxAttachments: 5 };

export interface InboundContext {
  /** The domain residents write to: `<estate>@complaints.example.com`, `case+…@complaints.example.com`. */
  mailDomain: string;
  /** Our own sending addresses and domains (the SES identity): mail "from" them is a loop or a forgery. */
  ownAddresses: readonly string[];
  replyAddressKey: string;
  /** The receiving service whose Authentication-Results header is trusted (`amazonses.com` in AWS). */
  trustedAuthServId: string;
  limits: InboundLimits;
}

export type NotAComplaint =
  | 'auto-reply'
  | 'bounce'
  | 'loop';

export type Refusal =
  | 'too-large'
  | 'no-sender'
  | 'sender-not-authenticated'
  | 'virus'
  | 'unknown-address';

export type InboundClassification =
  | { kind: 'ignore'; reason: NotAComplaint }
  | { kind: 'refuse'; reason: Refusal; /** Whether a notice may go back to the sender (never to a forged or automated one). */ notifySender: boolean }
  | { kind: 'reply'; caseId: string; via: 'reply-address' }
  | { kind: 'reply-or-complaint'; estateId: string | undefined; messageIds: string[] }
  | { kind: 'complaint'; estateId: string };

const header = (message: InboundMessage, name: string) => message.headers[name.toLowerCase()] ?? [];
const first = (message: InboundMessage, name: string) => header(message, name)[0]?.trim() ?? '';

/** RFC 3834 Auto-Submitted, the Precedence and vendor headers autoresponders set (Exchange, Gmail, Mailchimp…). */
export function isAutoReply(message: InboundMessage): boolean {
  const autoSubmitted = first(message, 'auto-submitted').toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test(first(message, 'precedence'))) return true;
  if (header(message, 'x-autoreply').length > 0 || header(message, 'x-autorespond').length > 0) return true;
  if (header(message, 'list-id').length > 0 || header(message, 'list-unsubscribe').length > 0) return true;
  return /^(?:(?:auto(?:matic)?[ -]?reply|out of (?:the )?office)\b|自動回覆|自动回复|自動回复)/i.test(message.subject.trim());
}

/** RFC 3464 delivery status notifications, and the null sender that only bounces use. */
export function isBounce(message: InboundMessage): boolean {
  if (/^multipart\/report\b/i.test(message.contentType) && /report-type\s*=\s*"?delivery-status/i.test(message.contentType)) return true;
  const returnPath = first(message, 'return-path');
  if (returnPath === '<>') return true;
  const from = message.from?.address.toLowerCase() ?? '';
  return /^(mailer-daemon|postmaster)@/.test(from) && /undeliver|delivery status|failure notice|returned mail|退信|無法傳遞|无法投递/i.test(message.subject);
}

function isLoop(message: InboundMessage): boolean {
  return header(message, OUTBOUND_MARKER_HEADER).some((v) => v.trim().toLowerCase() === OUTBOUND_MARKER_VALUE);
}

function isOwnAddress(address: string, context: InboundContext): boolean {
  const lower = address.toLowerCase();
  const domain = lower.split('@')[1] ?? '';
  return context.ownAddresses.some((own) => (own.includes('@') ? own.toLowerCase() === lower : own.toLowerCase() === domain)) || domain === context.mailDomain.toLowerCase();
}

/**
 * The receiving service's verdict (RFC 8601): the first Authentication-Results header written by the trusted
 * service. DMARC fail is a forged From; without DMARC, SPF and DKIM both failing is too.
 */
export function senderAuthentication(message: InboundMessage, trustedAuthServId: string): 'pass' | 'fail' | 'unknown' {
  const ours = header(message, 'authentication-results').find((value) => value.trim().toLowerCase().startsWith(trustedAuthServId.toLowerCase()));
  if (!ours) return 'unknown';
  const result = (method: string) => new RegExp(`\\b${method}\\s*=\\s*(\\w+)`, 'i').exec(ours)?.[1]?.toLowerCase();
  const dmarc = result('dmarc');
  if (dmarc === 'fail') return 'fail';
  if (dmarc === 'pass') return 'pass';
  const spf = result('spf');
  const dkim = result('dkim');
  if ((spf === 'fail' || spf === 'softfail') && dkim !== 'pass') return 'fail';
  return spf === 'pass' || dkim === 'pass' ? 'pass' : 'unknown';
}

/** The estate an estate address names (`est01@complaints.…` → `EST01`); undefined for other addresses. */
export function estateOfAddress(address: string, mailDomain: string): string | undefined {
  const match = /^([a-z0-9][a-z0-9-]{0,30})@(.+)$/i.exec(address.trim());
  if (!match || match[2]!.toLowerCase() !== mailDomain.toLowerCase()) return undefined;
  const local = match[1]!;
  if (/^(case|postmaster|abuse|mailer-daemon|noreply|no-reply)$/i.test(local)) return undefined;
  return local.toUpperCase();
}

export function classifyInbound(message: InboundMessage, context: InboundContext): InboundClassification {
  // Mail no person wrote is dropped quietly: answering it would start a loop.
  if (isLoop(message)) return { kind: 'ignore', reason: 'loop' };
  if (isBounce(message)) return { kind: 'ignore', reason: 'bounce' };
  if (isAutoReply(message)) return { kind: 'ignore', reason: 'auto-reply' };
  const from = message.from?.address;
  if (!from || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(from)) return { kind: 'refuse', reason: 'no-sender', notifySender: false };
  // Our own addresses do not write to us; such a From is forged (or a loop that lost its marker).
  if (isOwnAddress(from, context)) return { kind: 'ignore', reason: 'loop' };
  const authentication = message.receipt && message.receipt.authentication !== 'unknown' ? message.receipt.authentication : senderAuthentication(message, context.trustedAuthServId);
  // A forged From is not answered: the notice would go to the person whose address was forged.
  if (authentication === 'fail') return { kind: 'refuse', reason: 'sender-not-authenticated', notifySender: false };
  if (message.receipt?.virus || header(message, 'x-ses-virus-verdict').some((v) => /^fail/i.test(v.trim()))) return { kind: 'refuse', reason: 'virus', notifySender: false };
  if (message.rawSize > context.limits.maxMessageBytes) return { kind: 'refuse', reason: 'too-large', notifySender: true };

  for (const recipient of message.recipients) {
    const caseId = caseOfReplyAddress(recipient, context.mailDomain, context.replyAddressKey);
    if (caseId) return { kind: 'reply', caseId, via: 'reply-address' };
  }
  const estateId = message.recipients.map((r) => estateOfAddress(r, context.mailDomain)).find((id) => id !== undefined);
  const messageIds = [...message.inReplyTo, ...message.references];
  // A reply that lost its Reply-To (some clients answer the From address) is matched by the ids it answers.
  if (messageIds.length > 0) return { kind: 'reply-or-complaint', estateId, messageIds };
  if (estateId) return { kind: 'complaint', estateId };
  return { kind: 'refuse', reason: 'unknown-address', notifySender: true };
}
