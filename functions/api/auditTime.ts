/** Query parameters shared by the audit endpoints: a period [from, to) as dates or instants, and an estate. */
import * as z from 'zod/mini';
import { EXPORT_FORMATS } from '../domain/auditExport';
import { estateIdSchema } from '../domain/estateIdSchema';
import { HttpError } from '../platform/http';

const instant = z.string().check(
  z.refine((value) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) && !Number.isNaN(Date.parse(value)), 'must be a date (yyyy-mm-dd, UTC) or an ISO 8601 instant with a time zone'),
);

export const periodQuery = {
  from: instant,
  to: instant,
  estateId: z.optional(estateIdSchema),
};

/** What an export asks for, the streaming export's query and an export job's body alike: a period, an estate, a format. */
export const exportParameters = {
  ...periodQuery,
  format: z._default(z.enum(EXPORT_FORMATS, `format must be one of ${EXPORT_FORMATS.join(', ')}`), 'jsonl'),
};

/** Normalises to ISO instants (a bare date is midnight UTC) and checks from < to. */
export function period(query: { from: string; to: string }, what = 'query'): { from: string; to: string } {
  const from = new Date(query.from).toISOString();
  const to = new Date(query.to).toISOString();
  if (from >= to) throw new HttpError(422, 'validation_failed', `${what} has invalid fields: to`, { to: 'to must be after from' });
  return { from, to };
}
