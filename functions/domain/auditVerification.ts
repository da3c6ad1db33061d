/**
 * Verification of the live store (`GET /api/v1/audit/verify`, the evidence
 * pack): each case chain from its first event (or from its retention
 * tombstone), the case item's recorded head, the estate ledger, and the
 * latest anchor: its digest is recomputed from the heads it recorded, and
 * every anchored head of a checked case must still be in that case's chain;
 * and the anchors of the period (and that latest one) against their copies
 * published outside the table.
 */
import type { AuditEvent } from './auditTrail';
import { GENESIS_HASH, verifyCaseChain } from './auditTrail';
import type { ComplaintCase } from './complaintCase';
import { type MailDeskEntry, verifyMailDesk } from './inboundMail/mailDesk';
import { type ChainHead, checkAnchorPublication, HeadsDigest, type LedgerEntry, type PublishedAnchorReader, verifyLedger } from './estateLedger';

export interface VerificationProblem {
  caseId?: string;
  seq?: number;
  ledgerSeq?: number;
  /** An entry of the mail-desk ledger (inbound mail set aside and what staff decided: docs/EMAIL_INTAKE.md). */
  mailDeskSeq?: number;
  problem: string;
  detail: string;
}

export interface VerificationPorts {
  estateEvents(estateId: string, from: string, to: string): AsyncIterable<AuditEvent>;
  getCase(caseId: string): Promise<ComplaintCase | undefined>;
  listEvents(caseId: string): Promise<AuditEvent[]>;
  ledger(estateId: string): Promise<LedgerEntry[]>;
  anchorHeads(estateId: string, anchorSeq: number, chunkCount: number): AsyncIterable<ChainHead>;
  /** The anchors published outside the table; without it, publication is not checked. */
  publishedAnchors?: PublishedAnchorReader;
  /** The whole mail-desk ledger (one chain for every desk); without it, that ledger is not checked. */
  mailDeskLedger?(): Promise<MailDeskEntry[]>;
}

/** Checks one stored case: its chain (from the tombstone if purged) and that the case item records the chain's real head. */
export function verifyStoredCase(complaintCase: ComplaintCase, events: readonly AuditEvent[]): VerificationProblem[] {
  const problems: VerificationProblem[] = [];
  const start = complaintCase.purge ? { seq: complaintCase.purge.purgedThroughSeq, hash: complaintCase.purge.purgedThroughHash } : { seq: 0, hash: GENESIS_HASH };
  const broken = verifyCaseChain(events, complaintCase.personalDataSalt, start);
  if (broken) problems.push({ caseId: complaintCase.caseId, seq: broken.seq, problem: broken.problem, detail: describe(broken.problem, broken.seq) });
  const last = events.at(-1);
  if (!last || last.seq !== complaintCase.eventSeq || last.hash !== complaintCase.headHash) {
    problems.push({
      caseId: complaintCase.caseId,
      seq: last?.seq ?? 0,
      problem: 'head-mismatch',
      detail: `the case records head seq ${complaintCase.eventSeq} but its newest stored event is seq ${last?.seq ?? 'none'} (events removed, or the case item altered)`,
    });
  }
  return problems;
}

function describe(problem: string, seq: number): string {
  switch (problem) {
    case 'hash-mismatch':
      return `event ${seq} does not match its hash (changed)`;
    case 'broken-link':
      return `event ${seq} does not follow the hash of the event before it (an event removed or inserted)`;
    case 'out-of-order':
      return `event ${seq} is not the next in sequence (an event removed, inserted or reordered)`;
    case 'personal-data-altered':
      return `the personal data of event ${seq} does not match its digest`;
    default:
      return problem;
  }
}

export interface EstateVerification {
  estateId: string;
  from: string;
  to: string;
  ok: boolean;
  /** False when the time budget ran out; `checkedCases` then lists how far it got. */
  complete: boolean;
  cases: number;
  events: number;
  ledgerEntries: number;
  anchor?: { seq: number; at: string; caseCount: number; digestMatches: boolean; headsChecked: number; headsPurged: number };
  /** The ledger's anchors taken in the period, and the latest before its end, compared with their published copies. */
  publishedAnchors?: { checked: number; missing: number; differing: number };
  /** The mail-desk ledger, verified whole (its one chain runs through every desk): its entries, and those of this estate's desk. */
  mailDesk?: { entries: number; entriesOfEstate: number };
  problems: VerificationProblem[];
}

