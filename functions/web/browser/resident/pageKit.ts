/**
 * What every resident page's module needs: its elements, the data the server rendered into `#page-data`,
 * the complaint API (same origin, never cached, no referrer: tracking links carry a token) and the upload of
 * a file straight to storage by presigned POST.
 */

export function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

/** The JSON the server renders into the page (`<script type="application/json" id="page-data">`). */
export function readPageData<T>(): T {
  return JSON.parse(element('page-data').textContent ?? '{}') as T;
}

/** A complaint's API address under its tracking token: `complaintUrl(id, token, '/additions')`. */
export function complaintUrl(caseId: string, token: string, path = ''): string {
  return `/api/v1/complaints/${encodeURIComponent(caseId)}${path}?token=${encodeURIComponent(token)}`;
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });
}

export interface UploadSlot {
  uploadId: string;
  url: string;
  fields: Record<string, string>;
}

/** Files go straight to storage by presigned POST (never through our API); the addition then names them. */
export async function uploadToSlot(slot: UploadSlot, file: File): Promise<{ uploadId: string; name: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
  form.append('file', file);
  const response = await fetch(slot.url, { method: 'POST', body: form, referrerPolicy: 'no-referrer' });
  if (!response.ok) throw new Error(`upload answered ${response.status}`);
  return { uploadId: slot.uploadId, name: file.name };
}
