/**
 * The mail service receipt check (functions/domain/notifications/outbox.ts, `MailReceiptCheck`) where the mail
 * service can answer it: the local mailbox, whose `/store` lists what it received with each message's SES tags
 * (infra/local/mailbox.ts). The local runtime sets `MAIL_RECEIPT_CHECK_URL` when its mailbox keeps a durable
 * record; SES offers no such lookup, so in AWS it is unset and there is no check.
 */
import { attemptTag, type MailReceiptCheck } from '../domain/notifications/outbox';

export function mailReceiptCheckFromEnv(url: string | undefined = process.env.MAIL_RECEIPT_CHECK_URL): MailReceiptCheck | undefined {
  if (!url) return undefined;
  return {
    async lookup(email) {
      const query = new URLSearchParams([
        ['tag', `case:${attemptTag(email.caseId)}`],
        ['tag', `notification:${attemptTag(email.notificationKey)}`],
        ['tag', `attempt:${email.attempt}`],
      ]);
      const response = await fetch(`${url}/store?${query}`, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`mail receipt check answered ${response.status}`);
      const { emails } = (await response.json()) as { emails: { messageId: string }[] };
      const first = emails[0];
      return first ? { received: true, messageId: first.messageId } : { received: false };
    },
  };
}
