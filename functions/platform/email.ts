/**
 * Sends email through SES (v2 API). Only the outbox's sender uses it
 * (`sendQueuedEmails`); every other function queues email instead.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { attemptTag, EmailRefusedError, type EmailSender, type OutgoingEmail } from '../domain/notifications/outbox';
import { safeSubject } from '../domain/notifications/emailMessage';
import { readConfig } from './config';
import { OUTBOUND_HEADERS } from '../domain/inboundMail/outboundMarker';

/** SES v2 Simple content `Headers` (SES adds them to the MIME message it builds). */
const outboundHeaders = () => OUTBOUND_HEADERS.map(({ name, value }) => ({ Name: name, Value: value }));

let ses: SESv2Client | undefined;

/** The request never reached SES: nothing was sent, so it is safe to try again. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Whether SES definitely did not accept the message (`EmailRefusedError`), or cannot be known to have (anything else). */
export function refusalOf(error: unknown): EmailRefusedError | undefined {
  const failure = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
  // SES answered with an error: the message was not accepted.
  const status = failure.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 400) return new EmailRefusedError(`SES refused the message (${status}): ${failure.name}`);
  if (failure.code && NOT_CONNECTED.has(failure.code)) return new EmailRefusedError(`SES could not be reached (${failure.code})`);
  // The connection timeout of the SDK's HTTP handler (its wording changed across versions): nothing was sent.
  if (failure.name === 'TimeoutError' && /(without establishing|did not establish) a connection/.test(failure.message)) return new EmailRefusedError('SES could not be reached (connection timeout)');
  // A timeout or a reset after the request went out: SES may have accepted it.
  return undefined;
}

/**
 * The one SES client of the container, shared by case emails and report emails. One attempt per call: the SDK's own
 * retries would resend after a timeout (a possible duplicate); callers retry only after a definite refusal. The
 * timeouts are far below the function's, so an unanswered call ends in the handler (`throwOnRequestTimeout`: without
 * it the SDK only logs a warning). A fresh connection per email: a kept-alive socket that the server (or a Lambda
 * freeze) closed fails with a reset that looks exactly like a lost answer, which would put an email that never left
 * in doubt.
 */
function sesClient(): SESv2Client {
  ses ??= new SESv2Client({
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true, httpAgent: { keepAlive: false }, httpsAgent: { keepAlive: false } },
  });
  return ses;
}

export const sesEmailSender: EmailSender = {
  async send(email: OutgoingEmail): Promise<string> {
    try {
      const result = await sesClient().send(
        new SendEmailCommand({
          FromEmailAddress: readConfig().senderEmail,
          Destination: { ToAddresses: [email.to] },
          ...(email.replyTo ? { ReplyToAddresses: [email.replyTo] } : {}),
          Content: {
            Simple: {
              Subject: { Data: safeSubject(email.subject), Charset: 'UTF-8' },
              Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
              Headers: outboundHeaders(),
            },
          },
          // Ids only (no personal data): what SES event destinations report, and what the local mailbox's receipt check finds.
          EmailTags: [
            { Name: 'notification', Value: attemptTag(email.notificationKey).slice(0, 256) },
            { Name: 'case', Value: attemptTag(email.caseId).slice(0, 256) },
            ...(email.attempt ? [{ Name: 'attempt', Value: attemptTag(email.attempt) }] : []),
          ],
        }),
      );
      return result.MessageId ?? '';
    } catch (error) {
      throw refusalOf(error) ?? error;
    }
  },
};

/** An email that is not about one case (the Monday report, an early-warning alert): several recipients, a copy, an attachment. */
export interface ReportEmail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  attachment?: { fileName: string; contentType: string; content: Uint8Array };
  /** Ids only (SES tag values: letters, digits, `_` and `-`): `report`, `estate`, `week`, `language`. */
  tags: Record<string, string>;
}

/**
 * Sends a report email with its attachment through SES v2 (`Simple` content with `Attachments`: SES builds the
 * MIME message; locally the emulator does the same). Throws `EmailRefusedError` when SES definitely did not accept it.
 */
export async function sendReportEmail(email: ReportEmail): Promise<string> {
  try {
    const result = await sesClient().send(
      new SendEmailCommand({
        FromEmailAddress: readConfig().senderEmail,
        Destination: { ToAddresses: email.to, ...(email.cc.length ? { CcAddresses: email.cc } : {}) },
        Content: {
          Simple: {
            Subject: { Data: safeSubject(email.subject), Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
            Headers: outboundHeaders(),
            ...(email.attachment
              ? { Attachments: [{ FileName: email.attachment.fileName, ContentType: email.attachment.contentType, ContentDisposition: 'ATTACHMENT' as const, RawContent: email.attachment.content }] }
              : {}),
          },
        },
        EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value: attemptTag(Value).slice(0, 256) })),
      }),
    );
    return result.MessageId ?? '';
  } catch (error) {
    throw refusalOf(error) ?? error;
  }
}
