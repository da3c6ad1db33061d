/**
 * Scheduled daily (EventBridge in AWS; a TIME_SCALE-d timer locally): for
 * each estate, records the heads of all its case chains in the estate ledger
 * as an `anchor` entry — a digest over (case id, seq, hash) of every case,
 * the heads themselves stored in chunks beside it — itself hash-chained to the
 * previous ledger entry (docs/AUDIT.md, "Anchors"). An estate whose heads did
 * not change since its last anchor is skipped.
 *
 * Each new anchor is then published outside the table, into the audit anchors
 * bucket (write-once in AWS: S3 Object Lock, compliance mode). The anchor and a
 * "publication pending" marker are written in one transaction, and the marker
 * is removed once the object is written: an anchor whose publication failed
 * (storage unavailable) is published by the next run, never forgotten.
 */
import type { Context } from 'aws-lambda';
import { type ChainHead, HeadsDigest, sealLedgerEntry } from '../domain/estateLedger';
import { publishAnchor } from '../platform/anchorPublication';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { logger } from '../platform/logger';
import { RecordsStore, recordKeys } from '../store/recordsStore';
import { platformNow } from '../platform/clock';

const HEADS_PER_CHUNK = 1000;

export async function anchorEstate(records: RecordsStore, estateId: string, now: string, requestId: string): Promise<'anchored' | 'unchanged'> {
  for (let attempt = 1; ; attempt += 1) {
    const head = await records.ledgerHead(estateId);
    // An estate's heads fit in memory (about 100 bytes a case); they are written only if something changed.
    const heads: ChainHead[] = [];
    const digest = new HeadsDigest();
    for await (const caseHead of records.caseHeads(estateId)) {
      heads.push(caseHead);
      digest.add(caseHead);
    }
    const headsDigest = digest.digest();
    if (headsDigest === head.lastAnchorDigest) return 'unchanged';
    const anchorSeq = head.seq + 1;
    const chunkCount = Math.ceil(heads.length / HEADS_PER_CHUNK);
    for (let chunk = 0; chunk < chunkCount; chunk += 1) await records.putAnchorHeads(estateId, anchorSeq, chunk, heads.slice(chunk * HEADS_PER_CHUNK, (chunk + 1) * HEADS_PER_CHUNK));
    const entry = sealLedgerEntry(
      { at: now, actor: { type: 'system', id: 'anchorEstateChains' }, action: 'anchor', requestId, details: { headsDigest, caseCount: heads.length, chunkCount } },
      { estateId, previousSeq: head.seq, previousHash: head.hash },
    );
    try {
      await records.appendLedger(entry, headsDigest, [{ put: { ...recordKeys.anchorPublicationPending(estateId, anchorSeq), type: 'anchor-publication-pending', estateId, anchorSeq } }]);
      return 'anchored';
    } catch (error) {
      // Another ledger entry landed first (a legal hold, a concurrent run): anchor again on the new head.
      if ((error as Error).name === 'TransactionCanceledException' && attempt < 3) continue;
      throw error;
    }
  }
}

/** Publishes every anchor of the estate still marked pending; returns how many were published and how many failed. */
export async function publishPendingAnchors(records: RecordsStore, estateId: string): Promise<{ published: number; failed: number }> {
  let published = 0;
  let failed = 0;
  for (const anchorSeq of await records.pendingAnchorPublications(estateId)) {
    try {
      const entry = await records.ledgerEntry(estateId, anchorSeq);
      if (!entry || entry.action !== 'anchor') throw new Error(`ledger entry ${anchorSeq} is not an anchor`);
      await publishAnchor(entry);
      await records.anchorPublished(estateId, anchorSeq);
      published += 1;
    } catch (error) {
      failed += 1;
      logger.error('estate anchor not published', { estateId, anchorSeq, error: error as Error });
    }
  }
  return { published, failed };
}

export const handler = async (_event: unknown, context: Context) => {
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  const estates = await getCaseStore().listEstates();
  const now = platformNow().toISOString();
  let anchored = 0;
  let published = 0;
  let unpublished = 0;
  for (const estate of estates) {
    if ((await anchorEstate(records, estate.estateId, now, context.awsRequestId)) === 'anchored') anchored += 1;
    const publication = await publishPendingAnchors(records, estate.estateId);
    published += publication.published;
    unpublished += publication.failed;
  }
  logger.info('estate chains anchored', { estates: estates.length, anchored, published, unpublished });
  // The anchors themselves are stored; failing the run makes the missing publication visible (errors metric, EventBridge retries).
  if (unpublished > 0) throw new Error(`${unpublished} estate anchor(s) could not be published; they stay pending and are published by the next run`);
  return { estates: estates.length, anchored, published };
};
