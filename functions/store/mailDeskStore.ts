/**
 * The mail desk in the case table (functions/domain/inboundMail/mailDesk.ts): one partition per desk
 * (`MAIL_DESK#<estate id | unaddressed>`, item `SET_ASIDE#<message id>` per message waiting) and one
 * hash chain for every step (`MAIL_DESK_LEDGER`: `ENTRY#<seq>` and `HEAD`). Each step is one transaction
 * with its ledger entry: setting a message aside creates its item (once: a retried run writes nothing),
 * handling it deletes the item (once: a second person handling the same message gets a conflict).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { GENESIS_HASH } from '../domain/auditTrail';
import { type MailDeskDraft, type MailDeskEntry, type SetAsideMessage, sealMailDeskEntry } from '../domain/inboundMail/mailDesk';
import { stripKeys } from './dynamoCaseStore';
import { queryPrefix } from './queryItems';

const deskKeys = {
  setAside: (desk: string, messageId: string) => ({ pk: `MAIL_DESK#${desk}`, sk: `SET_ASIDE#${messageId}` }),
  ledgerEntry: (seq: number) => ({ pk: 'MAIL_DESK_LEDGER', sk: `ENTRY#${String(seq).padStart(9, '0')}` }),
  ledgerHead: () => ({ pk: 'MAIL_DESK_LEDGER', sk: 'HEAD' }),
};

/** Someone else handled the message first (or it was never set aside). */
export class MailDeskConflictError extends Error {}

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

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
    return this.commit(draft, [{ Delete: { TableName: this.tableName, Key: deskKeys.setAside(message.desk, message.messageId), ConditionExpression: 'attribute_exists(pk)' } }]);
  }

  async ledger(): Promise<MailDeskEntry[]> {
    const entries: MailDeskEntry[] = [];
    for await (const item of queryPrefix(this.doc, this.tableName, 'MAIL_DESK_LEDGER', 'ENTRY#', { consistentRead: true })) entries.push(stripKeys(item) as unknown as MailDeskEntry);
    return entries;
  }

  private async head(): Promise<{ seq: number; hash: string }> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: deskKeys.ledgerHead(), ConsistentRead: true }));
    return result.Item ? { seq: Number(result.Item.seq), hash: String(result.Item.hash) } : { seq: 0, hash: GENESIS_HASH };
  }

  /** The entry (create-only), the head (still where the entry was sealed) and the write, in one transaction; a moved head is retried. */
  private async commit(draft: MailDeskDraft, writes: TransactItem[]): Promise<MailDeskEntry> {
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.head();
      const entry = sealMailDeskEntry(draft, head);
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: this.tableName, Item: { ...deskKeys.ledgerEntry(entry.seq), type: 'mail-desk-ledger-entry', ...entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
              {
                Put: {
                  TableName: this.tableName,
                  Item: { ...deskKeys.ledgerHead(), type: 'mail-desk-ledger-head', seq: entry.seq, hash: entry.hash, at: entry.at },
                  ...(head.seq === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'seq = :previous', ExpressionAttributeValues: { ':previous': head.seq } }),
                },
              },
              ...writes,
            ],
          }),
        );
        return entry;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons.slice(2).some((reason) => reason.Code === 'ConditionalCheckFailed')) throw new MailDeskConflictError('this message was handled meanwhile');
        const headMoved = reasons.slice(0, 2).some((reason) => reason.Code === 'ConditionalCheckFailed');
        if (!headMoved || attempt >= 8) throw error;
      }
    }
  }
}
