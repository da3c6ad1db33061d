/** Sends complainant emails through SES (v2 API). */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { EmailRefusedError, type EmailSender, type OutgoingEmail } from '../domain/acknowledgement';
import { safeSubject } from '../domain/notifications/emailMessage';
import { readConfig } from './config';

let ses: SESv2Client | undefined;

export const sesEmailSender: EmailSender = {
  async send(email: OutgoingEmail): Promise<string> {
    ses ??= new SESv2Client({});
    try {
      const result = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: readConfig().senderEmail,
          Destination: { ToAddresses: [email.to] },
          Content: {
            Simple: {
              Subject: { Data: safeSubject(email.subject), Charset: 'UTF-8' },
              Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
            },
          },
          EmailTags: [{ Name: 'notification', Value: email.notificationKey }],
        }),
      );
      return result.MessageId ?? '';
    } catch (error) {
      // SES answered with an error: the message was not accepted, so it is safe to try again.
      // Without an answer (timeout, connection reset) we cannot know, and the caller must not resend.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== undefined) throw new EmailRefusedError(`SES refused the message (${status}): ${(error as Error).name}`);
      throw error;
    }
  },
};
