/**
 * The mail desk (docs/EMAIL_INTAKE.md, "The mail desk"): inbound email set aside for staff.
 *
 * - `GET /api/v1/estates/{estateId}/set-aside-mail`: the estate's messages waiting (`mail.handleSetAside`:
 *   its CS lead, manager, HQ); `GET /api/v1/set-aside-mail`: those sent to no known estate
 *   (`mail.handleUnaddressed`: HQ).
 * - `POST …/set-aside-mail/{messageId}` `{action: file | attach | refuse}`: file it as a complaint (on the
 *   desk's estate, or the one named), add it to a case as the resident's reply, or refuse it (with the
 *   refusal notice where that is safe). The target estate or case must be one the caller may handle mail
 *   for. The step is a mail-desk ledger entry; the raw message then moves out of `set-aside/` to
 *   `handled/complaint|reply/<case>/` (found by the case's erasure) or `handled/refused/`.
 */
import type { Actor } from '../domain/auditTrail';
import { estateIdSchema } from '../domain/estateIdSchema';
import { attachTarget, handledKey, type MailDeskDecision, type MailDeskDraft, mailDeskDecisionSchema, type SetAsideMessage, UNADDRESSED_DESK } from '../domain/inboundMail/mailDesk';
import { proposeLanguage } from '../domain/inboundMail/proposeLanguage';
import { takeSetAsideMessage } from '../domain/inboundMail/receiveInboundEmail';
import type { StaffIdentity } from '../domain/access/identity';
import { authorize } from '../domain/access/policy';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { platformNow } from '../platform/clock';
import { inboundMailBucket, readConfig } from '../platform/config';
import { HttpError, type HttpEvent, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { logger } from '../platform/logger';
import { inboundDependencies, indexRawMessage, mailDesk, queueRefusalNotice, readInboundMessage } from '../platform/mailDesk';
import { moveObject } from '../platform/mailStorage';
import { earliestCaseMonth, listCases } from '../store/caseListing';
import { MailDeskConflictError } from '../store/mailDeskStore';

const MESSAGE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The desk the path names, after the policy allowed the caller to it. */
function deskOf(event: HttpEvent, identity: StaffIdentity): string {
  const estateParam = event.pathParameters?.estateId;
  if (estateParam === undefined) {
    requirePermission(identity, 'mail.handleUnaddressed');
    return UNADDRESSED_DESK;
  }
  const parsed = estateIdSchema.safeParse(estateParam);
  if (!parsed.success) throw new HttpError(404, 'not_found', 'not found');
  requirePermission(identity, 'mail.handleSetAside', { estateId: parsed.data });
  return parsed.data;
}

/** A reply's case is shown (and proposed for adding it to) by its reference, as staff know it. */
async function listed(message: SetAsideMessage) {
  const { messageId, reason, receivedAt, maskedSender, senderDigest, subject, noticeAllowed, caseId } = message;
  const reference = caseId ? (await getCaseStore().getCase(caseId))?.reference : undefined;
  return { messageId, reason, receivedAt, maskedSender, senderDigest, subject, noticeAllowed, ...(caseId ? { caseId } : {}), ...(reference ? { caseReference: reference } : {}) };
}

export const handler = httpEndpoint('setAsideMail', async (event, context) => {
  const identity = requireStaff(event);
  const desk = deskOf(event, identity);
  const messageId = event.pathParameters?.messageId;
  if (messageId === undefined) {
    const messages = await mailDesk().list(desk);
    return json(200, { desk, messages: await Promise.all(messages.map(listed)) }, { 'cache-control': 'no-store' });
  }
  const decision = parseJsonBody(event, mailDeskDecisionSchema);
  if (!MESSAGE_ID.test(messageId)) throw new HttpError(404, 'not_found', 'not found');
  const entry = await mailDesk().get(desk, messageId);
  if (!entry) throw new HttpError(404, 'not_found', 'no such message waiting on this desk (handled already?)');
  const requestId = event.requestContext?.requestId ?? context.awsRequestId;
  const actor: Actor = { type: 'staff', id: identity.userId, role: identity.role };
  const ledgerEntry = (outcome: Outcome): MailDeskDraft => ({
    at: platformNow().toISOString(),
    actor,
    action: outcome.action,
    requestId,
    desk,
    messageId,
    before: { objectKey: entry.objectKey, reason: entry.reason },
    after: outcome.after,
  });
  let outcome: Outcome;
  try {
    outcome = await decide(entry, decision, identity, actor, requestId, ledgerEntry);
    // An addition to a case took the message off its desk in its own transaction; the rest settle it here.
    if (!outcome.settled) await mailDesk().settle(entry, ledgerEntry(outcome));
  } catch (error) {
    if (error instanceof MailDeskConflictError) throw new HttpError(409, 'already_handled', 'someone handled this message meanwhile; reload the list');
    throw error;
  }
  return afterSettling(entry, outcome, requestId);
});

async function afterSettling(entry: SetAsideMessage, outcome: Outcome, requestId: string) {
  const { messageId } = entry;
  if (outcome.after.caseId) await indexRawMessage(outcome.after.caseId, messageId, outcome.after.objectKey, outcome.action === 'inbound-mail.filed-as-complaint' ? 'complaint' : 'reply');
  try {
    await moveObject(inboundMailBucket(), entry.objectKey, outcome.after.objectKey);
  } catch (error) {
    // Handled and recorded; the raw message stays under set-aside/ (never lost) until its lifecycle rule.
    logger.warn('set-aside message not moved', { messageId, errorName: (error as Error).name, requestId });
  }
  return json(200, { messageId, ...outcome.after, action: outcome.action });
}

/**
 * The case an `attach` decision names, by its reference or its id, among the estates the caller handles mail for:
 * a case of an estate they do not serve is as unknown as one that does not exist (422 on the field they gave).
 */
async function caseToAttachTo(decision: Extract<MailDeskDecision, { action: 'attach' }>, identity: StaffIdentity): Promise<string> {
  const named = attachTarget(decision);
  if ('problem' in named) throw new HttpError(422, 'validation_failed', 'name the case to add it to', named.problem);
  const field = 'reference' in named ? 'reference' : 'caseId';
  const unknown = () => new HttpError(422, 'validation_failed', 'no such case', { [field]: 'reference' in named ? 'no case with this reference on the estates you serve' : 'no such case' });
  const candidates = 'reference' in named ? await caseIdsWithReference(named.reference) : [named.caseId];
  for (const caseId of candidates) {
    const found = await getCaseStore().getCase(caseId);
    // Consistent read: the index may lag a change of reference or a purge.
    if (!found || found.purge || ('reference' in named && found.reference !== named.reference)) continue;
    if (authorize(identity, 'mail.handleSetAside', { estateId: found.estateId }).allowed) return found.caseId;
  }
  throw unknown();
}

/** The cases with a reference, found as the staff search finds them (the reference index, through caseListing). */
async function caseIdsWithReference(reference: string): Promise<string[]> {
  const page = await listCases(getDocumentClient(), readConfig().tableName, {
    scope: 'all',
    filters: { lookup: { by: 'reference', reference } },
    now: platformNow().toISOString(),
    limit: 10,
    earliestMonth: earliestCaseMonth(),
  });
  return page.cases.map((found) => found.caseId);
}

type Outcome = {
  action: 'inbound-mail.filed-as-complaint' | 'inbound-mail.attached-to-case' | 'inbound-mail.refused';
  after: { objectKey: string; caseId?: string; notice?: boolean; filesLeftOut?: number };
  /** Already taken off the desk with its ledger entry (in the addition's transaction). */
  settled?: boolean;
};

async function decide(entry: SetAsideMessage, decision: MailDeskDecision, identity: StaffIdentity, actor: Actor, requestId: string, ledgerEntry: (outcome: Outcome) => MailDeskDraft): Promise<Outcome> {
  const bucket = inboundMailBucket();
  const deps = inboundDependencies();
  if (decision.action === 'refuse') {
    if (decision.notify && !entry.noticeAllowed) {
      throw new HttpError(422, 'validation_failed', 'no notice may go to this sender', { notify: `a ${entry.reason} message is not answered (forged, infected, flooding or without a sender)` });
    }
    let notice = false;
    if (decision.notify) {
      const message = await readInboundMessage(bucket, entry.objectKey);
      if (message.from?.address) {
        // Same partition and key as the notice sent at receipt: the sender gets one notice, whoever queued it.
        await queueRefusalNotice(deps.store, message.messageId ?? `incoming/${entry.messageId}`, message.from.address, entry.reason, proposeLanguage(`${message.subject}\n${message.text}`));
        notice = true;
      }
    }
    return { action: 'inbound-mail.refused', after: { objectKey: handledKey(entry.messageId, { kind: 'refused' }), notice } };
  }

  let target: { kind: 'complaint'; estateId: string } | { kind: 'reply'; caseId: string };
  if (decision.action === 'file') {
    const estateId = decision.estateId ?? (entry.desk === UNADDRESSED_DESK ? undefined : entry.desk);
    if (!estateId) throw new HttpError(422, 'validation_failed', 'name the estate to file it on', { estateId: 'required for mail sent to no known estate' });
    requirePermission(identity, 'mail.handleSetAside', { estateId });
    if (!(await getCaseStore().getEstate(estateId))) throw new HttpError(422, 'validation_failed', 'no such estate', { estateId: 'no such estate' });
    target = { kind: 'complaint', estateId };
  } else {
    target = { kind: 'reply', caseId: await caseToAttachTo(decision, identity) };
  }
  const message = await readInboundMessage(bucket, entry.objectKey);
  const attached = (taken: { caseId: string; filesLeftOut: number }): Outcome => ({
    action: 'inbound-mail.attached-to-case',
    after: { objectKey: handledKey(entry.messageId, { kind: 'reply', caseId: taken.caseId }), caseId: taken.caseId, filesLeftOut: taken.filesLeftOut },
  });
  const taken = await takeSetAsideMessage(message, target, actor, requestId, deps, (reply) => ({ desk: entry.desk, messageId: entry.messageId, entry: ledgerEntry(attached(reply)) }));
  if (!taken.taken) {
    const why = { 'no-sender': 'the message has no sender address to answer', 'unknown-estate': 'no such estate', unreadable: 'no complaint could be read in it', 'no-case': 'no such case' }[taken.reason];
    throw new HttpError(409, 'cannot_take', why);
  }
  if (taken.kind === 'reply') return { ...attached(taken), settled: taken.settled };
  return {
    action: 'inbound-mail.filed-as-complaint',
    after: { objectKey: handledKey(entry.messageId, { kind: 'complaint', caseId: taken.caseId }), caseId: taken.caseId, filesLeftOut: taken.filesLeftOut },
  };
}
