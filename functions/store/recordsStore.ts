/**
 * The records-management side of the case table (docs/DATA_MODEL.md): audit
 * events by estate and time for exports and verification, the estate ledger
 * and its anchors, legal holds on estates, and the deletions that erasure and
 * retention purge make. Every read is a Query or a GetItem; nothing scans.
 */
import { BatchWriteCommand, DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEvent, GENESIS_HASH } from '../domain/auditTrail';
import type { ComplaintCase, LegalHold } from '../domain/complaintCase';
import type { AnchoringPorts, EstateCaseHead } from '../domain/estateAnchoring';
import { type ChainHead, type LedgerDraft, type LedgerEntry, sealLedgerEntry } from '../domain/estateLedger';
import { platformNow } from '../platform/clock';
import { earliestCaseMonth } from './caseListing';
import { stripKeys } from './dynamoCaseStore';
import { indexKeys, monthOf } from './indexKeys';
import { keys } from './keys';
import { queryItems, queryPrefix } from './queryItems';

const pad = (seq: number) => String(seq).padStart(9, '0');

export const recordKeys = {
  ledgerHead: (estateId: string) => ({ pk: `ESTATE#${estateId}`, sk: 'LEDGER' }),
  ledgerEntry: (estateId: string, seq: number) => ({ pk: `ESTATE#${estateId}`, sk: `LEDGER#${pad(seq)}` }),
  anchorHeads: (estateId: string, anchorSeq: number, chunk: number) => ({ pk: `ESTATE#${estateId}`, sk: `ANCHOR_HEADS#${pad(anchorSeq)}#${String(chunk).padStart(6, '0')}` }),
  /**
   * Where a chunk of an anchor's heads ends, in the estate index's order (`<receivedAt>#<caseId>` of its last head):
   * a case's chunk is the first whose end is at or after the case's own key, found by one Query of a few bytes.
   */
  anchorChunkEnd: (estateId: string, anchorSeq: number, lastKey: string) => ({ pk: `ESTATE#${estateId}`, sk: `ANCHOR_CHUNK#${pad(anchorSeq)}#${lastKey}` }),
  estateHold: (estateId: string) => ({ pk: `ESTATE#${estateId}`, sk: 'LEGAL_HOLD' }),
  /** An anchor not yet published outside the table; written with the anchor, deleted once it is published. */
  anchorPublicationPending: (estateId: string, anchorSeq: number) => ({ pk: `ESTATE#${estateId}`, sk: `ANCHOR_PUBLICATION#${pad(anchorSeq)}` }),
} as const;

/** Attributes of an audit event as exported: everything but the personal data itself. */
const EXPORT_ATTRIBUTES = ['caseId', 'estateId', 'seq', 'at', 'actor', 'action', 'requestId', 'changes', 'personalDataDigest', 'public', 'prevHash', 'hash'];

/** Events per Query page of an export (at most 1 MB either way). */
const EVENT_PAGE_SIZE = 250;

