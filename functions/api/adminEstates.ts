/**
 * The group's estates, for administrators (docs/ADMINISTRATION.md):
 *   GET  /api/v1/admin/estates                     every estate as defined, deactivated ones included; unfinished imports
 *   POST /api/v1/admin/estates                     define one estate (create or change), JSON
 *   POST /api/v1/admin/estates/import              a CSV or XLSX file of estates, validated whole
 *   POST /api/v1/admin/estates/{estateId}/active   deactivate (no new complaints; cases stay) or reactivate
 *   POST /api/v1/admin/estates/{estateId}/remove   remove a deactivated estate that never had a case
 * Every change is one admin-ledger entry per transaction (functions/store/adminStore.ts).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { StaffIdentity } from '../domain/access/identity';
import type { AdminLedgerDraft } from '../domain/admin/adminLedger';
import { contextProblems, estateDefinitionSchema } from '../domain/admin/estateDefinition';
import { changeBetween, type EstateChange, estateFileColumns, planEstateChange, planEstateImport } from '../domain/admin/estateImport';
import { AdminConflictError } from '../store/adminStore';
import { actorOf, configurationChanged, conflictToHttp, definitionContext, getAdminStore, parseAdminBody, refusal } from '../platform/administration';
import { requirePermission, requireStaff } from '../platform/auth';
import { ESTATE_FILE_TYPES, type EstateFile, readEstateCsv, readEstateXlsx } from '../platform/estateFile';
import { bodyBytes, header, HttpError, type HttpEvent, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { logger } from '../platform/logger';
import { platformNow } from '../platform/clock';

/** An estate file of 10,000 estates is about 5 MB; API Gateway takes 10 MB. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const activeSchema = z.strictObject({ active: z.boolean() });
/** Time left when no further part is started (a part of 96 estates takes well under a second in DynamoDB; DynamoDB Local is slower). */
const TIME_KEPT_FOR_A_PART_MS = 8_000;

const draft = (event: HttpEvent, identity: StaffIdentity, action: AdminLedgerDraft['action'], changes: readonly EstateChange[], details?: Record<string, unknown>): AdminLedgerDraft => ({
  at: platformNow().toISOString(),
  actor: actorOf(identity),
  action,
  requestId: event.requestContext.requestId,
  ...(details ? { details } : {}),
  changes: changes.map((change) => ({ subject: `estate:${change.after.estateId}`, fields: change.fields })),
});

