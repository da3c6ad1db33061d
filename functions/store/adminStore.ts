/**
 * What administration writes to the case table: estates, the group settings,
 * custom deadline policies and the admin ledger. Every change is one
 * transaction with its ledger entry (guarded by the ledger's head), so no
 * change is stored without its audit entry and none is recorded that did not
 * happen. Writes are conditional on what the administrator saw (the estate's
 * content digest, the settings' version): a concurrent change is a conflict,
 * never lost.
 *
 * Large estate imports: a transaction holds at most 100 items, so an import is
 * written in parts of ESTATES_PER_PART estates, each part one transaction with
 * its own ledger entry. The whole file is validated before the first part, so
 * a part can fail only on a fault, a concurrent edit, or the request running out
 * of time; the import's record (IMPORT#<file digest>) says how far it got, and
 * sending the same file again (the console and `npm run admin` do it until the
 * answer says complete) writes only the estates still different — the import
 * converges, and is reported complete only when every estate is as the file says.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type AdminLedgerDraft, type AdminLedgerEntry, sealAdminEntry } from '../domain/admin/adminLedger';
import type { EstateChange } from '../domain/admin/estateImport';
import type { DeadlinePolicy } from '../domain/deadlinePolicySchema';
import type { Estate } from '../domain/estate';
import type { GroupSettings } from '../domain/groupSettings';
import { appendToLedger, type ChainedLedger, type LedgerHead, readLedgerHead, type TransactItem } from './chainedLedger';
import { stripKeys } from './dynamoCaseStore';
import { keys } from './keys';
import { queryPrefix } from './queryItems';

/** Estates per transaction: with the ledger entry, its head and the import's record, 99 items (DynamoDB allows 100), well under 4 MB. */
export const ESTATES_PER_PART = 96;

export class AdminConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminConflictError';
  }
}

export interface StoredEstate {
  estate: Estate;
  /** The digest stored with the estate; absent on estates written before digests were kept. */
  contentDigest?: string;
}

export interface StoredSettings {
  settings: GroupSettings;
  /** 0 while nothing is stored (the seed applies). */
  version: number;
}

export interface EstateImportRecord {
  fileDigest: string;
  status: 'writing' | 'complete';
  estatesToWrite: number;
  partsTotal: number;
  partsWritten: number;
  startedAt: string;
  by: string;
}

const ADMIN_LEDGER: ChainedLedger<AdminLedgerDraft, AdminLedgerEntry> = {
  entryKey: keys.adminLedgerEntry,
  headKey: keys.adminLedgerHead(),
  entryType: 'admin-ledger-entry',
  headType: 'admin-ledger-head',
  seal: sealAdminEntry,
};