export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Month buckets (`yyyy-mm`) that hold instants in [from, to). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const last = monthOf(new Date(new Date(to).getTime() - 1).toISOString());
  for (let month = monthOf(from); month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

/**
 * The part of [from, to) whose months can hold events: none before the group's records start
 * (`EARLIEST_CASE_MONTH`) or after today. A period asked as 2020-2100 walks the months that exist,
 * not 960 month partitions one query each.
 */
function monthsThatCanHoldEvents(from: string, to: string): [string, string] {
  const earliest = `${earliestCaseMonth()}-01T00:00:00.000Z`;
  const tomorrow = new Date(platformNow().getTime() + 86_400_000).toISOString();
  const walkFrom = from > earliest ? from : earliest;
  const walkTo = to < tomorrow ? to : tomorrow;
  return walkFrom < walkTo ? [walkFrom, walkTo] : [walkTo, walkTo];
}

function parseHead(line: string): ChainHead {
  const [caseId, seq, hash] = line.split(' ') as [string, string, string];
  return { caseId, seq: Number(seq), hash };
}

export class RecordsStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * An estate's audit events with `from <= at < to`, ordered by (at, caseId, seq), one 1 MB page in
   * memory at a time. `after` (an event's sort key, `indexKeys.eventTime`) resumes after that event.
   */
  async *estateEvents(estateId: string, from: string, to: string, options: { after?: string; withPersonalData?: boolean } = {}): AsyncGenerator<AuditEvent> {
    const names = Object.fromEntries(EXPORT_ATTRIBUTES.map((a, i) => [`#a${i}`, a]));
    for (const month of monthsBetween(...monthsThatCanHoldEvents(from, to))) {
      const pk = indexKeys.auditMonth(estateId, month);
      if (options.after && monthOf(options.after) > month) continue;
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const lower = options.after && monthOf(options.after) === month && options.after > from ? options.after : from;
        const page = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'byEstateEventTime',
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#pk': 'gsi7pk', '#sk': 'gsi7sk', ...(options.withPersonalData ? {} : names) },
            ExpressionAttributeValues: { ':pk': pk, ':from': lower, ':to': to },
            ...(options.withPersonalData ? {} : { ProjectionExpression: Object.keys(names).join(', ') }),
            // Short pages, each item dropped once handed on: a page's objects die young instead of
            // surviving into the old generation while the consumer waits on a slow client.
            Limit: EVENT_PAGE_SIZE,
            ExclusiveStartKey,
          }),
        );
        const items: (Record<string, unknown> | undefined)[] = page.Items ?? [];
        page.Items = undefined;
        for (let i = 0; i < items.length; i += 1) {
          const event = stripKeys(items[i]!) as unknown as AuditEvent;
          items[i] = undefined;
          if (options.after && indexKeys.eventTime(event) <= options.after) continue;
          yield event;
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
  }

  /** The chain head of every case of the estate, in the estate index's order (receipt time, case id). */
  async *caseHeads(estateId: string): AsyncGenerator<EstateCaseHead> {
    const items = queryItems(this.doc, {
      TableName: this.tableName,
      IndexName: 'byEstateReceived',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.estate(estateId) },
      ProjectionExpression: 'caseId, eventSeq, headHash, receivedAt',
    });
    for await (const item of items) yield { caseId: String(item.caseId), seq: Number(item.eventSeq), hash: String(item.headHash), receivedAt: String(item.receivedAt) };
  }

  /** What the daily anchor (functions/domain/estateAnchoring.ts) needs of the table. */
  anchoringPorts(): AnchoringPorts {
    return {
      ledgerHead: (estateId) => this.ledgerHead(estateId),
      caseHeads: (estateId) => this.caseHeads(estateId),
      putAnchorHeads: (estateId, anchorSeq, chunk, heads, firstPosition) => this.putAnchorHeads(estateId, anchorSeq, chunk, heads, firstPosition),
      appendAnchor: async (entry, headsDigest) => {
        try {
          await this.appendLedger(entry, headsDigest, [{ put: { ...recordKeys.anchorPublicationPending(entry.estateId, entry.seq), type: 'anchor-publication-pending', estateId: entry.estateId, anchorSeq: entry.seq } }]);
          return 'appended';
        } catch (error) {
          if ((error as Error).name === 'TransactionCanceledException') return 'conflict';
          throw error;
        }
      },
    };
  }

  /** The ledger's head, and the digest of its newest anchor (to skip an anchor that would record nothing new). */
  async ledgerHead(estateId: string): Promise<{ seq: number; hash: string; lastAnchorDigest?: string }> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: recordKeys.ledgerHead(estateId), ConsistentRead: true }));
    if (!result.Item) return { seq: 0, hash: GENESIS_HASH };
    return { seq: Number(result.Item.seq), hash: String(result.Item.hash), ...(result.Item.lastAnchorDigest ? { lastAnchorDigest: String(result.Item.lastAnchorDigest) } : {}) };
  }

  /**
   * Appends a sealed entry to the estate ledger, guarded by the head it was sealed on (a concurrent
   * append fails with TransactionCanceledException), with any extra puts or deletes in the same transaction.
   */
  async appendLedger(entry: LedgerEntry, lastAnchorDigest: string | undefined, extra: { put?: Record<string, unknown>; delete?: Record<string, unknown> }[] = []): Promise<void> {
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { ...recordKeys.ledgerEntry(entry.estateId, entry.seq), type: 'ledger-entry', ...entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: this.tableName,
              Item: { ...recordKeys.ledgerHead(entry.estateId), type: 'ledger-head', estateId: entry.estateId, seq: entry.seq, hash: entry.hash, at: entry.at, ...(lastAnchorDigest ? { lastAnchorDigest } : {}) },
              ConditionExpression: entry.seq === 1 ? 'attribute_not_exists(pk)' : '#seq = :previous',
              ...(entry.seq === 1 ? {} : { ExpressionAttributeNames: { '#seq': 'seq' }, ExpressionAttributeValues: { ':previous': entry.seq - 1 } }),
            },
          },
          ...extra.map((op) => (op.put ? { Put: { TableName: this.tableName, Item: op.put } } : { Delete: { TableName: this.tableName, Key: op.delete! } })),
        ],
      }),
    );
  }

  /** Seals a draft on the ledger's current head and appends it, retrying when another append got there first. */
  async appendToLedger(estateId: string, draft: LedgerDraft): Promise<LedgerEntry> {
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.ledgerHead(estateId);
      const entry = sealLedgerEntry(draft, { estateId, previousSeq: head.seq, previousHash: head.hash });
      try {
        await this.appendLedger(entry, head.lastAnchorDigest);
        return entry;
      } catch (error) {
        if ((error as Error).name !== 'TransactionCanceledException' || attempt >= 5) throw error;
      }
    }
  }

  async ledger(estateId: string): Promise<LedgerEntry[]> {
    return (await this.queryAll(`ESTATE#${estateId}`, 'LEDGER#')).map((item) => stripKeys(item) as unknown as LedgerEntry);
  }

  /** One chunk of an anchor's heads, and the small item that says where it ends (for `anchoredHead`). */
  async putAnchorHeads(estateId: string, anchorSeq: number, chunk: number, heads: readonly EstateCaseHead[], firstPosition: number): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...recordKeys.anchorHeads(estateId, anchorSeq, chunk), type: 'anchor-heads', heads: heads.map((h) => `${h.caseId} ${h.seq} ${h.hash}`) } }));
    const last = heads.at(-1);
    if (!last) return;
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { ...recordKeys.anchorChunkEnd(estateId, anchorSeq, `${last.receivedAt}#${last.caseId}`), type: 'anchor-chunk-end', anchorSeq, chunk, firstPosition } }),
    );
  }

  /**
   * The head an anchor recorded for one case and its 1-based position in the anchor, read in two requests whatever the
   * anchor's size: the chunk's end marker at or after the case's key in the estate index, then that chunk. An anchor
   * stored before the end markers existed (or a marker left by an attempt that never became the anchor) is read chunk by
   * chunk: bounded by that one anchor.
   */
  async anchoredHead(anchor: LedgerEntry, complaintCase: Pick<ComplaintCase, 'caseId' | 'receivedAt'>): Promise<{ head: ChainHead; position: number } | undefined> {
    const chunkCount = Number(anchor.details.chunkCount);
    const prefix = `ANCHOR_CHUNK#${pad(anchor.seq)}#`;
    const located = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        // Keys are ISO times and ULIDs (ASCII below `~`), so `~` ends the anchor's markers.
        ExpressionAttributeValues: { ':pk': `ESTATE#${anchor.estateId}`, ':from': `${prefix}${complaintCase.receivedAt}#${complaintCase.caseId}`, ':to': `${prefix}~` },
        Limit: 1,
      }),
    );
    const marker = located.Items?.[0];
    if (marker && Number(marker.chunk) < chunkCount) {
      const chunk = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: recordKeys.anchorHeads(anchor.estateId, anchor.seq, Number(marker.chunk)) }));
      const lines = (chunk.Item?.heads as string[] | undefined) ?? [];
      const index = lines.findIndex((line) => line.startsWith(`${complaintCase.caseId} `));
      if (index >= 0) return { head: parseHead(lines[index]!), position: Number(marker.firstPosition) + index };
    }
    let position = 0;
    for await (const head of this.anchorHeads(anchor.estateId, anchor.seq, chunkCount)) {
      position += 1;
      if (head.caseId === complaintCase.caseId) return { head, position };
    }
    return undefined;
  }

  /** The heads an anchor recorded, in order; only its first `chunkCount` chunks count (a failed earlier attempt may have left more). */
  async *anchorHeads(estateId: string, anchorSeq: number, chunkCount = Infinity): AsyncGenerator<ChainHead> {
    let chunk = 0;
    const items = queryPrefix(this.doc, this.tableName, `ESTATE#${estateId}`, `ANCHOR_HEADS#${pad(anchorSeq)}#`);
    for await (const item of items) {
      if (chunk++ >= chunkCount) return;
      for (const line of item.heads as string[]) yield parseHead(line);
    }
  }

  /** One ledger entry by its seq. */
  async ledgerEntry(estateId: string, seq: number): Promise<LedgerEntry | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: recordKeys.ledgerEntry(estateId, seq), ConsistentRead: true }));
    return result.Item ? (stripKeys(result.Item) as unknown as LedgerEntry) : undefined;
  }

  /** Seqs of the estate's anchors still waiting to be published, oldest first. */
  async pendingAnchorPublications(estateId: string): Promise<number[]> {
    return (await this.queryAll(`ESTATE#${estateId}`, 'ANCHOR_PUBLICATION#', { projection: 'anchorSeq' })).map((item) => Number(item.anchorSeq));
  }

  async anchorPublished(estateId: string, anchorSeq: number): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: recordKeys.anchorPublicationPending(estateId, anchorSeq) }));
  }

  async estateHold(estateId: string): Promise<LegalHold | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: recordKeys.estateHold(estateId), ConsistentRead: true }));
    if (!result.Item) return undefined;
    return { since: String(result.Item.since), by: String(result.Item.by), reason: String(result.Item.reason) };
  }

  /** Case ids of a complainant, found by the digest of their email (byContact index). */
  async caseIdsByContact(email: string): Promise<string[]> {
    const ids: string[] = [];
    const items = queryItems(this.doc, {
      TableName: this.tableName,
      IndexName: 'byContact',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.contact(email) },
      ProjectionExpression: 'caseId',
    });
    for await (const item of items) ids.push(String(item.caseId));
    return ids;
  }

  /** Removes the personal data of every event of a case up to `throughSeq`; the digests, and so the hashes, stay. */
  async stripEventPersonalData(caseId: string, throughSeq: number): Promise<number> {
    let stripped = 0;
    for (const item of await this.queryAll(keys.casePartition(caseId), 'EVENT#', { filter: 'attribute_exists(personalData)', projection: 'pk, sk, seq' })) {
      if (Number(item.seq) > throughSeq) continue;
      await this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'REMOVE personalData', ConditionExpression: 'attribute_exists(pk)' }));
      stripped += 1;
    }
    return stripped;
  }

  /**
   * The email notifications of a case (what was sent or is queued, when, to whom, its state in the outbox). Never the
   * bodies of emails not yet sent: they may hold a private tracking link.
   */
  async notifications(caseId: string): Promise<Record<string, unknown>[]> {
    return (await this.queryAll(keys.casePartition(caseId), 'NOTIFICATION#')).map(({ pk: _pk, sk: _sk, type: _type, message: _message, gsi8pk: _gsi8pk, gsi8sk: _gsi8sk, ...rest }) => rest);
  }

  /**
   * Forgets who notifications went to (the recipient address is personal data), and the bodies of emails not yet
   * sent (names, the complaint's text): the outbox's sender then withdraws them instead of sending them.
   */
  async redactNotificationRecipients(caseId: string): Promise<void> {
    for (const item of await this.queryAll(keys.casePartition(caseId), 'NOTIFICATION#', { projection: 'pk, sk' })) {
      await this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'REMOVE recipient, #to, message', ExpressionAttributeNames: { '#to': 'to' } }));
    }
  }

  /** Deletes a purged case's events 1..throughSeq and its notifications; the tombstone and the purge event stay. */
  async deletePurgedRecords(caseId: string, throughSeq: number): Promise<number> {
    const partition = keys.casePartition(caseId);
    const doomed = [
      ...(await this.queryAll(partition, 'EVENT#', { projection: 'pk, sk, seq' })).filter((item) => Number(item.seq) <= throughSeq),
      ...(await this.queryAll(partition, 'NOTIFICATION#', { projection: 'pk, sk' })),
    ];
    for (let i = 0; i < doomed.length; i += 25) {
      let requests = doomed.slice(i, i + 25).map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 8) throw new Error(`could not delete the purged records of case ${caseId}`);
        const result = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
        if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
    return doomed.length;
  }

  /**
   * Closed cases received in [earliestMonth, throughMonth] and closed before `closedBefore`, from the
   * group-wide month index: the candidates of a retention purge. Tombstones are no longer in that index.
   */
  async *closedCasesReceivedBetween(earliestMonth: string, throughMonth: string, closedBefore: string): AsyncGenerator<ComplaintCase> {
    for (let month = earliestMonth; month <= throughMonth; month = nextMonth(month)) {
      const items = queryItems(this.doc, {
        TableName: this.tableName,
        IndexName: 'byMonthReceived',
        KeyConditionExpression: 'gsi5pk = :pk',
        FilterExpression: '#status = :closed AND closedAt < :before',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': indexKeys.month(month), ':closed': 'closed', ':before': closedBefore },
      });
      for await (const item of items) yield stripKeys(item) as unknown as ComplaintCase;
    }
  }

  private async queryAll(pk: string, prefix: string, options: { filter?: string; projection?: string } = {}): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    const pages = queryPrefix(this.doc, this.tableName, pk, prefix, { ...options, consistentRead: true });
    for await (const item of pages) items.push(item);
    return items;
  }
}
