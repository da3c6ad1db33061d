/**
 * Erasure on request for one complainant (PIPL Art. 47, GDPR Art. 17;
 * docs/AUDIT.md, "Erasure"): for each of their cases not under legal hold,
 * the personal data of every audit event and the recipient of every email are
 * deleted, its files and raw inbound messages are deleted from storage, then
 * one `personal-data.erased` event (recording how many) pseudonymises the case
 * (`planErasure`). The hash chain still verifies: it covers salted digests,
 * never the data itself. Plain domain code: the store comes through ports,
 * time through `now`.
 */
import type { Actor } from './auditTrail';
import type { CaseMutation, CaseObjectsDeleted, ComplaintCase } from './complaintCase';
import { VersionConflictError } from './errors';
import { planErasure } from './recordsManagement';

/** How often the case may move on under the erasure (a note, a workflow step) before the request fails and is retried by its sender. */
export const ERASURE_ATTEMPTS = 5;

export interface ErasurePorts {
  getCase(caseId: string): Promise<ComplaintCase | undefined>;
  /** Whether the estate as a whole is under legal hold. */
  estateHeld(estateId: string): Promise<boolean>;
  /** Removes the personal data of the case's events up to `throughSeq` (their digests, and so their hashes, stay). */
  stripEventPersonalData(caseId: string, throughSeq: number): Promise<unknown>;
  /** Forgets who the case's emails went to, and the bodies of those not yet sent. */
  redactNotificationRecipients(caseId: string): Promise<void>;
  /** Appends the mutation's event, guarded by the case's version (VersionConflictError when it moved on). */
  applyMutation(mutation: CaseMutation): Promise<unknown>;
  /** Deletes the case's files, unclaimed uploads and raw inbound messages from storage; how many of each went. */
  deleteCaseObjects(caseId: string): Promise<CaseObjectsDeleted>;
}

export type ErasureOutcome = { caseId: string; reference: string; outcome: 'erased' | 'already-erased' | 'legal-hold' | 'purged'; eventSeq?: number };

export interface ErasureRequest {
  caseIds: readonly string[];
  /** The request's own reference (ticket, legal basis), recorded in the audit event. */
  reference: string;
}

export interface ErasureContext {
  now: () => string;
  requestId: string;
  actor: Actor;
}

/** Erases each case in turn; a case already erased has any personal data added since stripped again. */
export async function eraseComplainantData(request: ErasureRequest, ports: ErasurePorts, context: ErasureContext): Promise<{ cases: ErasureOutcome[]; notFound: string[] }> {
  const holds = new Map<string, boolean>();
  const estateHeld = async (estateId: string) => {
    if (!holds.has(estateId)) holds.set(estateId, await ports.estateHeld(estateId));
    return holds.get(estateId)!;
  };
  const cases: ErasureOutcome[] = [];
  const notFound: string[] = [];
  for (const caseId of new Set(request.caseIds)) {
    const current = await ports.getCase(caseId);
    if (!current) {
      notFound.push(caseId);
      continue;
    }
    const base = { caseId, reference: current.reference };
    if (current.purge) cases.push({ ...base, outcome: 'purged' });
    else if (current.legalHold || (await estateHeld(current.estateId))) cases.push({ ...base, outcome: 'legal-hold' });
    else if (current.erasure) {
      await ports.stripEventPersonalData(caseId, current.eventSeq);
      // Files that arrived after the erasure (a late reply) go too.
      await ports.deleteCaseObjects(caseId);
      cases.push({ ...base, outcome: 'already-erased' });
    } else {
      cases.push({ ...base, outcome: 'erased', eventSeq: await eraseCase(current, request.reference, ports, context) });
    }
  }
  return { cases, notFound };
}

/**
 * Events first, the case last: a retry after a failure finds the case still unerased and does it all again. The
 * erasure event is appended on the case's current version, reloading it when a step or a person moved it on.
 */
async function eraseCase(loaded: ComplaintCase, reference: string, ports: ErasurePorts, context: ErasureContext): Promise<number> {
  await ports.stripEventPersonalData(loaded.caseId, loaded.eventSeq);
  await ports.redactNotificationRecipients(loaded.caseId);
  // Photos, documents and raw emails are the complainant's personal data too; deleted before the event records how many.
  const objectsDeleted = await ports.deleteCaseObjects(loaded.caseId);
  let current = loaded;
  for (let attempt = 1; ; attempt += 1) {
    const mutation = planErasure(current, reference, { now: context.now(), requestId: context.requestId, actor: context.actor }, objectsDeleted);
    try {
      await ports.applyMutation(mutation);
      // Events appended meanwhile (a note, a reply) may carry personal data sealed with the old salt.
      await ports.stripEventPersonalData(loaded.caseId, mutation.event.seq - 1);
      return mutation.event.seq;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= ERASURE_ATTEMPTS) throw error;
      const reloaded = await ports.getCase(loaded.caseId);
      if (!reloaded) throw error;
      current = reloaded;
    }
  }
}