export class DynamoAdminStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // --- estates ---------------------------------------------------------------

  /** Every stored estate with its digest (consistent: what the administrator's change is checked against). */
  async estates(): Promise<Map<string, StoredEstate>> {
    const estates = new Map<string, StoredEstate>();
    for await (const item of queryPrefix(this.doc, this.tableName, keys.estateCatalogue().pk, 'ESTATE#', { consistentRead: true })) {
      const { contentDigest, ...estate } = stripKeys(item) as unknown as Estate & { contentDigest?: string };
      estates.set(estate.estateId, { estate, ...(contentDigest ? { contentDigest } : {}) });
    }
    return estates;
  }

  private estatePut(change: EstateChange, storedDigest: string | undefined): TransactItem {
    const item = { ...keys.estate(change.after.estateId), type: 'estate', ...change.after, contentDigest: change.afterDigest };
    if (!change.before) return { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
    return storedDigest
      ? { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'contentDigest = :before', ExpressionAttributeValues: { ':before': storedDigest } } }
      : { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(contentDigest)' } };
  }

  /** Writes estate changes with one ledger entry, in one transaction (at most ESTATES_PER_PART changes). */
  async writeEstates(changes: readonly EstateChange[], storedDigests: ReadonlyMap<string, string | undefined>, draft: AdminLedgerDraft, extra: TransactItem[] = []): Promise<AdminLedgerEntry> {
    if (changes.length > ESTATES_PER_PART) throw new Error(`at most ${ESTATES_PER_PART} estates per transaction`);
    return this.commit(draft, [...changes.map((change) => this.estatePut(change, storedDigests.get(change.after.estateId))), ...extra]);
  }

  /**
   * Writes a validated import part by part (see the module's comment), each part with the ledger entry
   * `draftFor(part, index, total)` gives. Stops between parts when `keepGoing()` says so (the request's time
   * is running out): the import's record then says how far it got, and the same file sent again writes the rest.
   */
  async writeEstateImport(
    fileDigest: string,
    changes: readonly EstateChange[],
    storedDigests: ReadonlyMap<string, string | undefined>,
    by: string,
    at: string,
    draftFor: (part: readonly EstateChange[], index: number, total: number) => AdminLedgerDraft,
    keepGoing: () => boolean = () => true,
  ): Promise<{ written: number; complete: boolean }> {
    const parts: EstateChange[][] = [];
    for (let i = 0; i < changes.length; i += ESTATES_PER_PART) parts.push(changes.slice(i, i + ESTATES_PER_PART));
    const record: EstateImportRecord = { fileDigest, status: 'writing', estatesToWrite: changes.length, partsTotal: parts.length, partsWritten: 0, startedAt: at, by };
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.estateImport(fileDigest), type: 'estate-import', ...record } }));
    let written = 0;
    for (const [index, part] of parts.entries()) {
      if (index > 0 && !keepGoing()) return { written, complete: false };
      const last = index === parts.length - 1;
      // The import's record moves with each part, in the part's transaction.
      const progress: TransactItem = {
        Put: { TableName: this.tableName, Item: { ...keys.estateImport(fileDigest), type: 'estate-import', ...record, partsWritten: index + 1, status: last ? 'complete' : 'writing' } },
      };
      await this.writeEstates(part, storedDigests, draftFor(part, index, parts.length), [progress]);
      written += part.length;
    }
    return { written, complete: true };
  }

  /** Imports that stopped before their last part (the console asks to import the same file again). */
  async unfinishedImports(): Promise<EstateImportRecord[]> {
    const records: EstateImportRecord[] = [];
    for await (const item of queryPrefix(this.doc, this.tableName, keys.estateCatalogue().pk, 'IMPORT#', { consistentRead: true })) {
      const record = stripKeys(item) as unknown as EstateImportRecord;
      if (record.status !== 'complete') records.push(record);
    }
    return records;
  }

  /** Whether any case of the estate exists or ever took a reference number (consistent reads on the counters). */
  async estateHasCases(estateId: string): Promise<boolean> {
    const counters = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `ESTATE#${estateId}`, ':prefix': 'REFERENCE#' },
        ConsistentRead: true,
        Limit: 1,
      }),
    );
    if ((counters.Items ?? []).length > 0) return true;
    const indexed = await this.doc.send(
      new QueryCommand({ TableName: this.tableName, IndexName: 'byEstateReceived', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `ESTATE#${estateId}` }, Limit: 1 }),
    );
    return (indexed.Items ?? []).length > 0;
  }

  /** Removes an estate (the caller checked it has no cases), guarded by its digest, with its ledger entry. */
  async removeEstate(estateId: string, storedDigest: string | undefined, draft: AdminLedgerDraft): Promise<AdminLedgerEntry> {
    return this.commit(draft, [
      {
        Delete: {
          TableName: this.tableName,
          Key: keys.estate(estateId),
          ...(storedDigest
            ? { ConditionExpression: 'contentDigest = :before', ExpressionAttributeValues: { ':before': storedDigest } }
            : { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(contentDigest)' }),
        },
      },
    ]);
  }

  // --- settings and policies --------------------------------------------------

  async settings(seed: GroupSettings): Promise<StoredSettings> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.groupSettings(), ConsistentRead: true }));
    return result.Item ? { settings: result.Item.settings as GroupSettings, version: Number(result.Item.version) } : { settings: seed, version: 0 };
  }

  /** Stores settings if they are still at `expectedVersion` (0: none stored yet). */
  async putSettings(settings: GroupSettings, expectedVersion: number, draft: AdminLedgerDraft): Promise<{ version: number; entry: AdminLedgerEntry }> {
    const version = expectedVersion + 1;
    const entry = await this.commit(draft, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.groupSettings(), type: 'group-settings', settings, version },
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
        },
      },
    ]);
    return { version, entry };
  }

  async customPolicies(): Promise<Map<string, DeadlinePolicy>> {
    const policies = new Map<string, DeadlinePolicy>();
    for await (const item of queryPrefix(this.doc, this.tableName, keys.estateCatalogue().pk, 'POLICY#', { consistentRead: true })) {
      const policy = item.policy as DeadlinePolicy;
      policies.set(policy.id, policy);
    }
    return policies;
  }

  /** Defines a custom policy; policies are immutable, so an id already defined is a conflict. */
  async defineCustomPolicy(policy: DeadlinePolicy, draft: AdminLedgerDraft): Promise<AdminLedgerEntry> {
    return this.commit(draft, [{ Put: { TableName: this.tableName, Item: { ...keys.deadlinePolicy(policy.id), type: 'deadline-policy', policy }, ConditionExpression: 'attribute_not_exists(pk)' } }]);
  }

  // --- the ledger ------------------------------------------------------------

  ledgerHead(): Promise<LedgerHead> {
    return readLedgerHead(this.doc, this.tableName, keys.adminLedgerHead());
  }

  async ledger(): Promise<AdminLedgerEntry[]> {
    const entries: AdminLedgerEntry[] = [];
    for await (const item of queryPrefix(this.doc, this.tableName, 'ADMIN_LEDGER', 'ENTRY#', { consistentRead: true })) entries.push(stripKeys(item) as unknown as AdminLedgerEntry);
    return entries;
  }

  /** The seqs whose head was published as an anchor, oldest first. */
  async anchoredSeqs(): Promise<number[]> {
    const seqs: number[] = [];
    for await (const item of queryPrefix(this.doc, this.tableName, 'ADMIN_LEDGER', 'ANCHOR#', { consistentRead: true })) seqs.push(Number(item.seq));
    return seqs;
  }

  async recordAnchored(seq: number, at: string): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.adminLedgerAnchor(seq), type: 'admin-ledger-anchor', seq, at } }));
  }

  /** Appends an entry alone (a change made outside the table, e.g. in the Cognito user pool). */
  async append(draft: AdminLedgerDraft): Promise<AdminLedgerEntry> {
    return this.commit(draft, []);
  }

  /** The entry, the head and the writes in one transaction (chainedLedger.ts); a write whose own condition failed is a conflict. */
  private commit(draft: AdminLedgerDraft, writes: TransactItem[]): Promise<AdminLedgerEntry> {
    return appendToLedger(this.doc, this.tableName, ADMIN_LEDGER, draft, writes, () => new AdminConflictError('what you changed was changed by someone else meanwhile; reload and try again'));
  }
}
