/**
 * `GET /api/v1/early-warnings[?estateId]` — causes whose complaints in the last 7 days are more than the
 * estate's own previous 12 weeks make likely (functions/domain/insight/earlyWarning.ts), each with the
 * link to the cases behind it. HQ and compliance see the whole group (read from the group's per-estate daily
 * counts: 8 causes × 16 shards, whatever the number of estates); estate managers and CS leads their estates.
 */
import * as z from 'zod/mini';
import { buildingIdSchema, estateIdSchema } from '../domain/estateIdSchema';
import { DEFAULT_EARLY_WARNING_RULE } from '../domain/insight/earlyWarning';
import { buildingOf } from '../domain/estate';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore } from '../platform/clients';
import { currentWarnings } from '../platform/earlyWarnings';
import { HttpError, httpEndpoint, json, validate } from '../platform/http';
import { platformNow } from '../platform/clock';

const querySchema = z.strictObject({
  estateId: z.optional(estateIdSchema),
  /** Only the warnings of this building of the estate (needs `estateId`); without it, the estates' and every building's. */
  buildingId: z.optional(buildingIdSchema),
});

export const handler = httpEndpoint('earlyWarnings', async (event) => {
  const identity = requireStaff(event);
  const query = validate(querySchema, event.queryStringParameters ?? {}, 'query');
  if (query.buildingId && !query.estateId) throw new HttpError(400, 'invalid_query', 'buildingId needs estateId: building ids are the estate\'s own', { buildingId: 'needs estateId' });
  if (query.estateId) requirePermission(identity, 'dashboard.read', { estateId: query.estateId });
  requirePermission(identity, 'dashboard.read');
  const rule = DEFAULT_EARLY_WARNING_RULE;
  const groupWide = !query.estateId && identity.estateIds === 'all';
  const estateIds = query.estateId ? [query.estateId] : identity.estateIds === 'all' ? [] : [...identity.estateIds].sort();
  const { asOf, warnings } = await currentWarnings(groupWide ? { groupWide: true } : { estateIds }, platformNow().toISOString(), rule);
  const estates = new Map((await getCaseStore().listEstates()).map((e) => [e.estateId, e]));
  return json(200, {
    rule,
    asOf,
    warnings: warnings.filter((w) => !query.buildingId || w.buildingId === query.buildingId).map((w) => ({
      estateId: w.estateId,
      estateNames: estates.get(w.estateId)?.names ?? null,
      // A building's warning: its cases are the building's; a building no longer listed by the estate keeps its id.
      ...(w.buildingId !== undefined ? { buildingId: w.buildingId, buildingNames: buildingOf(estates.get(w.estateId) ?? {}, w.buildingId)?.names ?? null } : {}),
      category: w.category,
      window: w.window,
      count: w.count,
      expected: w.expected,
      pValue: w.pValue,
      cases: `/api/v1/cases?${new URLSearchParams({ estateId: w.estateId, ...(w.buildingId !== undefined ? { building: w.buildingId } : {}), category: w.category, receivedFrom: w.received.from, receivedTo: w.received.to }).toString()}`,
    })),
  });
});
