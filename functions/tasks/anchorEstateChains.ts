/**
 * Scheduled daily (EventBridge in AWS; a TIME_SCALE-d timer locally): for
 * each estate, records the heads of all its case chains in the estate ledger
 * as an `anchor` entry (functions/domain/estateAnchoring.ts).
 *
 * Each new anchor is then published outside the table, into the audit anchors
 * bucket (write-once in AWS: S3 Object Lock, compliance mode). The anchor and a
 * "publication pending" marker are written in one transaction, and the marker
 * is removed once the object is written: an anchor whose publication failed
 * (storage unavailable) is published by the next run, never forgotten.
 */
import type { Context } from 'aws-lambda';
import { anchorEstate } from '../domain/estateAnchoring';
import { anchorAdminLedger } from '../domain/admin/adminLedgerAnchor';
import { adminAnchoringPorts, publishAnchor } from '../platform/anchorPublication';
import { getAdminStore } from '../platform/administration';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { logger } from '../platform/logger';
import { RecordsStore } from '../store/recordsStore';
import { platformNow } from '../platform/clock';

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
    if ((await anchorEstate(records.anchoringPorts(), estate.estateId, { now, requestId: context.awsRequestId })) === 'anchored') anchored += 1;
    const publication = await publishPendingAnchors(records, estate.estateId);
    published += publication.published;
    unpublished += publication.failed;
  }
  // The admin ledger's head, published beside the estates' anchors (functions/domain/admin/adminLedgerAnchor.ts).
  const adminLedger = await anchorAdminLedger(adminAnchoringPorts(getAdminStore()), now);
  logger.info('estate chains anchored', { estates: estates.length, anchored, published, unpublished, adminLedger });
  // The anchors themselves are stored; failing the run makes the missing publication visible (errors metric, EventBridge retries).
  if (unpublished > 0) throw new Error(`${unpublished} estate anchor(s) could not be published; they stay pending and are published by the next run`);
  return { estates: estates.length, anchored, published, adminLedger };
};
