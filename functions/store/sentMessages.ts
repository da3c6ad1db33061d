/**
 * Emails we sent, by the id the mail service gave them: a reply's
 * In-Reply-To or References names that id (SES writes it as
 * `<id@<region>.amazonses.com>`), which finds its case. The item is written in
 * the transaction that records the email sent (emailOutbox.ts) and expires
 * with the case's retention at the latest (here: after two years).
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const SENT_MESSAGE_TTL_SECONDS = 2 * 366 * 24 * 60 * 60;

export function sentMessageKey(messageId: string) {
  return { pk: `SENTMAIL#${messageId}`, sk: 'SENTMAIL' };
}

export function sentMessageItem(messageId: string, caseId: string, sentAt: string): Record<string, unknown> {
  return { ...sentMessageKey(messageId), type: 'sent-message', caseId, expiresAt: Math.floor(Date.parse(sentAt) / 1000) + SENT_MESSAGE_TTL_SECONDS };
}

/** The SES message id inside a Message-ID (`0100018c…@email.amazonses.com` → `0100018c…`). */
export function sesIdOf(messageId: string): string {
  return messageId.split('@')[0] ?? messageId;
}

export class DynamoSentMessages {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async caseOf(messageId: string): Promise<string | undefined> {
    const id = sesIdOf(messageId);
    if (!id || id.length > 200) return undefined;
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: sentMessageKey(id) }));
    return typeof Item?.caseId === 'string' ? Item.caseId : undefined;
  }
}
