/** An estate's id as requests carry it (path, query or body): the one definition every schema uses. */
import * as z from 'zod/mini';

export const estateIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'estateId must be 1-32 letters, digits, "-" or "_"'));

/** A building's id within its estate (`T1`, `block-3`): the same characters as an estate id. */
export const buildingIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'buildingId must be 1-32 letters, digits, "-" or "_"'));
