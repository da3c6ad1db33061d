/**
 * The complainant's decisions on the tracking page (functions/web/trackingPage.ts renders the markup; the
 * API decides, functions/domain/lifecycle/residentChoices.ts): accept or decline the compensation offered,
 * and withdraw the complaint. Each takes a confirmation step before anything is sent; nothing is recorded
 * by opening the page. Text comes from the page's data block (three languages, functions/web/webCopy.ts)
 * and is only ever set with textContent.
 */
import { complaintUrl, element, postJson, readPageData } from './pageKit';

interface ChoicesCopy {
  confirmAccept: string;
  confirmDecline: string;
  sending: string;
  accepted: string;
  declined: string;
  failed: string;
  withdrawDone: string;
  withdrawRequested: string;
}

interface TrackingPageData {
  caseId: string;
  token: string;
  language: string;
  choices: ChoicesCopy;
}

/** The part of `GET /api/v1/complaints/{id}` this module reads (functions/domain/publicView.ts `choices`). */
interface CaseChoices {
  compensationAnswerable: boolean;
  compensationAnswer?: 'accepted' | 'declined';
  withdrawable: boolean;
  withdrawalRequested: boolean;
}

const pageData = readPageData<TrackingPageData>();
const copy = pageData.choices;

const caseUrl = (path = '') => complaintUrl(pageData.caseId, pageData.token, path);

async function send(path: string, body: unknown): Promise<boolean> {
  return (await postJson(caseUrl(path), body)).ok;
}

function render(choices: CaseChoices): void {
  element('compensation-choice').hidden = !choices.compensationAnswerable;
  const answer = choices.compensationAnswer;
  element('compensation-answer').textContent = answer === 'accepted' ? copy.accepted : answer === 'declined' ? copy.declined : '';
  element('withdraw').hidden = !choices.withdrawable;
  if (choices.withdrawalRequested && !element('withdraw-status').textContent) element('withdraw-status').textContent = copy.withdrawRequested;
}

async function refresh(): Promise<void> {
  const response = await fetch(`${caseUrl()}&lang=${encodeURIComponent(pageData.language)}`, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer' });
  if (!response.ok) return;
  const view = (await response.json()) as { choices?: CaseChoices };
  if (view.choices) render(view.choices);
}

/** Compensation: the first click chooses, the confirmation sends. */
let pendingAnswer: 'accept' | 'decline' | undefined;
function askToConfirm(answer: 'accept' | 'decline'): void {
  pendingAnswer = answer;
  element('compensation-confirm-text').textContent = answer === 'accept' ? copy.confirmAccept : copy.confirmDecline;
  element('compensation-confirm').hidden = false;
  element('compensation-confirm-yes').focus();
}
element('compensation-accept').addEventListener('click', () => askToConfirm('accept'));
element('compensation-decline').addEventListener('click', () => askToConfirm('decline'));
element('compensation-confirm-no').addEventListener('click', () => {
  pendingAnswer = undefined;
  element('compensation-confirm').hidden = true;
  element('compensation-accept').focus();
});
element<HTMLButtonElement>('compensation-confirm-yes').addEventListener('click', (event) => void confirmAnswer(event.currentTarget as HTMLButtonElement));
async function confirmAnswer(button: HTMLButtonElement): Promise<void> {
  if (!pendingAnswer) return;
  const status = element('compensation-answer');
  button.disabled = true;
  status.textContent = copy.sending;
  try {
    if (!(await send('/compensation-answer', { answer: pendingAnswer }))) throw new Error('refused');
    element('compensation-confirm').hidden = true;
    status.textContent = '';
    await refresh();
  } catch {
    status.textContent = copy.failed;
  } finally {
    button.disabled = false;
  }
}

/** Withdrawal: submitting the form asks for confirmation; only the confirmation sends. */
element('withdraw-form').addEventListener('submit', (event) => {
  event.preventDefault();
  element('withdraw-confirm').hidden = false;
  element('withdraw-confirm-yes').focus();
});
element('withdraw-confirm-no').addEventListener('click', () => {
  element('withdraw-confirm').hidden = true;
  element('withdraw-send').focus();
});
element<HTMLButtonElement>('withdraw-confirm-yes').addEventListener('click', (event) => void confirmWithdrawal(event.currentTarget as HTMLButtonElement));
async function confirmWithdrawal(button: HTMLButtonElement): Promise<void> {
  const status = element('withdraw-status');
  const reason = element<HTMLTextAreaElement>('withdraw-reason').value.trim();
  button.disabled = true;
  status.textContent = copy.sending;
  try {
    if (!(await send('/withdrawal', { confirm: true, ...(reason ? { reason } : {}) }))) throw new Error('refused');
    status.textContent = copy.withdrawDone;
    element('withdraw').hidden = true;
  } catch {
    status.textContent = copy.failed;
  } finally {
    button.disabled = false;
  }
}

void refresh();

// An ES module (the page loads it as type="module"): its names stay its own.
export {};
