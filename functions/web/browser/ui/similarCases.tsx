/**
 * "Have we seen this before?" on the case page: the estate's past cases most like this one, with their
 * outcomes (GET /api/v1/cases/{id}/similar; docs/INSIGHT.md). Each links to its own case page.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { formatDateTime, t, tDynamic } from '../i18n';
import { href } from '../router';

interface SimilarCase {
  caseId: string;
  reference: string;
  receivedAt: string;
  category?: string;
  status: string;
  outcome?: string;
  sharedWords: string[];
}

export function SimilarCases({ caseId, timeZone }: { caseId: string; timeZone: string | undefined }) {
  const [similar, setSimilar] = useState<SimilarCase[] | null | 'failed'>(null);
  useEffect(() => {
    let current = true;
    api<{ similar: SimilarCase[] }>('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/similar`)
      .then((result) => current && setSimilar(result.status === 200 && result.body ? result.body.similar : 'failed'))
      .catch(() => current && setSimilar('failed'));
    return () => {
      current = false;
    };
  }, [caseId]);
  return (
    <section id="similar-cases" aria-labelledby="similar-title">
      <h2 id="similar-title">{t('console.similar.title')}</h2>
      {similar === null ? <p>{t('console.similar.loading')}</p> : null}
      {similar === 'failed' ? <p role="alert">{t('console.similar.failed')}</p> : null}
      {Array.isArray(similar) && similar.length === 0 ? <p>{t('console.similar.none')}</p> : null}
      {Array.isArray(similar) && similar.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('console.similar.reference')}</th>
              <th scope="col">{t('console.similar.received')}</th>
              <th scope="col">{t('console.similar.cause')}</th>
              <th scope="col">{t('console.similar.status')}</th>
              <th scope="col">{t('console.similar.outcome')}</th>
              <th scope="col">{t('console.similar.sharedWords')}</th>
            </tr>
          </thead>
          <tbody>
            {similar.map((c) => (
              <tr key={c.caseId}>
                <td>
                  <a href={href({ case: c.caseId })}>{c.reference}</a>
                </td>
                <td>{formatDateTime(c.receivedAt, timeZone)}</td>
                <td>{c.category ? tDynamic(`categories.${c.category}`, c.category) : ''}</td>
                <td>{tDynamic(`statuses.${c.status}`, c.status)}</td>
                <td>{c.outcome ? tDynamic(`outcomes.${c.outcome}`, c.outcome) : ''}</td>
                <td>{c.sharedWords.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
