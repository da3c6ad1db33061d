/** `GET /api/openapi.json` — the OpenAPI 3.1 document, generated from the zod schemas of the contract. */
import * as z from 'zod/mini';
import { httpEndpoint, SECURITY_HEADERS } from '../platform/http';
import { estateDefinitionSchema } from '../domain/admin/estateDefinition';
import { groupSettingsSchema } from '../domain/admin/groupSettingsSchema';
import { newStaffSchema, staffChangeSchema } from '../domain/admin/staffDirectory';
import { deadlinePolicySchema } from '../domain/deadlinePolicySchema';
import { httpRoutes, lambdaFunctions, streamingRoutes } from '../../infra/catalog';
import { compensationDecisionSchema } from '../domain/lifecycle/compensationReview';
import { feedbackSchema } from '../domain/lifecycle/followUp';
import { staffActionSchema } from '../domain/lifecycle/staffActions';
import { complaintCreatedSchema, complaintSubmissionSchema, errorResponseSchema, estateListSchema, healthSchema, publicCaseViewSchema } from './contract';

function schema(s: z.ZodMiniType, io: 'input' | 'output' = 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const jsonContent = (s: z.ZodMiniType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: schema(s, io) } });
const errorResponse = (description: string) => ({ description, content: jsonContent(errorResponseSchema) });

/**
 * A 401 on a route behind the HTTP API's JWT authorizer: API Gateway's own `{"message":"Unauthorized"}`
 * (with `WWW-Authenticate`) when the token is missing or not valid, before the API runs; the API's
 * error body when a valid token's claims name no single staff role.
 */
const authorizerUnauthorized = () => ({
  description: 'Sign in: a valid bearer token is required. A missing or invalid token is refused by API Gateway\'s JWT authorizer with {"message":"Unauthorized"} and WWW-Authenticate.',
  content: {
    'application/json': {
      schema: {
        oneOf: [
          schema(errorResponseSchema),
          { type: 'object', properties: { message: { type: 'string', const: 'Unauthorized' } }, required: ['message'], additionalProperties: false },
        ],
      },
    },
  },
});

export function buildOpenApiDocument() {
  const document = {
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
            '401': errorResponse('A staff bearer token was sent (to file on a complainant\'s behalf) and is not valid'),
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
    } as Record<string, Record<string, unknown>>,
  };
  return withEveryRoute(document);
}

/** Request bodies of the routes that take one, from the same schemas the handlers validate with. */
const REQUEST_BODIES: Record<string, z.ZodMiniType> = {
  'POST /api/v1/cases/{id}/actions': staffActionSchema,
  'POST /api/v1/cases/{id}/compensation': compensationDecisionSchema,
  'POST /api/v1/complaints/{id}/feedback': feedbackSchema,
  'POST /api/v1/admin/estates': estateDefinitionSchema,
  'POST /api/v1/admin/settings': groupSettingsSchema,
  'POST /api/v1/admin/deadline-policies': deadlinePolicySchema,
  'POST /api/v1/admin/staff': newStaffSchema,
  'POST /api/v1/admin/staff/{userId}': staffChangeSchema,
};

/**
 * Every route of the catalog appears in the document: the ones above in detail, the others from
 * their catalog entry (summary, path parameters, request body schema, bearer auth for staff routes).
 */
function withEveryRoute(document: { paths: Record<string, Record<string, unknown>> } & Record<string, unknown>) {
  for (const route of [...httpRoutes, ...streamingRoutes]) {
    if (route.path === '/' || route.path.startsWith('/track/') || route.path.startsWith('/feedback/') || route.path === '/staff') continue;
    const method = route.method.toLowerCase();
    const entry = (document.paths[route.path] ??= {});
    if (entry[method]) continue;
    const body = REQUEST_BODIES[`${route.method} ${route.path}`];
    const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (route.path.startsWith('/api/v1/complaints/{id}/')) parameters.push({ name: 'token', in: 'query', required: true, schema: { type: 'string' } });
    if (route.method === 'POST' && route.path.startsWith('/api/v1/cases/{id}/')) {
      parameters.push({ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } } as never);
    }
    entry[method] = {
      summary: lambdaFunctions[route.function].description,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body ? { requestBody: { required: true, content: jsonContent(body, 'input') } } : {}),
      ...(route.auth === 'staff' ? { security: [{ staffBearer: [] }] } : {}),
      responses: {
        '200': { description: 'Done' },
        '400': errorResponse('Malformed request'),
        ...(route.auth === 'staff'
          ? { '401': httpRoutes.includes(route) ? authorizerUnauthorized() : errorResponse('Sign in: a valid bearer token is required'), '403': errorResponse('Your role may not do this') }
          : {}),
        '404': errorResponse('Not found (also for a case outside your estates)'),
        ...(route.method === 'POST' ? { '409': errorResponse('Stale If-Match version, or not allowed in the case’s current state (allowedActions lists what is)'), '422': errorResponse('Invalid fields; `fields` names each one') } : {}),
      },
    };
  }
  return {
    ...document,
    components: { securitySchemes: { staffBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito ID token (AWS) or a token of the local issuer (npm run token); verified by the HTTP API\'s JWT authorizer on staff routes' } } },
  };
}

let document: string | undefined;

export const handler = httpEndpoint('openApiDocument', async () => {
  document ??= JSON.stringify(buildOpenApiDocument());
  return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, 'cache-control': 'public, max-age=300' }, body: document };
});
