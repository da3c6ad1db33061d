/**
 * Performance monitoring (seed 000 subsystem 7; `/staff?view=performance&…`, the dashboard's
 * filters): per department and per handler, the cases handled, closed and answered, the on-time
 * rate, satisfaction with the handling, the stage-2 (reopened) rate and the average working days
 * to answer, for the complaints received in the period. The figures are the dashboard API's
 * (`totals.departments`, `totals.handlers`): the policy module gives per-handler figures only to
 * estate managers, HQ and compliance (`performance.readHandlers`), so a CS lead sees departments
 * only and a handler's peers never see theirs (department handlers have no dashboard at all).
 * Each count opens the queue: a department's cases (`department=`) or a handler's (`assignee=`).
 */
import { formatNumber, language, t } from '../i18n';
import type { ConsoleEstate } from '../pageData';
import type { PageProps } from '../pages';
import { href } from '../router';
import { useSignal } from '../state';
import { BarChart } from '../ui/barChart';
import { type DashboardResponse, formatDays, formatRateOf } from '../ui/insight';
import { InsightFilterForm } from '../ui/insightFilters';
import { useDashboard } from '../ui/useDashboard';
import { servedEstates } from '../session';

type PerformanceRow = DashboardResponse['totals']['departments'][string];

export default function PerformancePage({ params, session, data }: PageProps) {
  useSignal(language);
  const { filters, dashboard, state } = useDashboard(params);

  const served = servedEstates(session, data.estates);
  const departments = dashboard ? sorted(dashboard.totals.departments) : [];
  const handlers = dashboard?.totals.handlers ? sorted(dashboard.totals.handlers) : null;
  // The on-time chart shows departments with answers only: a department with none has no rate (not 0 %).
  const answered = departments.filter(([, row]) => row.onTime.rate !== null);
  // A handler's cases: the queue of their assignments among the complaints of the same period and filters.
  const received = dashboard ? new URL(dashboard.links.all, window.location.origin).searchParams : new URLSearchParams();
  const handlerLink = (userId: string) => href({ view: 'queue', ...Object.fromEntries(received), assignee: userId });
  const departmentLink = (departmentId: string) => href({ view: 'queue', ...Object.fromEntries(received), department: departmentId });

  return (
    <section aria-labelledby="performance-title">
      <h1 id="performance-title">{t('console.performance.title')}</h1>
      <p class="hint">{t('console.performance.intro')}</p>
      <InsightFilterForm view="performance" filters={filters} served={served} />
      <p role="status" class="hint">
        {state.kind === 'loading' ? t('console.dashboard.loading') : state.kind === 'failed' ? t('console.dashboard.failed', { message: state.message }) : ''}
      </p>
      {dashboard && state.kind === 'ready' && (
        <>
          <h2>{t('console.performance.departments')}</h2>
          {departments.length === 0 ? (
            <p>{t('console.performance.none')}</p>
          ) : (
            <>
              {answered.length > 0 && (
                <>
                  <h3 id="department-chart-title">{t('console.performance.onTimeChart')}</h3>
                  <BarChart
                    name="department-on-time"
                    labels={answered.map(([id]) => departmentLabel(data.estates, id))}
                    values={answered.map(([, row]) => row.onTime.rate ?? 0)}
                    valueName={t('console.performance.onTime')}
                    percent
                  />
                </>
              )}
              <PerformanceTable id="departments" caption={t('console.performance.departmentsTable')} heading={t('console.performance.department')} rows={departments} name={(id) => departmentLabel(data.estates, id)} link={departmentLink} />
            </>
          )}
          <h2>{t('console.performance.handlers')}</h2>
          {handlers === null ? (
            <p data-handlers-hidden>{t('console.performance.handlersHidden')}</p>
          ) : handlers.length === 0 ? (
            <p>{t('console.performance.none')}</p>
          ) : (
            <PerformanceTable id="handlers" caption={t('console.performance.handlersTable')} heading={t('console.performance.handler')} rows={handlers} name={(id) => id} link={handlerLink} />
          )}
        </>
      )}
    </section>
  );
}

const sorted = (rows: Record<string, PerformanceRow>) => Object.entries(rows).sort(([a, x], [b, y]) => y.cases - x.cases || a.localeCompare(b));

/** A department id in the reader's language (departments share their ids across estates). */
function departmentLabel(estates: readonly ConsoleEstate[], departmentId: string): string {
  for (const estate of estates) {
    const department = estate.departments.find((d) => d.departmentId === departmentId);
    if (department) return department.names[language.get()];
  }
  return departmentId;
}

function PerformanceTable({ id, caption, heading, rows, name, link }: { id: string; caption: string; heading: string; rows: [string, PerformanceRow][]; name: (id: string) => string; link?: (id: string) => string }) {
  return (
    <div class="table-wrap">
      <table data-table={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">{t('console.performance.cases')}</th>
            <th scope="col">{t('console.performance.closed')}</th>
            <th scope="col">{t('console.performance.answered')}</th>
            <th scope="col">{t('console.performance.onTime')}</th>
            <th scope="col">{t('console.performance.satisfaction')}</th>
            <th scope="col">{t('console.performance.reopened')}</th>
            <th scope="col">{t('console.performance.averageDays')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, row]) => (
            <tr key={key} data-key={key}>
              <th scope="row">{name(key)}</th>
              <td>{link ? <a href={link(key)}>{formatNumber(row.cases)}</a> : formatNumber(row.cases)}</td>
              <td>{formatNumber(row.closed)}</td>
              <td>{formatNumber(row.answered)}</td>
              <td>{formatRateOf(row.onTime)}</td>
              <td>
                {formatDays(row.satisfaction.mean)} ({t('console.performance.rated', { count: formatNumber(row.satisfaction.rated) })})
              </td>
              <td>{formatRateOf(row.stage2)}</td>
              <td>{formatDays(row.averageAnswerWorkingDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
