/**
 * What a complainant adds to their case after filing — new text and files,
 * by email reply or on the tracking page — recorded on the case as one audit
 * event each (the text and file names are personal data: digested in the
 * chain, erasable), and shown to staff as new information.
 */
import type { Actor } from './auditTrail';
import type { CaseStore, MutationOptions } from './caseStore';
import { caseFileKey, type CaseFileStorage, type InspectedFile } from './caseFiles';
import { type CaseFile, type ComplaintCase, planMutation, type ResidentAddition } from './complaintCase';
import { VersionConflictError } from './errors';

export type CheckedFile = Extract<InspectedFile, { accepted: true }> & { name: string };

const SYSTEM: Actor = { type: 'system', id: 'receiveInboundEmail' };

/**
 * Stores the files and records them on the case, with the resident's new text when there is one, as one audit event.
 * Idempotent: files already on the case and an addition already recorded (same source) are not added again.
 * Returns how many files are on the case from this call, or undefined when the case does not exist.
 */
export async function attachFiles(
  caseId: string,
  files: readonly CheckedFile[],
  source: CaseFile['source'],
  requestId: string,
  deps: { store: CaseStore; files: CaseFileStorage; now: () => Date },
  addition: { text: string; sourceDigest: string; actor?: Actor } | undefined,
): Promise<number | undefined> {
  return (await attachFilesWith(caseId, files, source, requestId, deps, addition, {}))?.files;
}

/**
 * attachFiles, with more writes in the change's transaction (`options`: a set-aside message taken off its desk).
 * `stored` says whether this call changed the case (and so made those writes): false when the addition was
 * already recorded or there was nothing to add.
 */
export async function attachFilesWith(
  caseId: string,
  files: readonly CheckedFile[],
  source: CaseFile['source'],
  requestId: string,
  deps: { store: CaseStore; files: CaseFileStorage; now: () => Date },
  addition: { text: string; sourceDigest: string; actor?: Actor } | undefined,
  options: MutationOptions,
): Promise<{ files: number; stored: boolean } | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await deps.store.getCase(caseId);
    if (!current || current.purge) return undefined;
    if (addition && current.residentAdditions?.some((a) => a.sourceDigest === addition.sourceDigest)) return { files: files.length, stored: false };
    const now = deps.now().toISOString();
    const known = new Set((current.files ?? []).map((f) => f.fileId));
    const newFiles: CaseFile[] = [];
    for (const file of files) {
      if (known.has(file.fileId)) continue;
      const objectKey = caseFileKey(caseId, file.fileId, file.extension);
      // Stored before the case records it: a failure leaves at worst an object no case names, overwritten by the retry.
      await deps.files.put(objectKey, file.content, file.contentType);
      newFiles.push({ fileId: file.fileId, name: file.name.slice(0, 200), contentType: file.contentType, size: file.content.byteLength, source, addedAt: now, objectKey });
      known.add(file.fileId);
    }
    if (!addition && newFiles.length === 0) return { files: files.length, stored: false };
    const patch: Partial<ComplaintCase> = {};
    if (newFiles.length > 0) patch.files = [...(current.files ?? []), ...newFiles];
    if (addition) {
      const entry: ResidentAddition = {
        additionId: `${current.eventSeq + 1}`,
        at: now,
        source: source === 'email' ? 'email' : 'tracking-page',
        text: addition.text,
        fileIds: files.map((f) => f.fileId),
        sourceDigest: addition.sourceDigest,
      };
      patch.residentAdditions = [...(current.residentAdditions ?? []), entry];
    }
    const mutation = planMutation(current, patch, {
      now,
      requestId,
      actor: addition?.actor ?? (source === 'email' ? SYSTEM : { type: 'resident' }),
      action: addition ? `resident.information-added:${source}` : 'case.files-attached',
      public: { kind: addition ? 'resident-added' : 'files-added', params: { files: files.length } },
    });
    try {
      await deps.store.applyMutation(mutation, options);
      return { files: files.length, stored: true };
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 10) continue;
      throw error;
    }
  }
}
