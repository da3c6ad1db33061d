/**
 * Scheduled daily: purges closed cases whose retention period (per the
 * estate's jurisdiction, counted from closure: functions/domain/retention.ts)
 * has ended and that are not under legal hold, case or estate. Each purge is
 * a `retention.purged` event in the case's chain; then the earlier events and
 * the emails are deleted and the case item stays as a tombstone, so the chain
 * — and the anchors that recorded it — still verify. Each estate's ledger
 * records which cases a run purged (docs/AUDIT.md, "Retention").
 */
import type { Context } from 'aws-lambda';
import { VersionConflictError } from '../domain/errors';
import { planPurge } from '../domain/recordsManagement';
import { RETENTION_RULES, retentionEndsAt, SHORTEST_RETENTION_YEARS } from '../domain/retention';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { logger } from '../platform/logger';
import { earliestCaseMonth } from '../store/caseListing';
import { monthOf } from '../store/indexKeys';
import { RecordsStore } from '../store/recordsStore';
import { deleteCaseObjects } from '../platform/caseObjects';
import { platformNow } from '../platform/clock';

export async function purgeExpiredRecords(now: Date, requestId: string): Promise<{ purged: number; held: number; kept: number }> {
  const store = getCaseStore();
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  const estates = new Map((await store.listEstates()).map((e) => [e.estateId, e]));
  const estateHolds = new Map<string, boolean>();
  const purgedByEstate = new Map<string, string[]>();
  const actor = { type: 'system' as const, id: 'purgeExpiredRecords' };
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - SHORTEST_RETENTION_YEARS);
  let held = 0;
  let kept = 0;

  for await (const candidate of records.closedCasesReceivedBetween(earliestCaseMonth(), monthOf(cutoff.toISOString()), cutoff.toISOString())) {
    const estate = estates.get(candidate.estateId);
    const endsAt = estate ? retentionEndsAt(candidate, estate.jurisdiction) : undefined;
    if (!estate || !endsAt || endsAt > now.toISOString()) {
      kept += 1;
      continue;
    }
    if (!estateHolds.has(estate.estateId)) estateHolds.set(estate.estateId, (await records.estateHold(estate.estateId)) !== undefined);
    if (candidate.legalHold || estateHolds.get(estate.estateId)) {
      held += 1;
      continue;
    }
    const current = await store.getCase(candidate.caseId);
    if (!current || current.purge || current.legalHold || current.version !== candidate.version) continue; // changed meanwhile: the next run decides
    // Its files and raw emails go first; the purge event records how many (a failure before it leaves the case for the next run).
    const objectsDeleted = await deleteCaseObjects(current.caseId);
    const mutation = planPurge(current, { now: now.toISOString(), requestId, actor, retentionEndedAt: endsAt, rule: `${estate.jurisdiction}: ${RETENTION_RULES[estate.jurisdiction].years} years after closure`, objectsDeleted });
    try {
      await store.applyMutation(mutation);
    } catch (error) {
      if (error instanceof VersionConflictError) continue;
      throw error;
    }
    await records.deletePurgedRecords(current.caseId, mutation.event.seq - 1);
    purgedByEstate.set(estate.estateId, [...(purgedByEstate.get(estate.estateId) ?? []), current.caseId]);
  }

  for (const [estateId, caseIds] of purgedByEstate) {
    await records.appendToLedger(estateId, { at: now.toISOString(), actor, action: 'retention.purged', requestId, details: { count: caseIds.length, caseIds } });
  }
  const purged = [...purgedByEstate.values()].reduce((sum, ids) => sum + ids.length, 0);
  return { purged, held, kept };
}

export const handler = async (_event: unknown, context: Context) => {
  const result = await purgeExpiredRecords(platformNow(), context.awsRequestId);
  logger.info('retention purge finished', result);
  return result;
};
