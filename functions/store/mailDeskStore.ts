/**
 * The mail desk in the case table (functions/domain/inboundMail/mailDesk.ts): one partition per desk
 * (`MAIL_DESK#<estate id | unaddressed>`, item `SET_ASIDE#<message id>` per message waiting) and one
 * hash chain for every step (`MAIL_DESK_LEDGER`: `ENTRY#<seq>` and `HEAD`). Each step is one transaction
 * with its ledger entry: setting a message aside creates its item (once: a retried run writes nothing),
 * handling it deletes the item (once: a second person handling the same message gets a conflict).
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { MailDeskDraft, MailDeskEntry, SetAsideMessage } from '../domain/inboundMail/mailDesk';
import { appendToLedger, type TransactItem } from './chainedLedger';
import { stripKeys } from './dynamoCaseStore';
import { handledMeanwhile, MAIL_DESK_LEDGER, MailDeskConflictError, mailDeskKeys as deskKeys, takeOffDeskItem } from './mailDeskLedger';
import { queryPrefix } from './queryItems';

export { MailDeskConflictError };

export class DynamoMailDesk {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Oldest first. */
  async list(desk: string): Promise<SetAsideMessage[]> {
    const found: SetAsideMessage[] = [];
    for await (const item of queryPrefix(this.doc, this.tableName, `MAIL_DESK#${desk}`, 'SET_ASIDE#', { consistentRead: true })) found.push(stripKeys(item) as unknown as SetAsideMessage);
    return found.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.messageId.localeCompare(b.messageId));
  }

  async get(desk: string, messageId: string): Promise<SetAsideMessage | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: deskKeys.setAside(desk, messageId), ConsistentRead: true }));
    return result.Item ? (stripKeys(result.Item) as unknown as SetAsideMessage) : undefined;
  }

  /** Puts the message on its desk with its ledger entry; false if it was already there (a retried run). */
  async setAside(message: SetAsideMessage, draft: MailDeskDraft): Promise<boolean> {
    const item = { Put: { TableName: this.tableName, Item: { ...deskKeys.setAside(message.desk, message.messageId), type: 'set-aside-mail', ...message }, ConditionExpression: 'attribute_not_exists(pk)' } };
    try {
      await this.commit(draft, [item]);
      return true;
    } catch (error) {
      if (error instanceof MailDeskConflictError) return false;
      throw error;
    }
  }

  /** Takes the message off its desk with the entry saying what became of it. */
  async settle(message: SetAsideMessage, draft: MailDeskDraft): Promise<MailDeskEntry> {
    return this.commit(draft, [takeOffDeskItem(this.tableName, message.desk, message.messageId)]);
  }

  async ledger(): Promise<MailDeskEntry[]> {
    const entries: MailDeskEntry[] = [];
    for await (const item of queryPrefix(this.doc, this.tableName, 'MAIL_DESK_LEDGER', 'ENTRY#', { consistentRead: true })) entries.push(stripKeys(item) as unknown as MailDeskEntry);
    return entries;
  }

  /** The entry, the head and the write, in one transaction (chainedLedger.ts); a message already taken is a conflict. */
  private commit(draft: MailDeskDraft, writes: TransactItem[]): Promise<MailDeskEntry> {
    return appendToLedger(this.doc, this.tableName, MAIL_DESK_LEDGER, draft, writes, handledMeanwhile);
  }
}
