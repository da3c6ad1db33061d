/**
 * The mail-desk ledger's place in the case table and the write that takes a message off its desk, shared by the
 * mail desk (mailDeskStore.ts) and the case store (a message added to a case is taken off its desk in the same
 * transaction as the addition: dynamoCaseStore.ts, `settleSetAside`).
 */
import type { MailDeskDraft, MailDeskEntry } from '../domain/inboundMail/mailDesk';
import { sealMailDeskEntry } from '../domain/inboundMail/mailDesk';
import type { ChainedLedger, TransactItem } from './chainedLedger';

export const mailDeskKeys = {
  setAside: (desk: string, messageId: string) => ({ pk: `MAIL_DESK#${desk}`, sk: `SET_ASIDE#${messageId}` }),
  ledgerEntry: (seq: number) => ({ pk: 'MAIL_DESK_LEDGER', sk: `ENTRY#${String(seq).padStart(9, '0')}` }),
  ledgerHead: () => ({ pk: 'MAIL_DESK_LEDGER', sk: 'HEAD' }),
};

/** Someone else handled the message first (or it was never set aside). */
export class MailDeskConflictError extends Error {}

export const MAIL_DESK_LEDGER: ChainedLedger<MailDeskDraft, MailDeskEntry> = {
  entryKey: mailDeskKeys.ledgerEntry,
  headKey: mailDeskKeys.ledgerHead(),
  entryType: 'mail-desk-ledger-entry',
  headType: 'mail-desk-ledger-head',
  seal: sealMailDeskEntry,
};

/** Deletes the message's desk entry, on condition that it is still there (a second taker fails). */
export function takeOffDeskItem(tableName: string, desk: string, messageId: string): TransactItem {
  return { Delete: { TableName: tableName, Key: mailDeskKeys.setAside(desk, messageId), ConditionExpression: 'attribute_exists(pk)' } };
}

export const handledMeanwhile = () => new MailDeskConflictError('this message was handled meanwhile');
