/**
 * The evidence pack of one case (docs/AUDIT.md, "Evidence pack"): the case,
 * its timeline with the result of verifying its chain, the deadline
 * calculation (calendar, pauses, extensions), the emails, and the chain proof
 * up to the estate ledger. Plain domain code: what it reads comes through
 * ports, time comes in as an argument.
 *
 * The anchor proof is bounded: every anchor records the heads of every case
 * the estate had then, and a case never leaves the estate index, so the
 * newest anchor sealed after the case was received is the only one worth
 * reading; if it did not record the case, no older anchor did. Within that
 * anchor the store finds the case's chunk by its position in the estate
 * index (functions/store/recordsStore.ts, `anchoredHead`), so the cost does
 * not grow with the number of anchors or of cases.
 */
import type { AuditEvent } from './auditTrail';
import { GENESIS_HASH } from './auditTrail';
import type { VerificationProblem } from './auditVerification';
import type { ComplaintCase } from './complaintCase';
import { type CalendarDate, localDate, nextDay } from './deadlines';
import { type Estate, holidayCalendarOf } from './estate';
import { type ChainHead, checkAnchorPublication, type LedgerEntry, type PublicationCheck, type PublishedAnchorReader, publishedAnchorKey, verifyLedger } from './estateLedger';
import { RETENTION_RULES, retentionEndsAt } from './retention';
import { dayKind } from './workingCalendar';

