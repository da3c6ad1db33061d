/**
 * The complainant's tracking page (functions/web/trackingPage.ts renders the markup and the data block):
 * reads the case through `GET /api/v1/complaints/{id}?token=…` and shows its status, milestones and story
 * (the complaint as filed, what the resident added, our response, the compensation, how to escalate), and
 * sends what the resident adds (text, and files by presigned POST straight to storage, never through our
 * API). The decisions (compensation answer, withdrawal) are ./trackingChoices.ts, bundled with it.
 * Text is only ever set with textContent.
 */
import './trackingChoices';
import { complaintUrl, element as byId, postJson, readPageData, type UploadSlot, uploadToSlot } from './pageKit';

interface TrackingPageData {
  caseId: string;
  token: string;
  language: string;
  explicit: boolean;
  languages: string[];
  locale: string;
  text: { compensationOutcome: Record<string, string>; addSending: string; addDone: string; addFailed: string; addTooMany: string; addTooLarge: string; addSend: string };
}

/** The part of `GET /api/v1/complaints/{id}` the page shows (functions/domain/publicView.ts). */
interface PublicView {
  reference: string;
  language: string;
  status: string;
  statusLabel?: string;
  estate?: { name: string };
  receivedAt: string;
  responseDueBy: string;
  timeline?: { at: string; message: string }[];
  complaint: { description: string; compensationClaim?: { amount: number; currency: string } };
  additions?: { at: string; text?: string; files: { name: string }[] }[];
  response?: { outcomeLabel: string; decision: string; reasons: string; remedy?: string; outstandingActions: { action: string; dueBy: string }[] };
  compensation?: { outcome: string; amount: number; currency: string; reasons: string };
  escalation: { stage2Available: boolean; ombudsman?: string };
}

const MAX_FILES = 5;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const STATES = ['loading', 'case', 'not-found', 'load-failed'];

const data = readPageData<TrackingPageData>();

function show(state: string): void {
  for (const s of STATES) byId(s).hidden = s !== state;
}

function formatDate(iso: string, withTime: boolean): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(data.locale, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'full' }).format(date);
  } catch {
    return date.toLocaleString();
  }
}

function timeElement(iso: string, withTime: boolean): HTMLTimeElement {
  const time = document.createElement('time');
  time.dateTime = iso;
  time.textContent = formatDate(iso, withTime);
  return time;
}