/** Verifies the cases of an estate that have events in [from, to), its ledger and its latest anchor before `to`. */
export async function verifyEstate(estateId: string, from: string, to: string, ports: VerificationPorts, budget: { outOfTime: () => boolean } = { outOfTime: () => false }): Promise<EstateVerification> {
  const problems: VerificationProblem[] = [];
  const ledger = await ports.ledger(estateId);
  const ledgerProblem = verifyLedger(ledger);
  if (ledgerProblem) problems.push({ ledgerSeq: ledgerProblem.seq, problem: `ledger-${ledgerProblem.problem}`, detail: `estate ledger entry ${ledgerProblem.seq}: ${ledgerProblem.problem}` });
  let mailDesk: EstateVerification['mailDesk'];
  if (ports.mailDeskLedger) {
    const entries = await ports.mailDeskLedger();
    const broken = verifyMailDesk(entries);
    if (broken) problems.push({ mailDeskSeq: broken.seq, problem: `mail-desk-${broken.problem}`, detail: `mail-desk ledger entry ${broken.seq}: ${broken.problem}` });
    mailDesk = { entries: entries.length, entriesOfEstate: entries.filter((entry) => entry.desk === estateId).length };
  }

  // The newest anchor taken before the end of the period: its heads are what the checked cases must still contain.
  const anchorEntry = [...ledger].reverse().find((entry) => entry.action === 'anchor' && entry.at < to);
  const anchored = new Map<string, ChainHead>();
  let digestMatches = true;
  if (anchorEntry) {
    const digest = new HeadsDigest();
    for await (const head of ports.anchorHeads(estateId, anchorEntry.seq, Number(anchorEntry.details.chunkCount))) {
      digest.add(head);
      anchored.set(head.caseId, head);
    }
    digestMatches = digest.digest() === anchorEntry.details.headsDigest && digest.count === anchorEntry.details.caseCount;
    if (!digestMatches) problems.push({ ledgerSeq: anchorEntry.seq, problem: 'anchor-digest-mismatch', detail: `the heads stored for anchor ${anchorEntry.seq} do not match its digest` });
  }

  // Anchors published outside the table: a ledger rewritten with its anchors no longer matches them.
  let publishedAnchors: EstateVerification['publishedAnchors'];
  let complete = true;
  if (ports.publishedAnchors) {
    publishedAnchors = { checked: 0, missing: 0, differing: 0 };
    const toCheck = ledger.filter((entry) => entry.action === 'anchor' && ((entry.at >= from && entry.at < to) || entry === anchorEntry));
    for (const entry of toCheck) {
      if (budget.outOfTime()) {
        complete = false;
        break;
      }
      const check = await checkAnchorPublication(entry, ports.publishedAnchors);
      publishedAnchors.checked += 1;
      if (check.status === 'missing') {
        publishedAnchors.missing += 1;
        problems.push({ ledgerSeq: entry.seq, problem: 'anchor-not-published', detail: `anchor ${entry.seq} (${entry.at}) has no published copy outside the table (publication pending or removed)` });
      } else if (check.status === 'differs') {
        publishedAnchors.differing += 1;
        problems.push({ ledgerSeq: entry.seq, problem: 'anchor-publication-mismatch', detail: `anchor ${entry.seq} differs from its published copy in ${check.differences.join(', ')}: the ledger or the copy was changed` });
      }
    }
  }

  const caseIds = new Set<string>();
  for await (const event of ports.estateEvents(estateId, from, to)) {
    caseIds.add(event.caseId);
    // The cases found so far are verified and the answer says it is not complete (a shorter period finishes it).
    if (budget.outOfTime()) {
      complete = false;
      break;
    }
  }

  let events = 0;
  let cases = 0;
  let headsChecked = 0;
  let headsPurged = 0;
  for (const caseId of caseIds) {
    if (budget.outOfTime()) {
      complete = false;
      break;
    }
    const [complaintCase, caseEvents] = await Promise.all([ports.getCase(caseId), ports.listEvents(caseId)]);
    cases += 1;
    events += caseEvents.length;
    if (!complaintCase) {
      problems.push({ caseId, problem: 'case-missing', detail: 'the case has audit events but no case item' });
      continue;
    }
    problems.push(...verifyStoredCase(complaintCase, caseEvents));
    const head = anchored.get(caseId);
    if (head) {
      if (complaintCase.purge && head.seq < complaintCase.purge.purgedThroughSeq) {
        headsPurged += 1;
      } else {
        headsChecked += 1;
        const at = head.seq === complaintCase.purge?.purgedThroughSeq ? { seq: head.seq, hash: complaintCase.purge.purgedThroughHash } : caseEvents.find((e) => e.seq === head.seq);
        if (!at || at.hash !== head.hash) {
          problems.push({ caseId, seq: head.seq, ...(anchorEntry ? { ledgerSeq: anchorEntry.seq } : {}), problem: 'anchor-mismatch', detail: `anchor ${anchorEntry?.seq} recorded seq ${head.seq} with another hash: the chain was rewritten after it was anchored` });
        }
      }
    }
  }
  return {
    estateId,
    from,
    to,
    ok: problems.length === 0,
    complete,
    cases,
    events,
    ledgerEntries: ledger.length,
    ...(anchorEntry
      ? { anchor: { seq: anchorEntry.seq, at: anchorEntry.at, caseCount: Number(anchorEntry.details.caseCount), digestMatches, headsChecked, headsPurged } }
      : {}),
    ...(publishedAnchors ? { publishedAnchors } : {}),
    ...(mailDesk ? { mailDesk } : {}),
    problems,
  };
}