export const handler = httpEndpoint('adminEstates', async (event, lambdaContext) => {
  const identity = requireStaff(event);
  const store = getAdminStore();
  const route = event.routeKey;

  if (route === 'GET /api/v1/admin/estates') {
    requirePermission(identity, 'config.read');
    const [context, unfinishedImports] = await Promise.all([definitionContext(store), store.unfinishedImports()]);
    const estates = [...context.existing.values()].sort((a, b) => a.estateId.localeCompare(b.estateId));
    return json(200, { estates, unfinishedImports, fileColumns: estateFileColumns(context.settings.departments.map((d) => d.departmentId)) });
  }

  const estateId = event.pathParameters?.estateId;
  // An estate route names an estate: outside the caller's estates it answers 404, like every estate route.
  requirePermission(identity, 'config.manage', estateId !== undefined ? { estateId } : {});
  if (route === 'POST /api/v1/admin/estates') {
    const definition = parseAdminBody(event, estateDefinitionSchema);
    const context = await definitionContext(store);
    const problems = Object.entries(contextProblems(definition, context)).map(([field, found]) => ({ field, ...found }));
    if (problems.length > 0) throw refusal(problems, `the estate has invalid fields: ${problems.map((p) => p.field).join(', ')}`);
    const change = planEstateChange(definition, context);
    if (!change) return json(200, { estateId: definition.estateId, changed: false });
    await store.writeEstates([change], context.digests, draft(event, identity, 'estate.defined', [change])).catch(conflictToHttp);
    configurationChanged();
    logger.info('estate defined', { estateId: definition.estateId, created: !change.before, by: identity.userId, requestId: event.requestContext.requestId });
    return json(change.before ? 200 : 201, { estateId: definition.estateId, changed: true, created: !change.before });
  }

  if (route === 'POST /api/v1/admin/estates/import') {
    const contentType = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== ESTATE_FILE_TYPES.csv && contentType !== ESTATE_FILE_TYPES.xlsx) {
      throw new HttpError(415, 'unsupported_media_type', `send the file as ${ESTATE_FILE_TYPES.csv} or ${ESTATE_FILE_TYPES.xlsx}`);
    }
    const bytes = bodyBytes(event, MAX_FILE_BYTES);
    const fileDigest = createHash('sha256').update(bytes).digest('hex');
    const file: EstateFile = contentType === ESTATE_FILE_TYPES.csv ? readEstateCsv(bytes.toString('utf8')) : await readEstateXlsx(bytes);
    const configuration = await definitionContext(store);
    const plan = file.ok ? planEstateImport(file.header, file.rows, configuration) : file;
    if (!plan.ok) {
      logger.info('estate import refused', { problems: plan.problems.length, by: identity.userId, requestId: event.requestContext.requestId });
      throw new HttpError(422, 'import_refused', `the file was not imported: ${plan.problems.length} problem(s); nothing was written`, undefined, undefined, { problems: plan.problems.slice(0, 1000), problemCount: plan.problems.length });
    }
    const created = plan.changes.filter((c) => !c.before).length;
    const summary = { fileDigest, estates: plan.changes.length + plan.unchanged, created, updated: plan.changes.length - created, unchanged: plan.unchanged };
    let complete = true;
    if (plan.changes.length > 0) {
      const at = platformNow().toISOString();
      // API Gateway waits 29 s: parts stop while a part's worth of time is left, and the caller sends the file again.
      const keepGoing = () => lambdaContext.getRemainingTimeInMillis() > TIME_KEPT_FOR_A_PART_MS;
      const outcome = await store
        .writeEstateImport(fileDigest, plan.changes, configuration.digests, identity.userId, at, (part, index, total) =>
          draft(event, identity, 'estates.imported', part, { fileDigest, part: index + 1, parts: total, estatesInFile: summary.estates }), keepGoing)
        .catch(conflictToHttp);
      complete = outcome.complete;
      configurationChanged();
      if (!complete) {
        logger.info('estate import continues', { ...summary, written: outcome.written, by: identity.userId, requestId: event.requestContext.requestId });
        return json(202, { ...summary, complete: false, written: outcome.written, remaining: plan.changes.length - outcome.written, message: 'part of the file is written; send the same file again to write the rest' });
      }
    }
    logger.info('estates imported', { ...summary, by: identity.userId, requestId: event.requestContext.requestId });
    return json(200, { ...summary, complete });
  }

  if (estateId === undefined) throw new HttpError(404, 'not_found', 'not found');
  if (route === 'POST /api/v1/admin/estates/{estateId}/active') {
    const { active } = parseJsonBody(event, activeSchema);
    // The request states the wanted state, so a change by someone else meanwhile is simply read again.
    for (let attempt = 1; ; attempt += 1) {
      const context = await definitionContext(store);
      const estate = context.existing.get(estateId);
      if (!estate) throw new HttpError(404, 'not_found', 'not found');
      if ((estate.active !== false) === active) return json(200, { estateId, active, changed: false });
      const { active: _previous, ...rest } = estate;
      const change = changeBetween(estate, active ? rest : { ...rest, active: false })!;
      try {
        await store.writeEstates([change], context.digests, draft(event, identity, active ? 'estate.reactivated' : 'estate.deactivated', [change]));
      } catch (error) {
        if (error instanceof AdminConflictError && attempt < 3) continue;
        conflictToHttp(error);
      }
      configurationChanged();
      return json(200, { estateId, active, changed: true });
    }
  }

  const context = await definitionContext(store);
  const estate = context.existing.get(estateId);
  if (!estate) throw new HttpError(404, 'not_found', 'not found');
  if (route === 'POST /api/v1/admin/estates/{estateId}/remove') {
    if (estate.active !== false) throw new HttpError(409, 'estate_active', 'deactivate the estate before removing it');
    if (await store.estateHasCases(estateId)) throw new HttpError(409, 'estate_has_cases', 'the estate has cases: it can be deactivated but not removed');
    await store
      .removeEstate(estateId, context.digests.get(estateId), {
        at: platformNow().toISOString(),
        actor: actorOf(identity),
        action: 'estate.removed',
        requestId: event.requestContext.requestId,
        changes: [{ subject: `estate:${estateId}`, fields: [{ field: '(estate)', before: estate, after: null }] }],
      })
      .catch(conflictToHttp);
    configurationChanged();
    return json(200, { estateId, removed: true });
  }
  throw new HttpError(404, 'not_found', 'not found');
});
