/**
 * The HTTP edge shared by every API handler: middy wiring, JSON body parsing
 * with field-level errors, and the one error shape of the API contract,
 * `{"error": {"code", "message", "fields"?}}`. A client mistake is always a
 * 4xx; only a fault of ours is a 5xx, and it never leaks internals.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { type FieldErrors, parseWithFieldErrors } from '../domain/validation';
import { parseStrictJson } from '../domain/strictJson';
import { logger } from './logger';
import { platformNow } from './clock';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers?: Record<string, string>,
    /** Further members of the error object, e.g. `allowedActions` on a 409. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * On every response, errors included. A JSON response may load nothing and be framed by nothing;
 * a page replaces the CSP with its own (functions/web/pageLayout.ts), never with a weaker default.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

const BASE_HEADERS = {
  'cache-control': 'no-store',
  ...SECURITY_HEADERS,
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    // The platform's time (locally it may run compressed or simulated ahead of the wall clock): the console judges
    // "due soon" and "overdue" against it, not against the browser's clock.
    headers: { 'content-type': 'application/json; charset=utf-8', ...BASE_HEADERS, 'x-platform-time': platformNow().toISOString(), ...headers },
    body: JSON.stringify(body),
  };
}

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', ...BASE_HEADERS, ...headers }, body };
}

function errorResult(error: HttpError): HttpResult {
  return json(
    error.statusCode,
    { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...error.details } },
    error.headers,
  );
}

export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Raw body text, enforcing the size limit before anything is parsed. */
export function bodyText(event: HttpEvent, maxBytes = MAX_BODY_BYTES): string {
  return bodyBytes(event, maxBytes).toString('utf8');
}

/** Raw body bytes (a file upload), enforcing the size limit before anything is decoded. */
export function bodyBytes(event: HttpEvent, maxBytes = MAX_BODY_BYTES): Buffer {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw, 'utf8');
  if (bytes > maxBytes) throw new HttpError(413, 'payload_too_large', `request body must be at most ${maxBytes} bytes`);
  return event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
}

/** `application/json`, with no parameter other than a UTF-8 charset (the body is read as UTF-8). */
const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset\s*=\s*("?)utf-8\2\s*)?$/i;

/**
 * Parses a JSON body and validates it; every failure is a 4xx naming the field at fault.
 * Duplicate keys, `__proto__`-style keys, deep nesting and lone surrogates are refused (functions/domain/strictJson.ts).
 */
export function parseJsonBody<S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.infer<S> {
  const contentType = header(event, 'content-type') ?? '';
  const text = bodyText(event);
  if (!JSON_CONTENT_TYPE.test(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', 'request body must be JSON with content-type application/json (UTF-8)');
  }
  const result = parseStrictJson(text);
  if (!result.ok) throw new HttpError(400, result.code, result.message);
  const parsed = result.value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HttpError(400, 'invalid_body', 'request body must be a JSON object', { '(body)': 'must be a JSON object' });
  }
  return validate(schema, parsed, 'request body');
}

export function validate<S extends z.ZodMiniType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = parseWithFieldErrors(schema, input);
  if (!result.ok) throw new HttpError(422, 'validation_failed', `${what} has invalid fields: ${Object.keys(result.fields).join(', ')}`, result.fields);
  return result.value;
}

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * Wraps an API handler: request-scoped structured logging and the error
 * mapping above. The handler itself stays a plain async function.
 */
export function httpEndpoint(name: string, handler: Handler) {
  return middy<HttpEvent, HttpResult>().handler(async (event, context) => {
    // Keys go on each line rather than appendKeys: the local runtime runs many invocations in one process at once.
    const request = { requestId: event.requestContext?.requestId ?? context.awsRequestId, endpoint: name, route: event.routeKey };
    try {
      const result = await handler(event, context);
      logger.info('request handled', { ...request, statusCode: result.statusCode });
      return result;
    } catch (error) {
      if (error instanceof HttpError) {
        logger.info('request refused', { ...request, statusCode: error.statusCode, code: error.code });
        return errorResult(error);
      }
      logger.error('request failed', { ...request, error: error as Error });
      return errorResult(new HttpError(500, 'internal_error', 'something went wrong on our side; please try again'));
    }
  });
}
