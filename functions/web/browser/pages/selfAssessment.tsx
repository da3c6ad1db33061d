/**
 * The annual self-assessments (`/staff?view=self-assessment&from&to&estateId`): the Housing Ombudsman
 * Complaint Handling Code (2024) and ISO 10002:2018, each provision or clause with the period's figures from
 * `GET /api/v1/reports/self-assessment` (each figure opens its cases in the queue), the gaps they show and the
 * platform's controls; what needs a person's statement is marked so. The same document downloads as XLSX in
 * the reader's language. Texts: the `selfAssessment` block of the catalogues, through the same wording
 * functions as the XLSX (functions/domain/insight/selfAssessmentText.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import type { AssessmentItem, Evidence, SelfAssessment } from '../../../domain/insight/selfAssessment';
import { controlText, figureText, gapText, itemLabel, measureLabel, type Standard } from '../../../domain/insight/selfAssessmentText';
import { INTL_LOCALES } from '../../../messages/lookup';
import { api, saveDownload } from '../api';
import { language, t } from '../i18n';
import type { PageProps } from '../pages';
import { href } from '../router';
import { servedEstates } from '../session';
import { useSignal } from '../state';
import { queueHref } from '../ui/insight';

type LinkedEvidence = Evidence & { casesLink?: string };
type LinkedItem = Omit<AssessmentItem, 'evidence'> & { evidence: LinkedEvidence[] };
type Document = Omit<SelfAssessment, 'housingOmbudsman' | 'iso10002'> & {
  period: { from: string; to: string };
  scope: 'group' | 'estates';
  estateIds: string[];
  housingOmbudsman: LinkedItem[];
  iso10002: LinkedItem[];
};

const FILTERS = ['from', 'to', 'estateId'] as const;

export default function SelfAssessmentPage({ params, session, data }: PageProps) {
  const lang = useSignal(language);
  const query = new URLSearchParams(FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name)!]] : [])));
  const key = query.toString();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; document: Document }>({ kind: 'loading' });
  const [downloading, setDownloading] = useState(false);

  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    void api<Document>('GET', `/api/v1/reports/self-assessment?${key}`).then((result) => {
      if (!current) return;
      if (result.status === 200 && result.body) setState({ kind: 'ready', document: result.body });
      else setState({ kind: 'failed', message: (result.error?.fields ? Object.values(result.error.fields).join('; ') : '') || result.error?.message || String(result.status) });
    });
    return () => {
      current = false;
    };
  }, [key]);

  // The XLSX needs the bearer token, so it is fetched and handed to the browser as a file.
  const download = async () => {
    setDownloading(true);
    try {
      await saveDownload(`/api/v1/reports/self-assessment?${key}${key ? '&' : ''}format=xlsx&language=${lang}`, 'self-assessment.xlsx');
    } finally {
      setDownloading(false);
    }
  };

  const served = servedEstates(session, data.estates);
  const locale = INTL_LOCALES[lang];
  return (
    <section aria-labelledby="self-assessment-title">
      <h1 id="self-assessment-title">{t('selfAssessment.title')}</h1>
      <p class="hint">{t('selfAssessment.intro')}</p>
      <form method="get" action={href({ view: 'self-assessment' })} class="filters" id="self-assessment-filters">
        <input type="hidden" name="view" value="self-assessment" />
        <label>
          {t('selfAssessment.from')}
          <input type="month" name="from" value={params.get('from') ?? ''} />
        </label>
        <label>
          {t('selfAssessment.to')}
          <input type="month" name="to" value={params.get('to') ?? ''} />
        </label>
        <label>
          {t('selfAssessment.estates')}
          <select name="estateId" value={params.get('estateId') ?? ''}>
            {session.estates === 'all' && <option value="">{t('selfAssessment.allEstates')}</option>}
            {served.map((e) => (
              <option value={e.estateId} key={e.estateId}>{e.names[lang] ?? e.estateId}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t('selfAssessment.show')}</button>
        <button type="button" class="secondary" id="self-assessment-download" disabled={downloading || state.kind !== 'ready'} onClick={() => void download()}>
          {t('selfAssessment.download')}
        </button>
      </form>
      <p role="status" class="hint">{state.kind === 'loading' ? t('selfAssessment.loading') : state.kind === 'failed' ? `${t('selfAssessment.failed')} ${state.message}` : ''}</p>
      {state.kind === 'ready' && (
        <>
          <p>
            {t('selfAssessment.period')}: {state.document.period.from} – {state.document.period.to} ·{' '}
            {state.document.scope === 'group' ? t('selfAssessment.allEstates') : state.document.estateIds.join(', ')}
          </p>
          <h2>{t('selfAssessment.policies')}</h2>
          <table class="figures" id="self-assessment-policies">
            <thead>
              <tr>
                <th scope="col">{t('selfAssessment.policy')}</th>
                <th scope="col">{t('selfAssessment.policyEstates')}</th>
                <th scope="col">{t('selfAssessment.stage', { stage: '' }).trim()}</th>
                <th scope="col">{t('selfAssessment.acknowledge')}</th>
                <th scope="col">{t('selfAssessment.respond')}</th>
                <th scope="col">{t('selfAssessment.maxExtension')}</th>
              </tr>
            </thead>
            <tbody>
              {state.document.policies.flatMap((policy) =>
                policy.stages.map((stage) => (
                  <tr key={`${policy.policyId}-${stage.stage}`}>
                    <th scope="row">{policy.title}</th>
                    <td>{policy.estates}</td>
                    <td>{stage.stage}</td>
                    <td>{stage.acknowledgeWithinWorkingDays ?? t('selfAssessment.none')}</td>
                    <td>{stage.respondWithinWorkingDays}</td>
                    <td>{stage.maxExtensionWorkingDays ?? t('selfAssessment.none')}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          <AssessmentTable standard="housingOmbudsman" items={state.document.housingOmbudsman} locale={locale} />
          <AssessmentTable standard="iso10002" items={state.document.iso10002} locale={locale} />
        </>
      )}
    </section>
  );
}

function AssessmentTable({ standard, items, locale }: { standard: Standard; items: LinkedItem[]; locale: string }) {
  const id = `self-assessment-${standard}`;
  return (
    <>
      <h2 id={`${id}-title`}>{t(standard === 'iso10002' ? 'selfAssessment.iso10002' : 'selfAssessment.housingOmbudsman')}</h2>
      <table class="figures self-assessment" id={id} aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{t(standard === 'iso10002' ? 'selfAssessment.clause' : 'selfAssessment.provision')}</th>
            <th scope="col">{t('selfAssessment.evidence')}</th>
            <th scope="col">{t('selfAssessment.gapsFound')}</th>
            <th scope="col">{t('selfAssessment.controlsHeading')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-item={item.id} class={item.kind === 'statement' ? 'statement' : undefined}>
              <th scope="row">{itemLabel(standard, item.id, t)}</th>
              <td>
                {item.kind === 'statement' ? (
                  <strong>{t('selfAssessment.toComplete')}</strong>
                ) : (
                  <ul>
                    {item.evidence.map((e) => {
                      const link = queueHref(e.casesLink);
                      const value = figureText(e, t, locale);
                      return (
                        <li key={e.measure}>
                          {measureLabel(e.measure, t)}: {link ? <a href={link}>{value}</a> : value}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </td>
              <td>{item.kind === 'statement' ? '' : item.gaps.length === 0 ? t('selfAssessment.noGap') : <ul>{item.gaps.map((g) => <li key={g.gap}>{gapText(g, t)}</li>)}</ul>}</td>
              <td>{item.controls.length === 0 ? '' : <ul>{item.controls.map((c) => <li key={c}>{controlText(c, t)}</li>)}</ul>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
