/**
 * Signed HTTP requests to AWS service APIs, for the few S3 and Lambda
 * operations the audit functions use (objectStorage.ts, exportJobs.ts).
 *
 * Why not the service clients: `@aws-sdk/client-s3` (with lib-storage and the
 * presigner) and `@aws-sdk/client-lambda` add 130–200 KiB to a bundle, which
 * put five functions far over the bundle budget (docs/BENCHMARKS.md). Every
 * bundle already carries the SDK's own Signature V4 signer, credential chain
 * and SHA-256 (through the DynamoDB client), so these requests are signed by
 * exactly that code; what is written here is only the REST shape of each
 * operation. Signing is checked against AWS's published examples and against
 * the SDK clients themselves (test/unit/awsHttp.test.ts).
 *
 * Endpoints as the SDK finds them: `AWS_ENDPOINT_URL_<SERVICE>`, else
 * `AWS_ENDPOINT_URL`, else the service's regional endpoint. A configured
 * endpoint is addressed path-style (the local runtime's endpoints are IP
 * addresses, which the SDK also addresses path-style).
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { parseXML } from '@aws-sdk/xml-builder';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

export type AwsService = 's3' | 'lambda';

export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

/** A refusal or failure reported by the service: `name` is its error code (`NoSuchKey`, `PreconditionFailed`, …). */
export class AwsServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = code;
  }
}

export interface AwsRequest {
  service: AwsService;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer;
  signal?: AbortSignal;
  /** Per attempt. */
  timeoutMs?: number;
}

export interface SigningOptions {
  region?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  signingDate?: Date;
}

const EMPTY_BODY = Buffer.alloc(0);
const DEFAULT_TIMEOUT_MS = 30_000;
/** As the SDK's standard retry mode: three attempts, exponential backoff with full jitter. */
const MAX_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 5_000;
const RETRYABLE_CODES = new Set(['SlowDown', 'RequestTimeout', 'RequestTimeoutException', 'InternalError', 'ServiceUnavailable', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

let credentialChain: AwsCredentialIdentityProvider | undefined;

export function awsRegion(): string {
  const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('AWS_REGION is not set');
  return region;
}

/** S3's and the SDK's URI encoding: RFC 3986 unreserved characters stay, everything else is %XX. */
export function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The endpoint a service's requests go to, and whether buckets are addressed in the path. */
export function serviceEndpoint(service: AwsService, region = awsRegion()): { base: URL; configured: boolean } {
  // An empty variable counts as unset, as for the SDK.
  const configured = process.env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || process.env.AWS_ENDPOINT_URL;
  if (configured) return { base: new URL(configured), configured: true };
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return { base: new URL(`https://${service}.${region}.${domain}`), configured: false };
}

/** Builds `base` + an already-escaped path + query, keeping the escapes as they are (the signature covers them). */
export function requestUrl(base: URL, escapedPath: string, query: Record<string, string> = {}): URL {
  const url = new URL(base.origin);
  const basePath = base.pathname.replace(/\/$/, '');
  url.pathname = `${basePath}${escapedPath}`;
  const search = Object.entries(query)
    .map(([name, value]) => (value === '' ? escapeUri(name) : `${escapeUri(name)}=${escapeUri(value)}`))
    .join('&');
  url.search = search;
  return url;
}

function signer(service: AwsService, options: SigningOptions): SignatureV4 {
  credentialChain ??= defaultProvider();
  return new SignatureV4({
    service,
    region: options.region ?? awsRegion(),
    credentials: options.credentials ?? credentialChain,
    sha256: Sha256,
    // S3 signs the path as sent; other services escape it once more (as the SDK's clients do).
    uriEscapePath: service !== 's3',
    applyChecksum: true,
  });
}

function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  return query;
}

/** The request's headers after Signature V4 (Authorization, X-Amz-Date, X-Amz-Content-Sha256, X-Amz-Security-Token). */
export async function signRequest(request: Omit<AwsRequest, 'signal' | 'timeoutMs'>, options: SigningOptions = {}): Promise<Record<string, string>> {
  const signed = await signer(request.service, options).sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      ...(request.url.port ? { port: Number(request.url.port) } : {}),
      // The path as sent, already escaped: the signer escapes it once more for Lambda and keeps it for S3.
      path: request.url.pathname,
      query: queryOf(request.url),
      headers: { ...request.headers, host: request.url.host },
      body: request.body ?? (request.method === 'GET' || request.method === 'DELETE' ? undefined : EMPTY_BODY),
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) if (name.toLowerCase() !== 'host') headers[name] = value;
  return headers;
}

/**
 * A presigned GET link (query-string authentication) valid for `expiresInSeconds`. As the SDK's presigner:
 * the payload is unsigned and its marker travels in the query.
 */
export async function presignGet(service: AwsService, url: URL, expiresInSeconds: number, options: SigningOptions = {}): Promise<string> {
  const presigned = await signer(service, options).presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: queryOf(url),
      headers: { host: url.host, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    },
    { expiresIn: expiresInSeconds, unsignableHeaders: new Set(['content-type']), ...(options.signingDate ? { signingDate: options.signingDate } : {}) },
  );
  const query = Object.entries(presigned.query ?? {})
    .map(([name, value]) => `${escapeUri(name)}=${escapeUri(String(value))}`)
    .join('&');
  return `${url.origin}${url.pathname}?${query}`;
}

/** The service's error code and message from an error response (S3's XML `<Error>`, or Lambda's JSON with `x-amzn-ErrorType`). */
export function errorOf(status: number, headers: Headers, text: string): AwsServiceError {
  let code = headers.get('x-amzn-errortype')?.split(':')[0] ?? '';
  let message = '';
  const trimmed = text.trim();
  if (trimmed.startsWith('<')) {
    try {
      const parsed = parseXML(trimmed) as { Error?: { Code?: string; Message?: string } };
      code ||= parsed.Error?.Code ?? '';
      message = parsed.Error?.Message ?? '';
    } catch {
      // An unparsable body: the status alone describes the failure.
    }
  } else if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as { message?: string; Message?: string; __type?: string };
      code ||= parsed.__type?.split('#').pop() ?? '';
      message = parsed.message ?? parsed.Message ?? '';
    } catch {
      // As above.
    }
  }
  if (!code) code = status === 404 ? 'NotFound' : status === 412 ? 'PreconditionFailed' : `Http${status}`;
  const retryable = status >= 500 || status === 429 || RETRYABLE_CODES.has(code);
  return new AwsServiceError(code, message || `${code} (HTTP ${status})`, status, retryable);
}

function backoffMs(attempt: number): number {
  return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

/**
 * Sends a signed request; answers the response if its status is 2xx, else throws `AwsServiceError`. Throttling,
 * 5xx answers, timeouts and connection failures are retried (signed afresh each time); every request sent through
 * here is safe to repeat. The response body of a 2xx answer is left for the caller to read.
 */
export async function sendAwsRequest(request: AwsRequest): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    request.signal?.throwIfAborted();
    let failure: unknown;
    try {
      const headers = await signRequest(request);
      const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const response = await fetch(request.url, {
        method: request.method,
        headers,
        ...(request.body ? { body: request.body } : {}),
        signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
      });
      if (response.ok) return response;
      failure = errorOf(response.status, response.headers, await response.text());
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      failure = error;
    }
    const retryable = failure instanceof AwsServiceError ? failure.retryable : true;
    if (!retryable || attempt + 1 >= MAX_ATTEMPTS) throw failure;
    await sleep(backoffMs(attempt + 1), request.signal);
  }
}
