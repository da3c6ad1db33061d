/**
 * The group's estates: the list (deactivate / reactivate), one estate at a time in a form, and a whole
 * CSV/XLSX file. A file is validated whole by the API: refused with line-numbered, field-level problems
 * and nothing written, or written (a long file in several requests of the same file, until complete).
 * Problems come as codes and are said in the reader's language (./problems.ts). The form gives any number
 * of departments their mailbox, one row each.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { HOLIDAY_CALENDARS, JURISDICTIONS } from '../../../../domain/estate';
import { LANGUAGES } from '../../../../domain/vocabulary';
import { api, type ApiError, SignedOutError } from '../../api';
import { formatNumber, language, t } from '../../i18n';
import type { PageProps } from '../../pages';
import { useSignal } from '../../state';
import { readDraft } from '../../ui/drafts';
import { type FieldSpec, Form, serialise, serverErrors, type Values } from '../../ui/forms';
import { buildingFields, buildingProblemField, buildingRowsIn, buildingsBody } from './buildingRows';
import { AdminNav, may } from './common';
import { type ApiFieldProblem, type ApiProblem, inEnglishOnly, problemErrors, problemText } from './problems';

interface AdminEstate {
  estateId: string;
  names: Record<string, string>;
  jurisdiction: string;
  holidayCalendar?: string;
  timeZone: string;
  homes?: number;
  active?: boolean;
  deadlinePolicyId?: string;
}
interface Department {
  departmentId: string;
  names: Record<string, string>;
}
interface ImportProblem extends ApiProblem {
  line: number;
  column: string;
}
/** A refused file: the API's error with every problem (up to 1,000) and their count. */
interface ImportRefusal extends ApiError {
  problems?: ImportProblem[];
  problemCount?: number;
}
interface ImportSummary {
  estates: number;
  created: number;
  updated: number;
  unchanged: number;
  complete: boolean;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default function EstatesPage({ session }: PageProps) {
  const lang = useSignal(language);
  const [estates, setEstates] = useState<AdminEstate[] | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [policies, setPolicies] = useState<string[]>([]);
  const [fileColumns, setFileColumns] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const manage = may(session, 'config.manage');

  const load = async () => {
    const [list, settings, policyList] = await Promise.all([
      api<{ estates: AdminEstate[]; fileColumns: string[] }>('GET', '/api/v1/admin/estates'),
      api<{ settings: { departments: Department[] } }>('GET', '/api/v1/admin/settings'),
      api<{ presets: { id: string }[]; custom: { id: string }[] }>('GET', '/api/v1/admin/deadline-policies'),
    ]);
    if (!list.body) return setFailed(true);
    setEstates(list.body.estates);
    setFileColumns(list.body.fileColumns);
    setDepartments(settings.body?.settings.departments ?? []);
    setPolicies([...(policyList.body?.presets ?? []), ...(policyList.body?.custom ?? [])].map((p) => p.id));
  };
  const reload = () =>
    load().catch((error: unknown) => {
      if (!(error instanceof SignedOutError)) setFailed(true);
    });
  useEffect(() => void reload(), []);

  const setActive = async (estate: AdminEstate, active: boolean) => {
    const result = await api<{ changed: boolean }>('POST', `/api/v1/admin/estates/${encodeURIComponent(estate.estateId)}/active`, { body: { active } });
    setNotice(result.status === 200 ? t(active ? 'console.admin.reactivated' : 'console.admin.deactivated', { estate: estate.estateId }) : t('console.admin.actionFailed'));
    await reload();
  };

  return (
    <section aria-labelledby="estates-title">
      <h1 id="estates-title">{t('console.admin.estatesTitle')}</h1>
      <AdminNav session={session} current="admin-estates" />
      {failed && <p class="message error">{t('console.admin.loadFailed')}</p>}
      {notice && (
        <p class="message" role="status">
          {notice}
        </p>
      )}
      {estates && estates.length === 0 && <p>{t('console.admin.noEstates')}</p>}
      {estates && estates.length > 0 && (
        <table class="admin-table" id="estate-list">
          <caption>{t('console.admin.estateListCaption', { count: formatNumber(estates.length) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.admin.estateId')}</th>
              <th scope="col">{t('console.admin.estateName')}</th>
              <th scope="col">{t('console.admin.jurisdiction')}</th>
              <th scope="col">{t('console.admin.homes')}</th>
              <th scope="col">{t('console.admin.state')}</th>
              {manage && <th scope="col">{t('console.admin.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {estates.map((estate) => {
              const active = estate.active !== false;
              return (
                <tr key={estate.estateId}>
                  <th scope="row">{estate.estateId}</th>
                  <td>{estate.names[lang] ?? estate.names.en}</td>
                  <td>
                    {estate.jurisdiction}
                    {estate.holidayCalendar && estate.holidayCalendar !== estate.jurisdiction && (
                      <>
                        {' '}
                        <span class="hint">({t('console.admin2.holidayCalendar')}: {estate.holidayCalendar})</span>
                      </>
                    )}
                  </td>
                  <td>{estate.homes !== undefined ? formatNumber(estate.homes) : ''}</td>
                  <td>{t(active ? 'console.admin.active' : 'console.admin.inactive')}</td>
                  {manage && (
                    <td>
                      <button type="button" class="secondary small" onClick={() => void setActive(estate, !active)} aria-label={t(active ? 'console.admin.deactivateEstate' : 'console.admin.reactivateEstate', { estate: estate.estateId })}>
                        {t(active ? 'console.admin.deactivate' : 'console.admin.reactivate')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {manage && estates && <ImportPanel fileColumns={fileColumns} onImported={reload} />}
      {manage && estates && <EstateForm departments={departments} policies={policies} onSaved={reload} />}
    </section>
  );
}

function ImportPanel({ fileColumns, onImported }: { fileColumns: string[]; onImported: () => Promise<void> }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ list: ImportProblem[]; count: number } | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const result = useRef<HTMLDivElement>(null);

  const send = async (file: File) => {
    const contentType = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
    // A long file is written in parts: the API answers 202 until the same file has been sent enough times.
    for (let request = 1; request <= 50; request += 1) {
      const response = await api<ImportSummary>('POST', '/api/v1/admin/estates/import', { file: { body: file, contentType } });
      if (response.status === 202) continue;
      if (response.status === 200 && response.body) return setSummary(response.body);
      const refused: ImportRefusal | null = response.error;
      if (response.status === 422 && refused?.problems) return setProblems({ list: refused.problems, count: refused.problemCount ?? refused.problems.length });
      return setError(t('console.admin.importFailed', { message: refused?.message ?? String(response.status) }));
    }
    setError(t('console.admin.importFailed', { message: '202' }));
  };

  return (
    <section aria-labelledby="import-title" class="panel-tool">
      <h2 id="import-title">{t('console.admin.importTitle')}</h2>
      <p class="hint">{t('console.admin.importIntro')}</p>
      {fileColumns.length > 0 && (
        <p class="hint">
          {t('console.admin.importColumns')} <code>{fileColumns.join(',')}</code>
        </p>
      )}
      <form
        id="import-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const file = input.current?.files?.[0];
          setProblems(null);
          setSummary(null);
          setError(null);
          if (!file) return setError(t('console.validation.required', { field: t('console.admin.importFile') }));
          setBusy(true);
          void send(file)
            .then(onImported)
            .catch(() => setError(t('console.admin.actionFailed')))
            .finally(() => {
              setBusy(false);
              setTimeout(() => result.current?.focus(), 0);
            });
        }}
      >
        <div class={error ? 'field has-error' : 'field'}>
          <label for="import-file">{t('console.admin.importFile')}</label>
          {error && (
            <p class="field-error" id="import-file-error">
              {error}
            </p>
          )}
          <input type="file" id="import-file" accept=".csv,.xlsx,text/csv" ref={input} aria-describedby={error ? 'import-file-error' : undefined} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('console.validation.sending') : t('console.admin.importSubmit')}
        </button>
      </form>
      <div ref={result} tabIndex={-1} id="import-result">
        {problems && (
          <div class="message error" role="alert">
            <p>{t('console.admin.importRefused', { count: formatNumber(problems.count) })}</p>
            <table class="admin-table" id="import-problems">
              <caption>{t('console.admin.importProblems')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('console.admin.line')}</th>
                  <th scope="col">{t('console.admin.column')}</th>
                  <th scope="col">{t('console.admin.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.list.map((p, i) => (
                  <tr key={i}>
                    <td>{formatNumber(p.line)}</td>
                    <td>
                      <code>{p.column}</code>
                    </td>
                    {/* In the reader's language from the problem's code; the API's English only for a code this console does not know. */}
                    <td lang={inEnglishOnly(p) ? 'en' : undefined}>{problemText(p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {summary && (
          <p class="message" role="status" id="import-summary">
            {t('console.admin.imported', { estates: formatNumber(summary.estates), created: formatNumber(summary.created), updated: formatNumber(summary.updated), unchanged: formatNumber(summary.unchanged) })}
          </p>
        )}
      </div>
    </section>
  );
}

const DRAFT_KEY = 'admin-estate';

/** How many department rows a (draft) form has: one more than the highest row typed in. */
function rowsIn(values: Values | undefined): number {
  const indexes = Object.keys(values ?? {}).map((name) => /^departments\.(\d+)\./.exec(name)?.[1]).filter((i): i is string => i !== undefined).map(Number);
  return Math.max(1, ...indexes.map((i) => i + 1));
}

function EstateForm({ departments, policies, onSaved }: { departments: Department[]; policies: string[]; onSaved: () => Promise<void> }) {
  const lang = useSignal(language);
  const [saved, setSaved] = useState<string | null>(null);
  // A department per row (select and mailbox); rows are added and removed at the end.
  const [rows, setRows] = useState(() => rowsIn(readDraft(DRAFT_KEY)));
  // The buildings editor: a choice (keep / replace) and a row per building (id and three names), added and removed at the end.
  const [buildingRows, setBuildingRows] = useState(() => buildingRowsIn(readDraft(DRAFT_KEY)));
  const [replacingBuildings, setReplacingBuildings] = useState(() => readDraft(DRAFT_KEY)?.buildingsMode === 'replace');
  const buildingsFields = buildingFields(buildingRows);
  const fields: FieldSpec[] = [
    { kind: 'text', name: 'estateId', label: 'console.admin.estateId', hint: 'console.admin.estateIdHint', required: true, maxLength: 32 },
    ...LANGUAGES.map((l): FieldSpec => ({ kind: 'text', name: `names.${l}`, label: `console.admin.name_${l === 'zh-Hant' ? 'zhHant' : l === 'zh-Hans' ? 'zhHans' : 'en'}`, required: true, maxLength: 200 })),
    { kind: 'select', name: 'jurisdiction', label: 'console.admin.jurisdiction', hint: 'console.admin.jurisdictionHint', required: true, choices: JURISDICTIONS.map((j) => ({ value: j, label: j })) },
    // Empty (not sent): the jurisdiction's calendar.
    { kind: 'select', name: 'holidayCalendar', label: 'console.admin2.holidayCalendar', hint: 'console.admin2.holidayCalendarHint', choices: HOLIDAY_CALENDARS.map((c) => ({ value: c, label: t(`console.admin2.calendars.${c}`) })) },
    { kind: 'text', name: 'timeZone', label: 'console.admin.timeZone', hint: 'console.admin.timeZoneHint', required: true, maxLength: 64 },
    { kind: 'number', name: 'homes', label: 'console.admin.homes', required: true, valueType: 'int', min: 1, max: 200_000, step: '1' },
    { kind: 'select', name: 'deadlinePolicyId', label: 'console.admin.deadlinePolicy', choices: policies.map((p) => ({ value: p, label: p })) },
    { kind: 'email', name: 'customerServiceEmail', label: 'console.admin.customerServiceEmail', required: true, maxLength: 254 },
    { kind: 'email', name: 'managerEmail', label: 'console.admin.managerEmail', required: true, maxLength: 254 },
    { kind: 'email', name: 'developerLiaisonEmail', label: 'console.admin.developerLiaisonEmail', maxLength: 254 },
  ];
  const departmentFields: FieldSpec[] = Array.from({ length: rows }, (_, i): FieldSpec[] => [
    {
      kind: 'select',
      name: `departments.${i}.departmentId`,
      label: 'console.adminForms.departmentRow',
      labelVars: { n: i + 1 },
      ...(i === 0 ? { hint: 'console.adminForms.departmentRowsHint' as const } : {}),
      required: true,
      choices: departments.map((d) => ({ value: d.departmentId, label: d.names[lang] ?? d.departmentId })),
    },
    { kind: 'email', name: `departments.${i}.email`, label: 'console.adminForms.departmentRowMailbox', labelVars: { n: i + 1 }, required: true, maxLength: 254 },
  ]).flat();
  return (
    <section aria-labelledby="estate-form-title" class="panel-tool">
      <h2 id="estate-form-title">{t('console.admin.estateFormTitle')}</h2>
      {saved && (
        <p class="message" role="status">
          {saved}
        </p>
      )}
      <Form
        id="estate-form"
        draftKey={DRAFT_KEY}
        fields={[...fields, ...departmentFields, ...buildingsFields]}
        submitLabel={t('console.admin.saveEstate')}
        intro={t('console.admin.estateFormIntro')}
        initial={{ timeZone: 'Asia/Hong_Kong', buildingsMode: 'keep' }}
        onValues={(values) => setReplacingBuildings(values.buildingsMode === 'replace')}
        onSubmit={async (values) => {
          setSaved(null);
          const body = serialise(fields, values);
          body.departments = Array.from({ length: rows }, (_, i) => ({ departmentId: values[`departments.${i}.departmentId`] ?? '', email: (values[`departments.${i}.email`] ?? '').trim() }));
          const buildings = buildingsBody(values, buildingRows);
          if (buildings) body.buildings = buildings;
          const result = await api<{ changed: boolean; created?: boolean }>('POST', '/api/v1/admin/estates', { body });
          if (result.status !== 200 && result.status !== 201) {
            const problems = (result.error as { problems?: ApiFieldProblem[] } | null)?.problems;
            const all = [...fields, ...departmentFields, ...buildingsFields];
            // `departments` alone (none, too many) belongs to the first row's department; `buildings` alone to the buildings choice.
            if (problems) return problemErrors(all, problems, (path) => (path === 'departments' ? 'departments.0.departmentId' : (buildingProblemField(path) ?? path)));
            return serverErrors(all, result.error?.fields ?? { estateId: result.error?.message ?? '' });
          }
          setSaved(t(result.body?.created ? 'console.admin.estateCreated' : 'console.admin.estateSaved', { estate: String(body.estateId) }));
          setRows(1);
          setBuildingRows(0);
          await onSaved();
        }}
      >
        <div class="row-actions">
          <button type="button" class="secondary small" id="estate-form-add-department" disabled={rows >= Math.max(1, departments.length)} onClick={() => setRows(rows + 1)}>
            {t('console.adminForms.addDepartment')}
          </button>{' '}
          {rows > 1 && (
            <button type="button" class="secondary small" id="estate-form-remove-department" onClick={() => setRows(rows - 1)}>
              {t('console.adminForms.removeDepartment')}
            </button>
          )}
        </div>
        {replacingBuildings && (
          <div class="row-actions">
            <button type="button" class="secondary small" id="estate-form-add-building" disabled={buildingRows >= 200} onClick={() => setBuildingRows(buildingRows + 1)}>
              {t('console.adminBuildings.add')}
            </button>{' '}
            {buildingRows > 0 && (
              <button type="button" class="secondary small" id="estate-form-remove-building" onClick={() => setBuildingRows(buildingRows - 1)}>
                {t('console.adminBuildings.remove')}
              </button>
            )}
          </div>
        )}
      </Form>
    </section>
  );
}