const iso = (d: CalendarDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
/** A deadline is at most a few months after receipt; the walk stops after this many days whatever the data says. */
const MAX_CALENDAR_DAYS = 400;

/** The calendar between receipt and the current deadline: each day that did not count, and why. */
export function deadlineCalculation(complaintCase: ComplaintCase, estate: Pick<Estate, 'jurisdiction' | 'holidayCalendar' | 'timeZone'> | undefined) {
  const base = {
    receivedAt: complaintCase.receivedAt,
    responseDueBy: complaintCase.responseDueBy,
    ...(complaintCase.acknowledgedAt ? { acknowledgedAt: complaintCase.acknowledgedAt } : {}),
    ...(complaintCase.closedAt ? { closedAt: complaintCase.closedAt } : {}),
    /** Policy, stage, clock pauses, extensions and a manager-set deadline, as the lifecycle recorded them. */
    clock: complaintCase.deadline ?? null,
  };
  if (!estate) return base;
  const nonWorkingDays: { date: string; kind: string }[] = [];
  let day = localDate(new Date(complaintCase.receivedAt), estate.timeZone);
  const last = iso(localDate(new Date(complaintCase.responseDueBy), estate.timeZone));
  for (let i = 0; i < MAX_CALENDAR_DAYS && iso(day) <= last; i += 1, day = nextDay(day)) {
    const kind = dayKind(day, holidayCalendarOf(estate));
    if (kind === 'weekend' || kind === 'public-holiday') nonWorkingDays.push({ date: iso(day), kind });
  }
  return {
    ...base,
    calendar: { jurisdiction: estate.jurisdiction, holidayCalendar: holidayCalendarOf(estate), timeZone: estate.timeZone, rule: 'working days, counted from the day after receipt, ending 23:59:59.999 local time (docs/DEADLINES.md)' },
    nonWorkingDays,
  };
}

/**
 * The one anchor that can prove the case: the newest anchor of the ledger, if it was sealed after the case was
 * received (an anchor records every case the estate index held when it ran). `undefined`: the case was received
 * after the newest anchor (or there is none), and no anchor needs reading.
 */
export function newestAnchorCovering(ledger: readonly LedgerEntry[], complaintCase: Pick<ComplaintCase, 'receivedAt'>): LedgerEntry | undefined {
  for (let i = ledger.length - 1; i >= 0; i -= 1) {
    const entry = ledger[i]!;
    if (entry.action !== 'anchor') continue;
    return entry.at >= complaintCase.receivedAt ? entry : undefined;
  }
  return undefined;
}

export interface AnchorProofPorts {
  /**
   * The head one anchor recorded for the case, with its 1-based position among the anchor's heads; `undefined` if the
   * anchor did not record it. Bounded by the store (a locator read and one chunk), whatever the anchor's size.
   */
  anchoredHead(anchor: LedgerEntry, complaintCase: Pick<ComplaintCase, 'caseId' | 'receivedAt'>): Promise<{ head: ChainHead; position: number } | undefined>;
  publishedAnchors: PublishedAnchorReader;
}

export interface AnchorProof {
  ledgerSeq: number;
  anchoredAt: string;
  head: ChainHead;
  positionInAnchor: number;
  headsDigest: unknown;
  caseCount: unknown;
  /** The anchored head is still in the case's chain (`purged`: the events up to it were purged, the tombstone carries its hash). */
  headStillInChain: boolean | 'purged';
  published: { key: string } & PublicationCheck;
  ledgerFromAnchor: Pick<LedgerEntry, 'seq' | 'at' | 'action' | 'prevHash' | 'hash'>[];
}

/** The newest anchor that recorded the case, checked against the case's chain and the anchor's published copy, and the ledger from it to the head. */
export async function anchorProofFor(complaintCase: ComplaintCase, events: readonly AuditEvent[], ledger: readonly LedgerEntry[], ports: AnchorProofPorts): Promise<AnchorProof | null> {
  const anchor = newestAnchorCovering(ledger, complaintCase);
  if (!anchor) return null;
  const found = await ports.anchoredHead(anchor, complaintCase);
  if (!found) return null;
  const { head, position } = found;
  const inChain = head.seq === complaintCase.purge?.purgedThroughSeq ? complaintCase.purge.purgedThroughHash : events.find((e) => e.seq === head.seq)?.hash;
  // The anchor's copy outside the table: if it agrees, the ledger up to this anchor was not rewritten.
  const publication = await checkAnchorPublication(anchor, ports.publishedAnchors);
  return {
    ledgerSeq: anchor.seq,
    anchoredAt: anchor.at,
    head,
    positionInAnchor: position,
    headsDigest: anchor.details.headsDigest,
    caseCount: anchor.details.caseCount,
    headStillInChain: inChain === undefined ? 'purged' : inChain === head.hash,
    published: { key: publishedAnchorKey(anchor.estateId, anchor.seq), ...publication },
    ledgerFromAnchor: ledger.filter((l) => l.seq >= anchor.seq).map((l) => ({ seq: l.seq, at: l.at, action: l.action, prevHash: l.prevHash, hash: l.hash })),
  };
}

/** The pack's verdict: the chain verifies, the ledger is intact, and the anchor proof (if any) holds and matches its published copy. */
export function evidenceVerdict(problems: readonly VerificationProblem[], ledgerIntact: boolean, anchorProof: AnchorProof | null): boolean {
  const anchorHolds = anchorProof === null || (anchorProof.headStillInChain !== false && anchorProof.published.status === 'matches');
  return problems.length === 0 && ledgerIntact && anchorHolds;
}

export interface EvidencePackInput {
  complaintCase: ComplaintCase;
  estate: Estate | undefined;
  events: AuditEvent[];
  notifications: Record<string, unknown>[];
  ledger: readonly LedgerEntry[];
  problems: VerificationProblem[];
  anchorProof: AnchorProof | null;
  generatedBy: { userId: string; role: string };
  now: string;
  /** Where the case's raw inbound emails are (inbound-mail bucket keys), as indexed when each was filed. */
  rawMessages?: readonly { name: string; objectKey: string; disposition: string; filedAt: string }[];
}

/** The pack as downloaded. The ledger is verified once, here. */
export function evidencePack(input: EvidencePackInput) {
  const { complaintCase, estate, events, anchorProof, problems } = input;
  const { personalDataSalt: _salt, trackingTokenHashes: _tokens, ...caseRecord } = complaintCase;
  const ledgerIntact = verifyLedger(input.ledger) === undefined;
  const retentionEnd = estate ? retentionEndsAt(complaintCase, estate.jurisdiction) : undefined;
  return {
    kind: 'evidence-pack',
    formatVersion: 1,
    generatedAt: input.now,
    generatedBy: input.generatedBy,
    case: caseRecord,
    estate: estate ? { estateId: estate.estateId, names: estate.names, jurisdiction: estate.jurisdiction, timeZone: estate.timeZone } : { estateId: complaintCase.estateId },
    timeline: events,
    verification: {
      ok: evidenceVerdict(problems, ledgerIntact, anchorProof),
      problems,
      chainStartsAt: complaintCase.purge ? { seq: complaintCase.purge.purgedThroughSeq, hash: complaintCase.purge.purgedThroughHash, reason: 'earlier events purged at the end of retention' } : { seq: 0, hash: GENESIS_HASH },
      head: { seq: complaintCase.eventSeq, hash: complaintCase.headHash },
      ledgerIntact,
    },
    deadlines: deadlineCalculation(complaintCase, estate),
    emails: input.notifications,
    inboundMessages: input.rawMessages ?? [],
    chainProof: {
      scheme: 'SHA-256 over canonical JSON of each event (personal data as a salted digest), each covering the previous hash; estate anchors chain the case heads daily (docs/AUDIT.md)',
      events: events.map((e) => ({ seq: e.seq, at: e.at, action: e.action, prevHash: e.prevHash, hash: e.hash })),
      anchor: anchorProof,
    },
    retention: estate ? { rule: RETENTION_RULES[estate.jurisdiction], endsAt: retentionEnd ?? null, legalHold: complaintCase.legalHold ?? null } : null,
  };
}
