/**
 * `GET /api/v1/estates/{estateId}/staff` — the people a case of the estate may be assigned to (the
 * console's assignee picker): id, name, role, department; for those who may assign cases there
 * (`case.assign`). Another estate answers 404, as everywhere.
 */
import { assignableStaff } from '../domain/estateStaff';
import { estateIdSchema } from '../domain/estateIdSchema';
import { getStaffDirectory } from '../platform/administration';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore } from '../platform/clients';
import { HttpError, httpEndpoint, json } from '../platform/http';

export const handler = httpEndpoint('estateStaff', async (event) => {
  const identity = requireStaff(event);
  const parsed = estateIdSchema.safeParse(event.pathParameters?.estateId ?? '');
  if (!parsed.success) throw new HttpError(404, 'not_found', 'no such estate');
  requirePermission(identity, 'case.assign', { estateId: parsed.data });
  const [estate, directory] = await Promise.all([getCaseStore().getEstate(parsed.data), getStaffDirectory()]);
  if (!estate) throw new HttpError(404, 'not_found', 'no such estate');
  return json(200, { staff: assignableStaff(await directory.list(), parsed.data) }, { 'cache-control': 'private, max-age=60' });
});
