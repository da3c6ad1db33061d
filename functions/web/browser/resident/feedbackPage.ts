/**
 * The satisfaction confirmation page's behaviour (functions/web/feedbackPage.ts renders the markup with the
 * rating clicked in the email pre-selected). Opening the page records nothing: it reads the case through the
 * tracking API (to show the reference and follow the complainant's language unless `?lang=` was given); only
 * the Confirm button posts the rating (`POST …/feedback`), and only the confirmed stage-2 request posts
 * `POST …/stage-2`. Text comes from the page's data block and is only ever set with textContent.
 */
import { complaintUrl, element, postJson, readPageData } from './pageKit';

interface FeedbackCopy {
  confirm: string;
  sending: string;
  outcomeRequired: string;
  failed: string;
  stage2Already: string;
  stage2NotYet: string;
  notAwaitingBody: string;
}

interface FeedbackPageData {
  caseId: string;
  token: string;
  language: string;
  /** The language came from `?lang=`: keep it. */
  explicit: boolean;
  languages: string[];
  /** An outcome rating at or below this reopens the complaint as stage 2 (the server decides; the page explains). */
  reopensAtOrBelow: number;
  copy: FeedbackCopy;
}

interface ApiResult {
  status: number;
  body: { error?: { code?: string } } | null;
}

const data = readPageData<FeedbackPageData>();
const copy = data.copy;
const form = element<HTMLFormElement>('feedback-form');
const confirmButton = element<HTMLButtonElement>('confirm');
const stage2 = element('stage2');
const stage2Start = element<HTMLButtonElement>('stage2-start');
const stage2Confirm = element('stage2-confirm');
const stage2Yes = element<HTMLButtonElement>('stage2-yes');
const stage2Error = element('stage2-error');
const formError = element('form-error');
const PANELS = ['thanks', 'already', 'not-awaiting', 'not-found', 'stage2-done'] as const;
type Panel = (typeof PANELS)[number];
let sending = false;

function showPanel(id: Panel): void {
  for (const panel of PANELS) element(panel).hidden = panel !== id;
  element(id).focus();
}

function showForm(visible: boolean): void {
  form.hidden = !visible;
  stage2.hidden = !visible;
}

async function post(path: string, body: unknown): Promise<ApiResult> {
  const response = await postJson(complaintUrl(data.caseId, data.token, path), body);
  return { status: response.status, body: (await response.json().catch(() => null)) as ApiResult['body'] };
}

const errorCode = (result: ApiResult) => result.body?.error?.code ?? '';

function checked(name: string): number | undefined {
  const input = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
  return input ? Number(input.value) : undefined;
}

function setOutcomeError(message: string | null): void {
  const error = element('outcome-error');
  error.textContent = message ?? '';
  error.hidden = !message;
  element('field-outcome').classList.toggle('has-error', !!message);
}

function showFormError(): void {
  formError.textContent = copy.failed;
  formError.hidden = false;
}

async function sendRating(outcome: number): Promise<void> {
  const body: { outcomeRating: number; processRating?: number; comment?: string } = { outcomeRating: outcome };
  const process = checked('process');
  if (process) body.processRating = process;
  const comment = element<HTMLTextAreaElement>('comment').value.trim();
  if (comment) body.comment = comment;
  try {
    const result = await post('/feedback', body);
    const code = errorCode(result);
    if (result.status === 200) {
      showForm(false);
      const reopened = outcome <= data.reopensAtOrBelow;
      element('thanks-reopened').hidden = !reopened;
      showPanel('thanks');
      // A satisfied complainant may still ask for stage 2 later; a dissatisfied rating already reopened the case.
      stage2.hidden = reopened;
      return;
    }
    if (result.status === 409 && code === 'already_rated') {
      showForm(false);
      stage2.hidden = false;
      showPanel('already');
      return;
    }
    if (result.status === 409 && code === 'not_awaiting_feedback') {
      showForm(false);
      showPanel('not-awaiting');
      return;
    }
    if (result.status === 404) {
      showForm(false);
      showPanel('not-found');
      return;
    }
    showFormError();
  } catch {
    showFormError();
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (sending) return;
  formError.hidden = true;
  const outcome = checked('outcome');
  if (!outcome) {
    setOutcomeError(copy.outcomeRequired);
    element('outcome-1').focus();
    return;
  }
  setOutcomeError(null);
  sending = true;
  confirmButton.disabled = true;
  confirmButton.textContent = copy.sending;
  void sendRating(outcome).finally(() => {
    sending = false;
    confirmButton.disabled = false;
    confirmButton.textContent = copy.confirm;
  });
});

function setExpanded(open: boolean): void {
  stage2Confirm.hidden = !open;
  stage2Start.setAttribute('aria-expanded', open ? 'true' : 'false');
}

stage2Start.addEventListener('click', () => {
  stage2Error.hidden = true;
  setExpanded(true);
  stage2Yes.focus();
});
element('stage2-cancel').addEventListener('click', () => {
  setExpanded(false);
  stage2Start.focus();
});

async function askStage2(): Promise<void> {
  try {
    const result = await post('/stage-2', {});
    const code = errorCode(result);
    if (result.status === 200) {
      showForm(false);
      showPanel('stage2-done');
      return;
    }
    if (result.status === 404) {
      showForm(false);
      showPanel('not-found');
      return;
    }
    setExpanded(false);
    stage2Error.textContent = code === 'already_stage_2' ? copy.stage2Already : code === 'not_yet_responded' ? copy.stage2NotYet : copy.failed;
    stage2Error.hidden = false;
  } catch {
    stage2Error.textContent = copy.failed;
    stage2Error.hidden = false;
  }
}

stage2Yes.addEventListener('click', () => {
  if (sending) return;
  sending = true;
  stage2Yes.disabled = true;
  stage2Error.hidden = true;
  void askStage2().finally(() => {
    sending = false;
    stage2Yes.disabled = false;
  });
});

/** Reading the case records nothing: it shows the reference and follows the complainant's language. */
async function load(): Promise<void> {
  const loading = element('loading');
  loading.hidden = false;
  try {
    const url = complaintUrl(data.caseId, data.token) + (data.explicit ? `&lang=${encodeURIComponent(data.language)}` : '');
    const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer' });
    loading.hidden = true;
    if (response.status === 404 || response.status === 400 || response.status === 422) {
      showForm(false);
      showPanel('not-found');
      return;
    }
    if (!response.ok) {
      showForm(true);
      return;
    }
    const view = (await response.json()) as { language: string; reference: string };
    if (!data.explicit && view.language !== data.language && data.languages.includes(view.language)) {
      const next = new URL(window.location.href);
      next.searchParams.set('lang', view.language);
      window.location.replace(next.href);
      return;
    }
    element('case-reference').textContent = view.reference;
    element('reference-line').hidden = false;
    document.title = `${view.reference} · ${document.title}`;
    showForm(true);
  } catch {
    loading.hidden = true;
    showForm(true);
  }
}
void load();

// An ES module (the page loads it as type="module"): its names stay its own.
export {};
