/**
 * The HTTP edge: security headers on every kind of response, strict JSON
 * content types and bodies.
 */
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { HttpError, type HttpEvent, html, httpEndpoint, json, parseJsonBody, SECURITY_HEADERS } from '../../../functions/platform/http';

process.env.LOG_LEVEL = 'SILENT';

const schema = z.strictObject({ name: z.string() });
const context = { awsRequestId: 'req' } as Context;

/** `null`: no content-type header at all. */
function event(body: string | undefined, contentType: string | null = 'application/json'): HttpEvent {
  return {
    routeKey: 'POST /test',
    headers: contentType === null ? {} : { 'content-type': contentType },
    requestContext: { requestId: 'req', http: { sourceIp: '127.0.0.1' } },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  } as unknown as HttpEvent;
}

function refusal(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('accepted');
}

const EXPECTED = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

describe('security headers', () => {
  it('are on JSON and HTML responses', () => {
    expect(json(200, {}).headers).toMatchObject(EXPECTED);
    expect(html(200, '<p>').headers).toMatchObject(EXPECTED);
    expect(SECURITY_HEADERS).toMatchObject(EXPECTED);
  });

  it('are on refusals and on our own failures', async () => {
    const refused = await httpEndpoint('t', async () => {
      throw new HttpError(429, 'rate_limited', 'slow down', undefined, { 'retry-after': '5' });
    })(event('{}'), context);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({ ...EXPECTED, 'retry-after': '5' });
    const failed = await httpEndpoint('t', async () => {
      throw new Error('boom');
    })(event('{}'), context);
    expect(failed.statusCode).toBe(500);
    expect(failed.headers).toMatchObject(EXPECTED);
    expect(failed.body).not.toContain('boom');
  });

  it('let a page replace the CSP with its own', () => {
    expect(html(200, '', { 'content-security-policy': "default-src 'none'; script-src 'nonce-x'" }).headers!['content-security-policy']).toBe("default-src 'none'; script-src 'nonce-x'");
  });
});

describe('JSON bodies', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"'])('accept content type %s', (type) => {
    expect(parseJsonBody(event('{"name":"x"}', type), schema)).toEqual({ name: 'x' });
  });

  it.each([null, '', 'text/plain', 'application/jsonp', 'application/json-patch+json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; foo=bar', 'text/json'])(
    'refuse content type %s with 415',
    (type) => {
      expect(refusal(() => parseJsonBody(event('{"name":"x"}', type), schema)).statusCode).toBe(415);
    },
  );

  it.each([
    ['a duplicate key', '{"name":"x","name":"y"}', 'duplicate_key'],
    ['a duplicate key spelled with an escape', '{"name":"x","n\\u0061me":"y"}', 'duplicate_key'],
    ['__proto__', '{"name":"x","__proto__":{"admin":true}}', 'forbidden_key'],
    ['constructor', '{"name":"x","constructor":{"prototype":{}}}', 'forbidden_key'],
    ['deep nesting', `{"name":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'too_deeply_nested'],
    ['a lone surrogate', '{"name":"\\ud800"}', 'invalid_unicode'],
    ['a lone low surrogate in a key', '{"\\udc00":"x"}', 'invalid_unicode'],
    ['truncated JSON', '{"name":', 'malformed_json'],
    ['a byte-order mark', '\ufeff{"name":"x"}', 'malformed_json'],
  ])('refuse %s with 400', (_label, body, code) => {
    const error = refusal(() => parseJsonBody(event(body), schema));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe(code);
  });

  it('accepts a well-formed surrogate pair (emoji) and the same key in different objects', () => {
    expect(parseJsonBody(event('{"name":"\\ud83d\\ude00"}'), z.strictObject({ name: z.string() }))).toEqual({ name: '😀' });
    expect(parseJsonBody(event('{"a":{"k":1},"b":{"k":2}}'), z.strictObject({ a: z.object({ k: z.number() }), b: z.object({ k: z.number() }) }))).toEqual({ a: { k: 1 }, b: { k: 2 } });
  });

  it('refuses bodies over 64 KB with 413 before parsing them', () => {
    expect(refusal(() => parseJsonBody(event(`{"name":"${'x'.repeat(70_000)}"}`), schema)).statusCode).toBe(413);
  });
});
