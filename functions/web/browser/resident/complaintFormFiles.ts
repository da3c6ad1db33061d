/**
 * Photos and documents on the complaint form (functions/web/complaintForm.ts): checked when chosen (at most 5,
 * 10 MB each; the type is checked by content on the server), then, once the form's script has filed the
 * complaint (its `complaint-filed` event carries the new case's tracking link), each file goes straight to
 * storage by presigned POST and `POST …/additions` `{from: 'web-form'}` attaches them to the complaint as filed:
 * the same calls and checks as the tracking page (functions/api/residentAdditions.ts). Nothing large passes
 * through our API. Text comes from the page's data block and is only ever set with textContent.
 */

const MAX_FILES = 5;
const MAX_BYTES = 10 * 1024 * 1024;

interface FilesCopy {
  tooMany: string;
  tooLarge: string;
  sending: string;
  done: string;
  failed: string;
}

interface UploadSlot {
  uploadId: string;
  url: string;
  fields: Record<string, string>;
}

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

const copy = (JSON.parse(element('page-data').textContent ?? '{}') as { files: FilesCopy }).files;
const input = element<HTMLInputElement>('complaint-files');
const problem = element('complaint-files-error');

function chosenFiles(): File[] {
  return Array.from(input.files ?? []);
}

/** Refused before anything is filed: the resident picks again. */
function checkChoice(): boolean {
  const files = chosenFiles();
  const message = files.length > MAX_FILES ? copy.tooMany : files.some((f) => f.size > MAX_BYTES) ? copy.tooLarge : '';
  problem.textContent = message;
  problem.hidden = !message;
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  return !message;
}
input.addEventListener('change', () => void checkChoice());
// The form's own script files the complaint on submit; a choice that breaks the limits stops it first.
element('complaint-form').addEventListener(
  'submit',
  (event) => {
    if (checkChoice()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    input.focus();
  },
  { capture: true },
);

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });
  if (!response.ok) throw new Error(`${url.split('?')[0]} answered ${response.status}`);
  return (await response.json()) as T;
}

async function upload(slot: UploadSlot, file: File): Promise<{ uploadId: string; name: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
  form.append('file', file);
  const response = await fetch(slot.url, { method: 'POST', body: form, referrerPolicy: 'no-referrer' });
  if (!response.ok) throw new Error(`upload answered ${response.status}`);
  return { uploadId: slot.uploadId, name: file.name };
}

async function addFiles(caseId: string, trackingUrl: string): Promise<void> {
  const files = chosenFiles();
  if (files.length === 0) return;
  const status = element('success-files');
  status.textContent = copy.sending;
  try {
    const token = new URL(trackingUrl, window.location.href).searchParams.get('token') ?? '';
    const base = `/api/v1/complaints/${encodeURIComponent(caseId)}`;
    const query = `?token=${encodeURIComponent(token)}`;
    const { uploads } = await postJson<{ uploads: UploadSlot[] }>(`${base}/uploads${query}`, { count: files.length });
    const uploaded = await Promise.all(files.map((file, index) => upload(uploads[index]!, file)));
    await postJson(`${base}/additions${query}`, { from: 'web-form', uploads: uploaded });
    status.textContent = copy.done;
  } catch {
    status.textContent = copy.failed;
  }
}

document.addEventListener('complaint-filed', (event) => {
  const { id, trackingUrl } = (event as CustomEvent<{ id: string; trackingUrl: string }>).detail;
  void addFiles(id, trackingUrl);
});

// An ES module (the page loads it as type="module"): its names stay its own.
export {};
