/**
 * Deadline policies: the presets and the group's custom policies, and (HQ) a new custom policy.
 * A policy is validated data (deadlinePolicySchema): HQ starts from a preset's (or a policy's) copy and
 * changes every field in a form (./policyForm.ts) — id, title, source, the stages (inserted and removed
 * anywhere), and per stage and severity the working days, where the response deadline counts from, who
 * approves an extension, what its notice states and who the case escalates to — and the API validates it
 * whole with the same schema, its refusals said on the fields they name in the reader's language.
 * Policies never change once defined.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, SignedOutError } from '../../api';
import { formatNumber, language, t } from '../../i18n';
import type { PageProps } from '../../pages';
import { useSignal } from '../../state';
import type { DeadlinePolicy } from '../../../../domain/deadlinePolicySchema';
import { Form, type Values } from '../../ui/forms';
import { AdminNav, may } from './common';
import { insertStageAfter, policyFields, policyFromValues, policyValues, removeStage, stageCount } from './policyForm';
import { type ApiFieldProblem, problemErrors, problemText } from './problems';

type Policy = DeadlinePolicy;

export default function PoliciesPage({ session }: PageProps) {
  useSignal(language);
  const [policies, setPolicies] = useState<{ presets: Policy[]; custom: Policy[] } | null>(null);
  const [startFrom, setStartFrom] = useState<string>('');
  const [notice, setNotice] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  // The form's values as typed; a stage inserted or removed re-mounts the form with the renumbered values.
  const [start, setStart] = useState<{ values: Values; version: number }>({ values: {}, version: 0 });
  const typed = useRef<Values>({});

  const load = async () => {
    const result = await api<{ presets: Policy[]; custom: Policy[] }>('GET', '/api/v1/admin/deadline-policies');
    if (!result.body) return setFailed(true);
    setPolicies(result.body);
    setStartFrom((current) => current || result.body!.presets[0]?.id || '');
  };
  const reload = () =>
    load().catch((error: unknown) => {
      if (!(error instanceof SignedOutError)) setFailed(true);
    });
  useEffect(() => void reload(), []);

  const all = policies ? [...policies.presets, ...policies.custom] : [];
  const template = all.find((p) => p.id === startFrom);
  useEffect(() => {
    const values = template ? policyValues(template) : {};
    typed.current = values;
    setStart((s) => ({ values, version: s.version + 1 }));
  }, [template]);
  const [current, setCurrent] = useState<Values>({});
  useEffect(() => setCurrent(start.values), [start]);
  const fields = template ? policyFields(current) : [];
  const restart = (values: Values) => {
    typed.current = values;
    setStart((s) => ({ values, version: s.version + 1 }));
  };

  return (
    <section aria-labelledby="policies-title">
      <h1 id="policies-title">{t('console.admin.policiesTitle')}</h1>
      <AdminNav session={session} current="admin-policies" />
      {failed && <p class="message error">{t('console.admin.loadFailed')}</p>}
      {notice && (
        <p class="message" role="status">
          {notice}
        </p>
      )}
      {policies && (
        <table class="admin-table" id="policy-list">
          <caption>{t('console.admin.policyListCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.admin.policyId')}</th>
              <th scope="col">{t('console.admin.policyTitle')}</th>
              <th scope="col">{t('console.admin.policyKind')}</th>
              <th scope="col">{t('console.admin.policyStages')}</th>
              <th scope="col">{t('console.admin.policySource')}</th>
            </tr>
          </thead>
          <tbody>
            {all.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <code>{p.id}</code>
                </th>
                <td lang="en">{p.title}</td>
                <td>{t(policies.custom.includes(p) ? 'console.admin.policyCustom' : 'console.admin.policyPreset')}</td>
                <td>{formatNumber(p.stages.length)}</td>
                <td lang="en">{p.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {policies && may(session, 'deadlinePolicy.define') && (
        <section aria-labelledby="policy-define-title" class="panel-tool">
          <h2 id="policy-define-title">{t('console.admin.defineTitle')}</h2>
          <div class="field">
            <label for="policy-start">{t('console.admin.startFrom')}</label>
            <select id="policy-start" value={startFrom} onChange={(event) => setStartFrom(event.currentTarget.value)}>
              {all.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.id}
                </option>
              ))}
            </select>
          </div>
          <Form
            key={`${startFrom}#${start.version}`}
            id="policy-define"
            fields={fields}
            submitLabel={t('console.admin.definePolicy')}
            intro={t('console.admin2.policyFormIntro')}
            initial={start.values}
            onValues={(values) => {
              typed.current = values;
              // Stage titles name the rule fields' labels.
              setCurrent(values);
            }}
            onSubmit={async (values) => {
              setNotice(null);
              if (!template) return;
              const result = await api<{ policy: Policy }>('POST', '/api/v1/admin/deadline-policies', { body: policyFromValues(values) as Record<string, unknown> });
              if (result.status !== 201) {
                const problems = (result.error as { problems?: ApiFieldProblem[] } | null)?.problems;
                // `stages` alone (repeated stage ids) belongs to the first stage's id.
                if (problems) return problemErrors(fields, problems, (path) => (path === 'stages' ? 'stages.0.id' : path === '(body)' ? 'id' : path));
                // 409: the id is taken (policies never change).
                return { id: t('console.admin.policyRefused', { message: result.error ? problemText({ message: result.error.message }) : String(result.status) }) };
              }
              setNotice(t('console.admin.policyDefined', { id: result.body?.policy.id ?? '' }));
              await reload();
            }}
          >
            <fieldset class="row-actions" id="policy-stages">
              <legend>{t('console.admin2.stagesCaption')}</legend>
              {Array.from({ length: stageCount(current) }, (_, i) => (
                <p key={i}>
                  <button type="button" class="secondary small" id={`policy-insert-stage-${i + 1}`} onClick={() => restart(insertStageAfter(typed.current, i))}>
                    {t('console.admin2.insertStage', { n: i + 1 })}
                  </button>{' '}
                  {stageCount(current) > 1 && (
                    <button type="button" class="secondary small" id={`policy-remove-stage-${i + 1}`} onClick={() => restart(removeStage(typed.current, i))}>
                      {t('console.admin2.removeStage', { n: i + 1 })}
                    </button>
                  )}
                </p>
              ))}
            </fieldset>
          </Form>
        </section>
      )}
    </section>
  );
}
