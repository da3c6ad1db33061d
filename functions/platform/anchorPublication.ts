/**
 * Publishing estate anchors outside the table (docs/AUDIT.md, "Published
 * anchors"): each anchor entry as a JSON object in the audit anchors bucket,
 * which in AWS has S3 Object Lock in compliance mode (a published anchor
 * cannot be deleted or rewritten by anyone until its retention ends) and
 * accepts only create-only writes. Locally the same objects go to the S3
 * emulator, which has no Object Lock.
 */
import { type LedgerEntry, type PublishedAnchorReader, publishedAnchorDifferences, publishedAnchorKey, publishedAnchorOf } from '../domain/estateLedger';
import { auditAnchorBucket } from './config';
import { getJson, putJson } from './objectStorage';

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
