/**
 * Photos and documents on the complaint form (functions/web/complaintForm.ts): checked when chosen (at most 5,
 * 10 MB each; the type is checked by content on the server), then, once the form's script has filed the
 * complaint (its `complaint-filed` event carries the new case's tracking link), each file goes straight to
 * storage by presigned POST and `POST …/additions` `{from: 'web-form'}` attaches them to the complaint as filed:
 * the same calls and checks as the tracking page (functions/api/residentAdditions.ts). Nothing large passes
 * through our API. Text comes from the page's data block and is only ever set with textContent.
 */
import { complaintUrl, element, postJson, readPageData, type UploadSlot, uploadToSlot } from './pageKit';

const MAX_FILES = 5;
const MAX_BYTES = 10 * 1024 * 1024;

interface FilesCopy {
  tooMany: string;
  tooLarge: string;
  sending: string;
  done: string;
  failed: string;
}


const copy = readPageData<{ files: FilesCopy }>().files;
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

async function postForJson<T>(url: string, body: unknown): Promise<T> {
  const response = await postJson(url, body);
  if (!response.ok) throw new Error(`${url.split('?')[0]} answered ${response.status}`);
  return (await response.json()) as T;
}

async function addFiles(caseId: string, trackingUrl: string): Promise<void> {
  const files = chosenFiles();
  if (files.length === 0) return;
  const status = element('success-files');
  status.textContent = copy.sending;
  try {
    const token = new URL(trackingUrl, window.location.href).searchParams.get('token') ?? '';
    const { uploads } = await postForJson<{ uploads: UploadSlot[] }>(complaintUrl(caseId, token, '/uploads'), { count: files.length });
    const uploaded = await Promise.all(files.map((file, index) => uploadToSlot(uploads[index]!, file)));
    await postForJson(complaintUrl(caseId, token, '/additions'), { from: 'web-form', uploads: uploaded });
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
