/**
 * Letters to send (seed 003 書面回應): per estate, the letters to complainants without email waiting to be
 * posted or handed over, and the follow-up calls due (`GET /api/v1/estates/{estateId}/letters`). Each
 * letter prints on the estate's letterhead (`GET /api/v1/cases/{id}/letters/{key}`, opened in a window of
 * its own and printed there) and is recorded sent on the case version listed (If-Match); a call is
 * recorded on the case page.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { language, t } from '../i18n';
import type { PageProps } from '../pages';
import { href } from '../router';
import { getToken, servedEstates } from '../session';
import { useSignal } from '../state';
import { EstatePicker } from '../ui/estatePicker';

interface WritingList {
  letters: { caseId: string; reference: string; version: number; letterKey: string; subject: string; composedAt: string; printUrl: string }[];
  followUpCalls: { caseId: string; reference: string; stage: number; answerBy: string; attempts: number }[];
}

/** Opens the print-ready letter in its own window and prints it; its stylesheet is adopted (the console's policy allows no inline style). */
async function printLetter(printUrl: string): Promise<boolean> {
  const token = getToken();
  if (!token) return false;
  const response = await fetch(printUrl, { headers: { authorization: `Bearer ${token}`, accept: 'text/html' }, cache: 'no-store', credentials: 'omit' });
  if (!response.ok) return false;
  const parsed = new DOMParser().parseFromString(await response.text(), 'text/html');
  const css = parsed.querySelector('style')?.textContent ?? '';
  parsed.querySelectorAll('style, script').forEach((element) => element.remove());
  const printWindow = window.open('', '_blank');
  if (!printWindow) return false;
  const target = printWindow.document;
  target.replaceChild(target.importNode(parsed.documentElement, true), target.documentElement);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  target.adoptedStyleSheets = [sheet];
  printWindow.focus();
  printWindow.print();
  return true;
}

export default function LettersPage({ session, data }: PageProps) {
  useSignal(language);
  const served = servedEstates(session, data.estates);
  const [estateId, setEstateId] = useState(served[0]?.estateId ?? '');
  const [list, setList] = useState<WritingList | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const load = async () => {
    if (!estateId) return;
    const result = await api<WritingList>('GET', `/api/v1/estates/${encodeURIComponent(estateId)}/letters`);
    setList(result.body);
    if (!result.body) setMessage({ text: result.error?.message ?? '', error: true });
  };
  useEffect(() => void load(), [estateId]);

  const record = async (letter: WritingList['letters'][number], delivery: 'post' | 'by-hand') => {
    setMessage(null);
    const result = await api('POST', `/api/v1/cases/${encodeURIComponent(letter.caseId)}/actions`, {
      body: { type: 'record-letter-sent', letterKey: letter.letterKey, delivery },
      headers: { 'if-match': `"${letter.version}"` },
    });
    setMessage(result.status === 200 ? { text: t('console.letters.recorded'), error: false } : { text: result.error?.message ?? t('console.validation.conflict'), error: true });
    await load();
  };

  return (
    <section aria-labelledby="letters-title">
      <h1 id="letters-title">{t('console.letters.listTitle')}</h1>
      <p>{t('console.letters.listIntro')}</p>
      <EstatePicker served={served} estates={data.estates} value={estateId} onChange={setEstateId} />
      {message && (
        <p class={message.error ? 'message error' : 'message'} role="status">
          {message.text}
        </p>
      )}
      {list && list.letters.length === 0 && <p id="no-letters">{t('console.letters.none')}</p>}
      {list && list.letters.length > 0 && (
        <ul id="letters">
          {list.letters.map((letter) => (
            <li key={`${letter.caseId}-${letter.letterKey}`} data-letter={letter.letterKey}>
              <a href={href({ case: letter.caseId })}>{letter.reference}</a> · {letter.subject}{' '}
              <button type="button" onClick={() => void printLetter(letter.printUrl)}>
                {t('console.letters.print')}
              </button>{' '}
              <button type="button" onClick={() => void record(letter, 'post')}>
                {t('console.letters.posted')}
              </button>{' '}
              <button type="button" onClick={() => void record(letter, 'by-hand')}>
                {t('console.letters.handedOver')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {list && list.followUpCalls.length > 0 && (
        <>
          <h2>{t('console.letters.callTitle')}</h2>
          <p>{t('console.letters.callIntro')}</p>
          <ul id="follow-up-calls">
            {list.followUpCalls.map((call) => (
              <li key={call.caseId}>
                <a href={href({ case: call.caseId })}>{call.reference}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
