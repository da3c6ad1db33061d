/**
 * Publishing estate anchors outside the table (docs/AUDIT.md, "Published
 * anchors"): each anchor entry as a JSON object in the audit anchors bucket,
 * which in AWS has S3 Object Lock in compliance mode (a published anchor
 * cannot be deleted or rewritten by anyone until its retention ends) and
 * accepts only create-only writes. Locally the same objects go to the S3
 * emulator, which has no Object Lock.
 */
import { type LedgerEntry, type PublishedAnchorReader, publishedAnchorDifferences, publishedAnchorKey, publishedAnchorOf } from '../domain/estateLedger';
import { ADMIN_ANCHOR_PREFIX, adminAnchorKey, type AdminAnchoringPorts } from '../domain/admin/adminLedgerAnchor';
import type { DynamoAdminStore } from '../store/adminStore';
import { auditAnchorBucket } from './config';
import { getJson, listKeys, putJson } from './objectStorage';

/** The admin ledger's anchoring ports: its head and records in the table, its anchors in the anchors bucket. */
export function adminAnchoringPorts(store: DynamoAdminStore): AdminAnchoringPorts {
  return {
    ledgerHead: () => store.ledgerHead(),
    anchoredSeqs: () => store.anchoredSeqs(),
    recordAnchored: (seq, at) => store.recordAnchored(seq, at),
    publishCreateOnly: async (key, anchor) => {
      try {
        await putJson(auditAnchorBucket(), key, anchor, { createOnly: true });
        return { written: true };
      } catch (error) {
        if ((error as Error).name !== 'PreconditionFailed' && (error as Error).name !== 'ConditionalRequestConflict') throw error;
        const existing = await getJson(auditAnchorBucket(), key);
        return { written: false, existing: existing.found ? existing.content : null };
      }
    },
  };
}

/** The admin ledger's published anchors at the seqs recorded as anchored (`content` undefined: not in the bucket). */
export async function publishedAdminAnchors(seqs: readonly number[]): Promise<{ seq: number; content: unknown }[]> {
  const found: { seq: number; content: unknown }[] = [];
  // A few at a time: one anchor a day with changes, so a year is a few hundred small reads.
  for (let i = 0; i < seqs.length; i += 16) {
    const part = await Promise.all(seqs.slice(i, i + 16).map(async (seq) => {
      const object = await getJson(auditAnchorBucket(), adminAnchorKey(seq));
      return { seq, content: object.found ? object.content : undefined };
    }));
    found.push(...part);
  }
  return found;
}

/**
 * Every admin-ledger anchor in a bucket, listed (not found through the table's records): what an auditor
 * compares a saved copy with (`npm run audit -- verify-admin`). Only keys named like an anchor
 * (`anchors/admin-ledger/<9 digits>.json`) are read; the seq comes from the key, and the content must agree.
 */
export async function listedAdminAnchors(bucket: string): Promise<{ seq: number; key: string; content: unknown }[]> {
  const keys = (await listKeys(bucket, ADMIN_ANCHOR_PREFIX)).filter((key) => /^anchors\/admin-ledger\/\d{9}\.json$/.test(key));
  const found: { seq: number; key: string; content: unknown }[] = [];
  for (let i = 0; i < keys.length; i += 16) {
    found.push(...(await Promise.all(keys.slice(i, i + 16).map(async (key) => {
      const object = await getJson(bucket, key);
      return { seq: Number(key.slice(ADMIN_ANCHOR_PREFIX.length, -'.json'.length)), key, content: object.found ? object.content : undefined };
    }))));
  }
  return found;
}

export class AnchorPublicationConflictError extends Error {
  override readonly name = 'AnchorPublicationConflictError';
}

export const publishedAnchors: PublishedAnchorReader = {
  readPublishedAnchor: (estateId, ledgerSeq) => getJson(auditAnchorBucket(), publishedAnchorKey(estateId, ledgerSeq)),
};

/**
 * Publishes an anchor entry, once. A copy already there that agrees (an earlier attempt got that far)
 * counts as published; one that disagrees is never replaced: that is a conflict for a person to look into.
 */
export async function publishAnchor(entry: LedgerEntry): Promise<'published' | 'already-published'> {
  const bucket = auditAnchorBucket();
  const key = publishedAnchorKey(entry.estateId, entry.seq);
  const existing = await getJson(bucket, key);
  if (!existing.found) {
    try {
      await putJson(bucket, key, publishedAnchorOf(entry), { createOnly: true });
      return 'published';
    } catch (error) {
      // Another run published it between our read and write: compare with what it wrote.
      if ((error as Error).name !== 'PreconditionFailed' && (error as Error).name !== 'ConditionalRequestConflict') throw error;
    }
  }
  const copy = existing.found ? existing : await getJson(bucket, key);
  const differences = copy.found ? publishedAnchorDifferences(entry, copy.content) : ['(missing after a conflicting write)'];
  if (differences.length > 0) throw new AnchorPublicationConflictError(`a different anchor is already published at ${key} (${differences.join(', ')})`);
  return 'already-published';
}
