/**
 * The v1 API contract as zod schemas: request schemas come from the domain,
 * response schemas are declared here. `openApiDocument` is generated from them.
 */
import * as z from 'zod/mini';
import { complaintSubmissionSchema, LANGUAGES } from '../domain/complaint';

const localisedNames = z.object({ 'zh-Hant': z.string(), 'zh-Hans': z.string(), en: z.string() });

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});

export const estateListSchema = z.object({
  estates: z.array(z.object({ estateId: z.string(), names: localisedNames })),
});

export const complaintCreatedSchema = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.string(),
  trackingUrl: z.string(),
});

export const publicCaseViewSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  estate: z.object({ estateId: z.string(), name: z.string() }),
  language: z.enum(LANGUAGES),
  status: z.string(),
  statusLabel: z.string(),
  receivedAt: z.string(),
  responseDueBy: z.string(),
  timeZone: z.string(),
  stage: z.number(),
  timeline: z.array(z.object({ at: z.string(), kind: z.string(), message: z.string() })),
});

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), latencyMs: z.number() })),
});

export { complaintSubmissionSchema };
