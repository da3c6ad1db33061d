/**
 * `GET /api/v1/cases/{id}/evidence` — the evidence pack for one case, one JSON
 * download for compliance: the case, its full timeline with the result of
 * verifying its chain, the deadline calculation (calendar, pauses,
 * extensions), the emails sent, and the chain proof up to the estate ledger
 * (docs/AUDIT.md, "Evidence pack"). The body's SHA-256 is in `x-content-sha256`.
 */
import { createHash } from 'node:crypto';
import { verifyStoredCase } from '../domain/auditVerification';
import { GENESIS_HASH } from '../domain/auditTrail';
import { type CalendarDate, localDate, nextDay } from '../domain/deadlines';
import { checkAnchorPublication, publishedAnchorKey, verifyLedger } from '../domain/estateLedger';
import { RETENTION_RULES, retentionEndsAt } from '../domain/retention';
import { dayKind } from '../domain/workingCalendar';
import type { Estate } from '../domain/estate';
import type { ComplaintCase } from '../domain/complaintCase';
import { publishedAnchors } from '../platform/anchorPublication';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { HttpError, httpEndpoint, json } from '../platform/http';
import { RecordsStore } from '../store/recordsStore';
import { CASE_ID_PATTERN } from '../domain/complaintCase';
import { platformNow } from '../platform/clock';

const iso = (d: CalendarDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** The calendar between receipt and the current deadline: each day that did not count, and why. */
function deadlineCalculation(complaintCase: ComplaintCase, estate: Estate | undefined) {
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
  for (let i = 0; i < 400 && iso(day) <= last; i += 1, day = nextDay(day)) {
    const kind = dayKind(day, estate.jurisdiction);
    if (kind === 'weekend' || kind === 'public-holiday') nonWorkingDays.push({ date: iso(day), kind });
  }
  return {
    ...base,
    calendar: { jurisdiction: estate.jurisdiction, timeZone: estate.timeZone, rule: 'working days, counted from the day after receipt, ending 23:59:59.999 local time (docs/DEADLINES.md)' },
    nonWorkingDays,
  };
}

export const handler = httpEndpoint('evidencePack', async (event) => {
  const identity = requireStaff(event);
  const caseId = event.pathParameters?.id ?? '';
  const notFound = new HttpError(404, 'not_found', 'not found');
  if (!CASE_ID_PATTERN.test(caseId)) throw notFound;
  const store = getCaseStore();
  const complaintCase = await store.getCase(caseId);
  if (!complaintCase) throw notFound;
  requirePermission(identity, 'case.evidencePack', { estateId: complaintCase.estateId, caseId });
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  const [events, estate, notifications, ledger] = await Promise.all([
    store.listEvents(caseId),
    store.getEstate(complaintCase.estateId),
    records.notifications(caseId),
    records.ledger(complaintCase.estateId),
  ]);
  const problems = verifyStoredCase(complaintCase, events);

  // The newest anchor that recorded this case, and the ledger from it to the ledger's head.
  let anchorProof: Record<string, unknown> | null = null;
  for (const entry of [...ledger].reverse()) {
    if (entry.action !== 'anchor') continue;
    let position = 0;
    for await (const head of records.anchorHeads(complaintCase.estateId, entry.seq, Number(entry.details.chunkCount))) {
      position += 1;
      if (head.caseId !== caseId) continue;
      const inChain = head.seq === complaintCase.purge?.purgedThroughSeq ? complaintCase.purge.purgedThroughHash : events.find((e) => e.seq === head.seq)?.hash;
      // The anchor's copy outside the table: if it agrees, the ledger up to this anchor was not rewritten.
      const publication = await checkAnchorPublication(entry, publishedAnchors);
      anchorProof = {
        ledgerSeq: entry.seq,
        anchoredAt: entry.at,
        head,
        positionInAnchor: position,
        headsDigest: entry.details.headsDigest,
        caseCount: entry.details.caseCount,
        headStillInChain: inChain === undefined ? 'purged' : inChain === head.hash,
        published: { key: publishedAnchorKey(entry.estateId, entry.seq), ...publication },
        ledgerFromAnchor: ledger.filter((l) => l.seq >= entry.seq).map((l) => ({ seq: l.seq, at: l.at, action: l.action, prevHash: l.prevHash, hash: l.hash })),
      };
      break;
    }
    if (anchorProof) break;
  }
  const { personalDataSalt: _salt, trackingTokenHashes: _tokens, ...caseRecord } = complaintCase;
  const now = platformNow().toISOString();
  const retentionEnd = estate ? retentionEndsAt(complaintCase, estate.jurisdiction) : undefined;
  const pack = {
    kind: 'evidence-pack',
    formatVersion: 1,
    generatedAt: now,
    generatedBy: { userId: identity.userId, role: identity.role },
    case: caseRecord,
    estate: estate ? { estateId: estate.estateId, names: estate.names, jurisdiction: estate.jurisdiction, timeZone: estate.timeZone } : { estateId: complaintCase.estateId },
    timeline: events,
    verification: {
      ok:
        problems.length === 0 &&
        (anchorProof === null || (anchorProof.headStillInChain !== false && (anchorProof.published as { status: string }).status === 'matches')) &&
        verifyLedger(ledger) === undefined,
      problems,
      chainStartsAt: complaintCase.purge ? { seq: complaintCase.purge.purgedThroughSeq, hash: complaintCase.purge.purgedThroughHash, reason: 'earlier events purged at the end of retention' } : { seq: 0, hash: GENESIS_HASH },
      head: { seq: complaintCase.eventSeq, hash: complaintCase.headHash },
      ledgerIntact: verifyLedger(ledger) === undefined,
    },
    deadlines: deadlineCalculation(complaintCase, estate),
    emails: notifications,
    chainProof: {
      scheme: 'SHA-256 over canonical JSON of each event (personal data as a salted digest), each covering the previous hash; estate anchors chain the case heads daily (docs/AUDIT.md)',
      events: events.map((e) => ({ seq: e.seq, at: e.at, action: e.action, prevHash: e.prevHash, hash: e.hash })),
      anchor: anchorProof,
    },
    retention: estate
      ? { rule: RETENTION_RULES[estate.jurisdiction], endsAt: retentionEnd ?? null, legalHold: complaintCase.legalHold ?? null }
      : null,
  };
  const body = JSON.stringify(pack, null, 2);
  const result = json(200, pack, {
    'content-disposition': `attachment; filename="evidence-${complaintCase.reference}.json"`,
    'x-content-sha256': createHash('sha256').update(body).digest('hex'),
  });
  return { ...result, body };
});
