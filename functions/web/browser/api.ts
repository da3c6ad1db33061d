/**
 * The console's calls to the staff API: bearer token from ./session.ts, JSON both ways, the ETag
 * kept for If-Match, and a 401 signs the person out. A 304 (no body) is passed on as such: the case
 * and list routes answer If-None-Match (the polls send the ETag they hold; docs/CONSOLE.md, "Live updates").
 */
import { getToken, signOut } from './session';

export interface ApiError {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export interface ApiResult<T> {
  status: number;
  body: T | null;
  etag: string | null;
  error: ApiError | null;
}

export class SignedOutError extends Error {}

/** Platform time minus the browser's, from the last API response (locally the platform's clock may run ahead). */
let platformOffsetMs = 0;

/** The platform's time now, as the API last told it: due-soon and overdue markers are judged against it. */
export function platformNowMs(): number {
  return Date.now() + platformOffsetMs;
}

export async function api<T>(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; /** A file sent as it is (with its content type) instead of JSON. */ file?: { body: Blob; contentType: string } } = {},
): Promise<ApiResult<T>> {
  const token = getToken();
  if (!token) throw new SignedOutError('not signed in');
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}`, ...options.headers };
  if (options.file) headers['content-type'] = options.file.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  const body = options.file ? options.file.body : options.body !== undefined ? JSON.stringify(options.body) : undefined;
  const response = await fetch(path, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    credentials: 'omit',
    cache: 'no-store',
  });
  const platformTime = Date.parse(response.headers.get('x-platform-time') ?? '');
  if (Number.isFinite(platformTime)) platformOffsetMs = platformTime - Date.now();
  if (response.status === 401) {
    signOut('rejected');
    throw new SignedOutError('token rejected');
  }
  let json: unknown = null;
  if (response.status !== 304 && response.status !== 204) {
    try {
      json = await response.json();
    } catch {
      json = null;
    }
  }
  const error = response.ok || response.status === 304 ? null : (((json as { error?: ApiError } | null)?.error ?? { code: '', message: '' }));
  return { status: response.status, body: response.ok ? (json as T) : null, etag: response.headers.get('etag'), error };
}

/**
 * A file the API makes (CSV, XLSX) fetched with the bearer token and handed to the browser as a download, under
 * the server's file name (Content-Disposition) or `fallbackName`. False when it could not be fetched.
 */
export async function saveDownload(path: string, fallbackName: string, accept = '*/*'): Promise<boolean> {
  const token = getToken();
  if (!token) return false;
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept }, cache: 'no-store', credentials: 'omit' });
  if (!response.ok) return false;
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
