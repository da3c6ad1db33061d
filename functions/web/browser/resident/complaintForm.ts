/**
 * The complaint form's behaviour (functions/web/complaintForm.ts renders the markup, server-side, in the
 * resident's language): shows the form (without this module it stays hidden and the noscript notice
 * shows), posts the complaint to `POST /api/v1/complaints` with one Idempotency-Key per page load (a
 * retried or double-clicked submission is one complaint), places the API's field errors beside each field
 * and in a summary, and shows the reference and the private tracking link once filed. The chosen photos
 * follow in ./complaintFormFiles (imported below; it listens for `complaint-filed`).
 * Text comes from the page's data block and is only ever set with textContent.
 */
import './complaintFormFiles';
import { element, postJson, readPageData } from './pageKit';

/** The field messages the server rendered for the page's language (functions/web/webCopy.ts). */
interface FormCopy {
  submit: string;
  submitting: string;
  errors: Record<string, { required: string; invalid: string }>;
  otherFieldError: string;
  keyReused: string;
  tooLarge: string;
  failed: string;
  successTitle: string;
}

interface FormPageData {
  /** The API's field names, in the form's order. */
  fields: string[];
  /** API field → the id of the control that shows it. */
  inputIds: Record<string, string>;
  copy: FormCopy;
}

interface Submission {
  estateId: string;
  buildingId?: string;
  unit: string;
  name: string;
  email: string;
  language: string;
  channel: 'web';
  description: string;
  phone?: string;
  dangerNow?: true;
  compensationClaim?: { currency: string; amount?: number | string; reason?: string };
}

interface SummaryItem {
  text: string;
  target?: string;
}

const data = readPageData<FormPageData>();
const copy = data.copy;
const form = element<HTMLFormElement>('complaint-form');
const submit = element<HTMLButtonElement>('submit');
const summary = element('error-summary');
const summaryList = element('error-summary-list');
const success = element('success');
const claimToggle = element<HTMLInputElement>('claim-toggle');
const claimFields = element('claim-fields');
const estate = element<HTMLSelectElement>('estateId');
const currency = element<HTMLSelectElement>('claim-currency');
let currencyChosen = false;
let sending = false;

// Without this module the form cannot be sent, so it stays hidden and the noscript notice shows instead.
form.hidden = false;

function value(id: string): string {
  const control = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  return control ? control.value.trim() : '';
}

// One key per page load: resubmitting this page is the same complaint, never a duplicate.
// randomUUID needs a secure context; a page served over plain http (a test LAN) builds a v4 UUID itself.
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
const idempotencyKey = newIdempotencyKey();

function syncClaim(): void {
  claimFields.hidden = !claimToggle.checked;
  claimToggle.setAttribute('aria-expanded', claimToggle.checked ? 'true' : 'false');
}
claimToggle.addEventListener('change', syncClaim);
syncClaim();
currency.addEventListener('change', () => {
  currencyChosen = true;
});
// The estate's jurisdiction suggests the claim's currency until the resident picks one.
// Only the chosen estate's buildings are offered; an estate without buildings shows no building field.
const building = element<HTMLSelectElement>('buildingId');
function syncBuildings() {
  let offered = 0;
  for (const option of Array.from(building.options)) {
    const estateOfOption = option.getAttribute('data-estate');
    if (estateOfOption === null) continue;
    const mine = estateOfOption === estate.value;
    option.hidden = !mine;
    option.disabled = !mine;
    if (mine) offered += 1;
  }
  if (building.selectedOptions[0]?.disabled) building.value = '';
  element('building-choice').hidden = offered === 0;
}
syncBuildings();
estate.addEventListener('change', syncBuildings);
estate.addEventListener('change', () => {
  const preferred = estate.options[estate.selectedIndex]?.getAttribute('data-currency');
  if (preferred && !currencyChosen) currency.value = preferred;
});

function setFieldError(inputId: string, message: string | null): void {
  const input = document.getElementById(inputId);
  const box = document.getElementById(`field-${inputId}`);
  const error = document.getElementById(`${inputId}-error`);
  if (!input || !box || !error) return;
  error.textContent = message ?? '';
  error.hidden = !message;
  if (message) {
    input.setAttribute('aria-invalid', 'true');
    box.classList.add('has-error');
  } else {
    input.removeAttribute('aria-invalid');
    box.classList.remove('has-error');
  }
}

function clearErrors(): void {
  for (const field of data.fields) setFieldError(data.inputIds[field]!, null);
  summaryList.textContent = '';
  summary.hidden = true;
}

