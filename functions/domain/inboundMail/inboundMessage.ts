/**
 * An inbound email as the domain sees it: what a MIME parser (postal-mime, in
 * functions/platform/inboundMailParser.ts) made of the raw message, its size,
 * and what the receiving service said of it. No parsing here.
 */

export interface InboundAttachment {
  /** The name the sender gave it (personal data: it may name people). */
  fileName: string;
  /** What the sender declared; never trusted: the type is detected from the content. */
  declaredType: string;
  content: Uint8Array;
  /** Referenced from the HTML body (an inline image). */
  inline: boolean;
}

export interface InboundMessage {
  /** Size of the raw message in bytes. */
  rawSize: number;
  /** Message-ID without angle brackets, if it had one. */
  messageId?: string;
  from?: { address: string; name: string };
  /** Every address it was sent to that we could see (To, Cc, Delivered-To, X-Original-To, and the envelope where known). */
  recipients: string[];
  subject: string;
  /** The plain-text body (or the HTML body made text when there was none). */
  text: string;
  /** Header name (lower case) → every value, in order. */
  headers: Record<string, string[]>;
  inReplyTo: string[];
  references: string[];
  /** `multipart/report` (a delivery status notification, RFC 3464). */
  contentType: string;
  attachments: InboundAttachment[];
  /** The receiving service's verdicts (SES receipt: SPF, DKIM, DMARC, virus scan), when it gave them. */
  receipt?: { authentication: 'pass' | 'fail' | 'unknown'; virus: boolean };
}

/** Message ids without angle brackets, from In-Reply-To or References. */
export function messageIdsOf(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = Array.from(value.matchAll(/<([^<>\s]+)>/g), (m) => m[1]!);
  return bracketed.length > 0 ? bracketed : value.split(/\s+/).filter((id) => id.includes('@'));
}
