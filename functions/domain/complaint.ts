/**
 * The complaint as a resident or API client submits it, with the vocabulary
 * (languages, channels, statuses) every other module shares (./vocabulary.ts).
 *
 * Schemas use `zod/mini` so each Lambda bundle stays small; the same schemas
 * produce the OpenAPI document (see `functions/api/openApiDocument.ts`).
 */
import * as z from 'zod/mini';

// The shared vocabulary lives in a module without zod, so pages and other code that need only
// the words (not the schemas) do not bundle zod; it is re-exported here for everyone else.
export * from './vocabulary';
import { CHANNELS, CHANNELS_REQUIRING_EMAIL, CURRENCIES, LANGUAGES } from './vocabulary';

/**
 * C0 and C1 control characters, bidirectional overrides and marks that can disguise a name in a staff list
 * or an email, line and paragraph separators, and invisible characters (zero-width space, word joiner,
 * BOM, soft hyphen) that make two names look alike. Zero-width (non-)joiners stay allowed: scripts and emoji sequences need them.
 */
const CONTROL_OR_BIDI = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/;
/** Free text may contain line breaks and tabs, but no other control characters. */
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A one-line text field (names, units): trimmed, 1..max characters, no control or bidirectional characters. */
export function singleLine(label: string, max: number) {
  return z.string().check(
    z.trim(),
    z.minLength(1, `${label} is required`),
    z.maxLength(max, `${label} must be at most ${max} characters`),
    z.refine((value) => !CONTROL_OR_BIDI.test(value), { message: `${label} must not contain control characters`, params: { code: 'controlCharacters' } }),
  );
}

// Its own module, so handlers that only name an estate do not build the complaint's schemas at load.
export { estateIdSchema } from './estateIdSchema';
import { buildingIdSchema, estateIdSchema } from './estateIdSchema';

export const compensationClaimSchema = z.strictObject({
  amount: z.number().check(
    z.positive('amount must be greater than 0'),
    z.lte(10_000_000, 'amount must be at most 10,000,000'),
    z.refine((n) => Number.isFinite(n) && Math.round(n * 100) === n * 100, 'amount must have at most 2 decimal places'),
  ),
  currency: z.enum(CURRENCIES, `currency must be one of ${CURRENCIES.join(', ')}`),
  reason: z.optional(
    z.string().check(
      z.maxLength(2000, 'reason must be at most 2000 characters'),
      z.refine((value) => !CONTROL_EXCEPT_WHITESPACE.test(value), 'reason must not contain control characters'),
    ),
  ),
});
export type CompensationClaim = z.infer<typeof compensationClaimSchema>;

export const complaintSubmissionSchema = z
  .strictObject({
    estateId: estateIdSchema,
    /** The estate's building the complaint is about (optional; one of the estate's `buildings`, checked at intake). */
    buildingId: z.optional(buildingIdSchema),
    unit: singleLine('unit', 64),
    name: singleLine('name', 100),
    email: z.optional(
      z.string().check(z.trim(), z.maxLength(254, 'email must be at most 254 characters'), z.email('email must be a valid email address')),
    ),
    phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ()-]{6,24}$/, 'phone must be 6-24 digits, spaces, brackets or dashes, optionally starting with +'))),
    language: z.enum(LANGUAGES, `language must be one of ${LANGUAGES.join(', ')}`),
    channel: z._default(z.enum(CHANNELS, `channel must be one of ${CHANNELS.join(', ')}`), 'web'),
    description: z.string().check(
      z.trim(),
      z.minLength(10, 'description must be at least 10 characters'),
      z.maxLength(5000, 'description must be at most 5000 characters'),
      z.refine((value) => !CONTROL_EXCEPT_WHITESPACE.test(value), 'description must not contain control characters'),
    ),
    compensationClaim: z.optional(compensationClaimSchema),
    /**
     * The complainant's own answer to "is someone in danger right now?". The rules cannot be relied on to read a crisis
     * from wording nobody anticipated (docs/TRIAGE.md), so the form asks; `true` is proposed critical and alerts HQ at once.
     */
    dangerNow: z.optional(z.boolean('dangerNow must be true or false')),
    /** Staff only: the complaint was resolved at receipt; how (seed 001 §5.1.2). It is still recorded in full and followed up. */
    onTheSpotResolution: z.optional(
      z.string().check(
        z.trim(),
        z.minLength(10, 'onTheSpotResolution must be at least 10 characters'),
        z.maxLength(4000, 'onTheSpotResolution must be at most 4000 characters'),
        z.refine((value) => !CONTROL_EXCEPT_WHITESPACE.test(value), 'onTheSpotResolution must not contain control characters'),
      ),
    ),
  })
  .check(
    z.superRefine((submission, ctx) => {
      if (CHANNELS_REQUIRING_EMAIL.includes(submission.channel) && !submission.email) {
        ctx.issues.push({
          code: 'custom',
          path: ['email'],
          message: `email is required for the ${submission.channel} channel, so we can acknowledge and answer the complaint`,
          input: submission.email,
        });
      }
    }),
  );
export type ComplaintSubmission = z.infer<typeof complaintSubmissionSchema>;