function setDate(id: string, iso: string, withTime: boolean): void {
  const el = byId(id);
  el.textContent = '';
  el.appendChild(timeElement(iso, withTime));
}

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(data.locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${currency} ${amount}`;
  }
}

function fileList(files: { name: string }[]): HTMLUListElement {
  const list = document.createElement('ul');
  for (const file of files) {
    const li = document.createElement('li');
    li.textContent = file.name;
    list.appendChild(li);
  }
  return list;
}

function render(view: PublicView): void {
  byId('case-reference').textContent = view.reference;
  byId('case-estate').textContent = view.estate?.name ?? '';
  byId('case-status').textContent = view.statusLabel || view.status;
  setDate('case-received', view.receivedAt, true);
  setDate('case-due', view.responseDueBy, false);
  const list = byId('case-timeline');
  list.textContent = '';
  for (const entry of view.timeline ?? []) {
    const item = document.createElement('li');
    const message = document.createElement('span');
    message.textContent = entry.message;
    item.appendChild(timeElement(entry.at, true));
    item.appendChild(message);
    list.appendChild(item);
  }
  // Once we have responded, the complainant can rate the response or ask for a stage-2 review.
  byId('feedback-link-box').hidden = view.status !== 'responded';
  renderStory(view);
  document.title = `${view.reference} · ${document.title}`;
  show('case');
}

function renderStory(view: PublicView): void {
  byId('complaint-text').textContent = view.complaint.description;
  const claim = view.complaint.compensationClaim;
  byId('complaint-claim').hidden = !claim;
  if (claim) byId('claim-amount').textContent = money(claim.amount, claim.currency);
  const additions = byId('additions-list');
  additions.textContent = '';
  for (const addition of view.additions ?? []) {
    const item = document.createElement('li');
    item.appendChild(timeElement(addition.at, true));
    if (addition.text) {
      const text = document.createElement('p');
      text.className = 'prewrap';
      text.textContent = addition.text;
      item.appendChild(text);
    }
    if (addition.files.length) item.appendChild(fileList(addition.files));
    additions.appendChild(item);
  }
  byId('story-additions').hidden = !view.additions?.length;
  const response = view.response;
  byId('story-response').hidden = !response;
  if (response) {
    byId('response-outcome').textContent = response.outcomeLabel;
    byId('response-decision').textContent = response.decision;
    byId('response-reasons').textContent = response.reasons;
    byId('response-remedy-label').hidden = byId('response-remedy').hidden = !response.remedy;
    byId('response-remedy').textContent = response.remedy ?? '';
    const outstanding = byId('response-outstanding');
    outstanding.textContent = '';
    for (const action of response.outstandingActions) {
      const li = document.createElement('li');
      li.textContent = `${action.action} (${formatDate(action.dueBy, false)})`;
      outstanding.appendChild(li);
    }
    byId('response-outstanding-box').hidden = response.outstandingActions.length === 0;
  }
  const compensation = view.compensation;
  byId('story-compensation').hidden = !compensation;
  if (compensation) {
    byId('compensation-text').textContent = `${data.text.compensationOutcome[compensation.outcome] ?? ''}${compensation.outcome === 'rejected' ? '' : `: ${money(compensation.amount, compensation.currency)}`}. ${compensation.reasons}`;
  }
  const escalation = view.escalation;
  byId('escalation-stage2').hidden = !escalation.stage2Available;
  byId('escalation-ombudsman').hidden = !escalation.ombudsman;
  byId('ombudsman-contact').textContent = escalation.ombudsman ?? '';
  byId('story-escalation').hidden = !escalation.stage2Available && !escalation.ombudsman;
}

const caseUrl = (path = '') => complaintUrl(data.caseId, data.token, path);

class ApiRefusal extends Error {
  constructor(readonly body: { error?: { fields?: Record<string, string> } } | null) {
    super('refused');
  }
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await postJson(caseUrl(path), body);
  const json = (await response.json().catch(() => null)) as T | null;
  if (!response.ok) throw new ApiRefusal(json as ApiRefusal['body']);
  return json as T;
}

async function addInformation(): Promise<void> {
  const status = byId('add-status');
  const sendButton = byId<HTMLButtonElement>('add-send');
  const text = byId<HTMLTextAreaElement>('add-text').value.trim();
  const files = Array.from(byId<HTMLInputElement>('add-files').files ?? []);
  if (files.length > MAX_FILES) {
    status.textContent = data.text.addTooMany;
    return;
  }
  if (files.some((f) => f.size > MAX_FILE_BYTES)) {
    status.textContent = data.text.addTooLarge;
    return;
  }
  if (!text && files.length === 0) return;
  sendButton.disabled = true;
  status.textContent = data.text.addSending;
  try {
    let uploaded: { uploadId: string; name: string }[] = [];
    if (files.length > 0) {
      const answer = await post<{ uploads: UploadSlot[] }>('/uploads', { count: files.length });
      uploaded = await Promise.all(files.map((file, i) => uploadToSlot(answer.uploads[i]!, file)));
    }
    await post('/additions', { text, uploads: uploaded });
    byId<HTMLFormElement>('add-form').reset();
    status.textContent = data.text.addDone;
    await refresh();
  } catch (error) {
    const fields = error instanceof ApiRefusal ? error.body?.error?.fields : undefined;
    status.textContent = data.text.addFailed + (fields ? ` ${Object.values(fields).join(' ')}` : '');
  } finally {
    sendButton.disabled = false;
  }
}

async function refresh(): Promise<void> {
  const response = await fetch(`${caseUrl()}&lang=${encodeURIComponent(data.language)}`, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer' });
  if (response.ok) render((await response.json()) as PublicView);
}

async function load(): Promise<void> {
  show('loading');
  try {
    const response = await fetch(caseUrl() + (data.explicit ? `&lang=${encodeURIComponent(data.language)}` : ''), { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer' });
    if (response.status === 404 || response.status === 400 || response.status === 422) {
      show('not-found');
      return;
    }
    if (!response.ok) throw new Error(`status ${response.status}`);
    const view = (await response.json()) as PublicView;
    // Follow the language the complainant chose, unless they picked one on this page.
    if (!data.explicit && view.language !== data.language && data.languages.includes(view.language)) {
      const next = new URL(window.location.href);
      next.searchParams.set('lang', view.language);
      window.location.replace(next.href);
      return;
    }
    render(view);
  } catch {
    show('load-failed');
  }
}

byId('add-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void addInformation();
});
byId('retry').addEventListener('click', () => void load());
void load();
