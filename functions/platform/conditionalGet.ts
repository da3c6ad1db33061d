/**
 * Conditional GETs for what the console polls (the open case every 20 s, the queue and its counts every
 * 30 s): the response carries an ETag that changes whenever anything the view shows changes, and a request
 * whose `If-None-Match` names it gets `304 Not Modified` with no body. The validator is a digest of the
 * view itself (canonical JSON), because what a view shows also moves without a new case version (the
 * workflow's wait, the overdue marker, what this person may do): a digest of the version alone would hide
 * those. The store is still read; what a 304 saves is the body (API Gateway and Lambda bytes out, the
 * browser's parse and re-render), which for the case view with its timeline is most of the response.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonicalJson';
import { header, type HttpEvent, type HttpResult, json } from './http';

/** 16 bytes of SHA-256 over the view's canonical JSON, base64url: the same view always has the same digest. */
export function viewDigest(view: unknown): string {
  return createHash('sha256').update(canonicalJson(view)).digest('base64url').slice(0, 22);
}

/** Whether the request's `If-None-Match` names this ETag (weak comparison, RFC 9110 §13.1.2; `*` matches). */
export function ifNoneMatchNames(event: HttpEvent, etag: string): boolean {
  const value = header(event, 'if-none-match');
  if (!value) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return value.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** The view, or 304 with no body when the caller already holds it. */
export function conditionalJson(event: HttpEvent, view: unknown, etag: string, headers: Record<string, string> = {}): HttpResult {
  if (ifNoneMatchNames(event, etag)) {
    // Same headers as the full answer (ETag, no-store, the platform's time), without a body or its type.
    const { 'content-type': _type, ...notModified } = json(304, null, { etag, ...headers }).headers as Record<string, string>;
    return { statusCode: 304, headers: notModified, body: '' };
  }
  return json(200, view, { etag, ...headers });
}
