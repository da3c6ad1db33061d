/**
 * The duty log (《值班記錄表》, seed 001 §5.1.2 C): per estate, every entry of its class-3 complaints, oldest
 * observation first (`GET /api/v1/estates/{estateId}/duty-log`), with the same list as a CSV download and a link to
 * the estate's public notice page. Entries are added on the case page (action `duty-log`); none is ever changed.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, saveDownload } from '../api';
import { formatDateTime, language, t } from '../i18n';
import type { PageProps } from '../pages';
import { href } from '../router';
import { servedEstates } from '../session';
import { useSignal } from '../state';
import { EstatePicker } from '../ui/estatePicker';

interface DutyLogList {
  entries: { caseId: string; reference: string; entryId: string; observedAt: string; observed: string; actionTaken: string; recordedBy: string; recordedAt: string }[];
}

export default function DutyLogPage({ session, data }: PageProps) {
  useSignal(language);
  const served = servedEstates(session, data.estates);
  const [estateId, setEstateId] = useState(served[0]?.estateId ?? '');
  const [list, setList] = useState<DutyLogList | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!estateId) return;
    setFailed(false);
    void api<DutyLogList>('GET', `/api/v1/estates/${encodeURIComponent(estateId)}/duty-log`).then((result) => {
      setList(result.body);
      if (!result.body) setFailed(true);
    });
  }, [estateId]);

  return (
    <section aria-labelledby="duty-log-title">
      <h1 id="duty-log-title">{t('console.dutyLog.listTitle')}</h1>
      <p>{t('console.dutyLog.listIntro')}</p>
      <EstatePicker served={served} estates={data.estates} value={estateId} onChange={setEstateId} />
      <p>
        <button type="button" id="duty-log-csv" onClick={() => void saveDownload(`/api/v1/estates/${encodeURIComponent(estateId)}/duty-log?format=csv`, `duty-log-${estateId}.csv`, 'text/csv').then((ok) => setFailed(!ok))}>
          {t('console.dutyLog.downloadCsv')}
        </button>{' '}
        <a href={`/estates/${encodeURIComponent(estateId)}/notices?lang=${language.get()}`} target="_blank" rel="noopener noreferrer">
          {t('console.dutyLog.noticePage')}
        </a>
      </p>
      {failed && <p class="message error">{t('console.dutyLog.loadFailed')}</p>}
      {list && list.entries.length === 0 && <p id="no-duty-log">{t('console.dutyLog.none')}</p>}
      {list && list.entries.length > 0 && (
        <table id="duty-log">
          <caption>{t('console.dutyLog.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.dutyLog.observedAt')}</th>
              <th scope="col">{t('console.dutyLog.case')}</th>
              <th scope="col">{t('console.dutyLog.observed')}</th>
              <th scope="col">{t('console.dutyLog.actionTaken')}</th>
              <th scope="col">{t('console.dutyLog.recordedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {list.entries.map((entry) => (
              <tr key={`${entry.caseId}-${entry.entryId}`}>
                <td>{formatDateTime(entry.observedAt)}</td>
                <td>
                  <a href={href({ case: entry.caseId })}>{entry.reference}</a>
                </td>
                <td class="prewrap">{entry.observed}</td>
                <td class="prewrap">{entry.actionTaken}</td>
                <td>
                  {entry.recordedBy} · {formatDateTime(entry.recordedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
