/** `GET /api/openapi.json` — the OpenAPI 3.1 document, generated from the zod schemas of the contract. */
import * as z from 'zod/mini';
import { httpEndpoint, json, SECURITY_HEADERS } from '../platform/http';
import { complaintCreatedSchema, complaintSubmissionSchema, errorResponseSchema, estateListSchema, healthSchema, publicCaseViewSchema } from './contract';

function schema(s: z.ZodMiniType, io: 'input' | 'output' = 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const jsonContent = (s: z.ZodMiniType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: schema(s, io) } });
const errorResponse = (description: string) => ({ description, content: jsonContent(errorResponseSchema) });

export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Complaint platform API',
      version: '1.0.0',
      description: 'ISO 10002-aligned complaint handling for property-management groups. Errors are {"error": {"code", "message", "fields"?}}.',
    },
    paths: {
      '/api/v1/estates': {
        get: { summary: 'Estates a resident can choose', responses: { '200': { description: 'Estates', content: jsonContent(estateListSchema) } } },
      },
      '/api/v1/complaints': {
        post: {
          summary: 'File a complaint',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 8, maxLength: 128 }, description: 'A retry with the same key returns the same case.' }],
          requestBody: { required: true, content: jsonContent(complaintSubmissionSchema, 'input') },
          responses: {
            '201': { description: 'Complaint recorded (or the same one, on a retry)', content: jsonContent(complaintCreatedSchema) },
            '400': errorResponse('Malformed request'),
            '409': errorResponse('Idempotency-Key reused for a different complaint'),
            '413': errorResponse('Body over 64 KB'),
            '415': errorResponse('Not JSON'),
            '422': errorResponse('Invalid fields; `fields` names each one'),
            '429': {
              ...errorResponse('Too many complaints from this address or into this estate (per minute by default); try again after Retry-After seconds'),
              headers: { 'Retry-After': { description: 'Seconds until the limit resets', schema: { type: 'integer', minimum: 1 } } },
            },
          },
        },
      },
      '/api/v1/complaints/{id}': {
        get: {
          summary: "The complainant's view of their case (private link)",
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'token', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['zh-Hant', 'zh-Hans', 'en'] } },
          ],
          responses: { '200': { description: 'Status and public timeline', content: jsonContent(publicCaseViewSchema) }, '404': errorResponse('No complaint matches this link') },
        },
      },
      '/health': { get: { summary: 'Liveness of the API and its dependencies', responses: { '200': { description: 'Healthy', content: jsonContent(healthSchema) }, '503': { description: 'A dependency is down', content: jsonContent(healthSchema) } } } },
    },
  };
}

let document: string | undefined;

export const handler = httpEndpoint('openApiDocument', async () => {
  document ??= JSON.stringify(buildOpenApiDocument());
  return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, 'cache-control': 'public, max-age=300' }, body: document };
});