function showSummary(items: readonly SummaryItem[]): void {
  summaryList.textContent = '';
  for (const item of items) {
    const li = document.createElement('li');
    const target = item.target;
    if (target) {
      const a = document.createElement('a');
      a.href = `#${target}`;
      a.textContent = item.text;
      a.addEventListener('click', (event) => {
        event.preventDefault();
        const control = element(target);
        control.focus();
        control.scrollIntoView({ block: 'center' });
      });
      li.appendChild(a);
    } else {
      li.textContent = item.text;
    }
    summaryList.appendChild(li);
  }
  summary.hidden = false;
  summary.focus();
}

/** An empty field was left out; a filled one was refused: the two messages differ. */
function messageFor(field: string): string {
  const messages = copy.errors[field]!;
  return value(data.inputIds[field]!) === '' ? messages.required : messages.invalid;
}

function showFieldErrors(fields: Record<string, unknown>): void {
  const items: SummaryItem[] = [];
  for (const field of data.fields) {
    if (!Object.prototype.hasOwnProperty.call(fields, field)) continue;
    const message = messageFor(field);
    setFieldError(data.inputIds[field]!, message);
    items.push({ text: message, target: data.inputIds[field]! });
  }
  const other = Object.keys(fields).some((field) => !data.fields.includes(field));
  if (other || items.length === 0) items.push({ text: copy.otherFieldError });
  showSummary(items);
}

/** The tracking link as a same-origin path where it can be; anything but http(s) is not offered. */
function trackingHref(url: string): string | null {
  try {
    const u = new URL(url, window.location.href);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.origin === window.location.origin ? u.pathname + u.search : u.href;
  } catch {
    return null;
  }
}

function showSuccess(created: { id: string; reference: string; trackingUrl: string }): void {
  element('success-reference').textContent = created.reference;
  const link = element<HTMLAnchorElement>('success-link');
  const href = trackingHref(created.trackingUrl);
  if (href) link.href = href;
  else if (link.parentElement) link.parentElement.hidden = true;
  form.hidden = true;
  element('intro').hidden = true;
  success.hidden = false;
  document.title = `${copy.successTitle} ${created.reference}`;
  success.focus();
  // ./complaintFormFiles adds the chosen photos with the new case's tracking link.
  document.dispatchEvent(new CustomEvent('complaint-filed', { detail: { id: created.id, trackingUrl: created.trackingUrl } }));
}

function buildSubmission(): Submission {
  const submission: Submission = {
    estateId: value('estateId'),
    unit: value('unit'),
    name: value('name'),
    email: value('email'),
    language: value('reply-language'),
    channel: 'web',
    description: value('description'),
  };
  const phone = value('phone');
  if (phone) submission.phone = phone;
  const buildingId = value('buildingId');
  if (buildingId) submission.buildingId = buildingId;
  if (element<HTMLInputElement>('danger-now').checked) submission.dangerNow = true;
  if (claimToggle.checked) {
    const claim: NonNullable<Submission['compensationClaim']> = { currency: value('claim-currency') };
    const amount = value('claim-amount').replace(/[,\s]/g, '');
    // A number when it reads as one; otherwise the text goes as typed, so the API names the field.
    if (amount !== '') claim.amount = /^[0-9]+([.][0-9]+)?$/.test(amount) ? Number(amount) : amount;
    const reason = value('claim-reason');
    if (reason) claim.reason = reason;
    submission.compensationClaim = claim;
  }
  return submission;
}

interface ApiAnswer {
  reference?: string;
  id?: string;
  trackingUrl?: string;
  error?: { fields?: Record<string, unknown> };
}

function handle(status: number, body: ApiAnswer | null): void {
  if (status === 201 && body?.reference) return showSuccess({ id: body.id ?? '', reference: body.reference, trackingUrl: body.trackingUrl ?? '' });
  const fields = body?.error?.fields;
  if ((status === 400 || status === 422) && fields) return showFieldErrors(fields);
  if (status === 409) return showSummary([{ text: copy.keyReused }]);
  if (status === 413) return showSummary([{ text: copy.tooLarge }]);
  showSummary([{ text: copy.failed }]);
}

async function send(): Promise<void> {
  try {
    const response = await postJson('/api/v1/complaints', buildSubmission(), { 'idempotency-key': idempotencyKey });
    const body = (await response.json().catch(() => null)) as ApiAnswer | null;
    handle(response.status, body);
  } catch {
    showSummary([{ text: copy.failed }]);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (sending) return;
  sending = true;
  clearErrors();
  submit.disabled = true;
  submit.textContent = copy.submitting;
  void send().finally(() => {
    sending = false;
    submit.disabled = false;
    submit.textContent = copy.submit;
  });
});
