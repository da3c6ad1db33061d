/**
 * The queue: the cases a person may see, filtered (estate, status, deadline, emails, mine), with
 * per-status counts that filter when chosen, sorting by any column, paging, and a search by
 * reference, unit or phone number done by the server over every case the person may see (the
 * API matches units and numbers by keyed digests, docs/CONSOLE.md). Filters live in the URL, so a view can be bookmarked
 * or linked from a home. It refreshes itself while open (./ui/usePolling.ts).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CASE_STATUSES } from '../../../domain/vocabulary';
import { SignedOutError, platformNowMs } from '../api';
import { formatDateTime, formatNumber, formatTime, language, t } from '../i18n';
import type { PageProps } from '../pages';
import { href, navigate } from '../router';
import { useSignal } from '../state';
import { type CaseFilters, type CaseSummary, classText, countCases, departmentName, estateName, estateTimeZone, fetchCases, filtersFrom, isDueSoon, SEARCH_BY, type SearchBy, searchOf, severityText, statusText } from '../ui/caseList';
import { DrillDownNotice } from '../ui/drillDown';
import { usePolling } from '../ui/usePolling';
import { servedEstates } from '../session';

type SortKey = 'reference' | 'estate' | 'unit' | 'status' | 'assignee' | 'due';
const SORT_KEYS: SortKey[] = ['reference', 'estate', 'unit', 'status', 'assignee', 'due'];
const PAGE_SIZE = 50;

export default function QueuePage({ params, session, data }: PageProps) {
  useSignal(language);
  const filters = filtersFrom(params);
  const filterKey = JSON.stringify(filters);
  const sort = (SORT_KEYS.find((k) => k === params.get('sort')) ?? 'due');
  const descending = params.get('dir') === 'desc';
  const search = searchOf(filters);

  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<{ cases: CaseSummary[]; nextCursor?: string } | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);
  const [counts, setCounts] = useState<Record<string, { count: number; more: boolean }>>({});
  const cursor = cursors[cursors.length - 1];

  const load = async (quiet: boolean) => {
    if (!quiet) setState('loading');
    try {
      const next = await fetchCases(filters, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      if (!next) return setState('failed');
      setPage(next);
      setRefreshedAt(new Date());
      setState('ready');
    } catch (error) {
      if (!(error instanceof SignedOutError)) setState('failed');
    }
  };
  const loadCounts = async () => {
    const { status: _status, ...others } = filters;
    const entries = await Promise.all(CASE_STATUSES.map(async (status) => [status, await countCases({ ...others, status }).catch(() => null)] as const));
    setCounts(Object.fromEntries(entries.filter(([, c]) => c !== null)) as Record<string, { count: number; more: boolean }>);
  };

  useEffect(() => {
    setCursors([undefined]);
  }, [filterKey]);
  useEffect(() => {
    void load(false);
  }, [filterKey, cursor]);
  useEffect(() => {
    void loadCounts();
  }, [filterKey]);
  usePolling(() => {
    void load(true);
    void loadCounts();
  }, 30_000);

  const rows = useMemo(() => {
    const now = platformNowMs();
    const list = page?.cases ?? [];
    const value = (c: CaseSummary): string => {
      switch (sort) {
        case 'reference':
          return c.reference;
        case 'estate':
          return estateName(data.estates, c.estateId);
        case 'unit':
          return c.unit ?? '';
        case 'status':
          return statusText(c.status);
        case 'assignee':
          return c.assigneeId ?? '';
        case 'due':
          return c.responseDueBy;
      }
    };
    // A crisis or possible crisis not yet triaged comes first whatever the sort: a person must decide within minutes.
    const sorted = [...list].sort((a, b) => Number(b.needsUrgentTriage) - Number(a.needsUrgentTriage) || value(a).localeCompare(value(b), language.get()) * (descending ? -1 : 1));
    return sorted.map((c) => ({ c, dueSoon: isDueSoon(c, now) }));
  }, [page, sort, descending, language.get()]);

  const withParams = (changes: Record<string, string | undefined>) => {
    const next: Record<string, string | undefined> = { view: 'queue', ...filters, sort: params.get('sort') ?? undefined, dir: params.get('dir') ?? undefined, ...changes };
    return href(next);
  };
  const served = servedEstates(session, data.estates);
  const columns: [SortKey | null, string][] = [
    ['reference', t('console.queue.columns.reference')],
    ['estate', t('console.queue.columns.estate')],
    ['unit', t('console.queue.columns.unit')],
    [null, t('console.queue.columns.summary')],
    [null, t('console.queue.columns.classSeverity')],
    ['status', t('console.queue.columns.status')],
    ['assignee', t('console.queue.columns.assignee')],
    ['due', t('console.queue.columns.due')],
  ];

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('console.queue.title')}</h1>
      <QueueFilters filters={filters} served={served.map((e) => ({ value: e.estateId, label: estateName(data.estates, e.estateId) }))} userId={session.userId} wholeGroup={session.estates === 'all'} />
      <DrillDownNotice filters={filters} estates={data.estates} keep={{ ...filters }} />
      {search && (
        <p class="search-results">
          {t('console.search.results', { by: t(`console.search.${search.by}`), term: search.term })}{' '}
          <a href={withParams({ reference: undefined, unit: undefined, phone: undefined })}>{t('console.search.clear')}</a>
        </p>
      )}
      <nav aria-label={t('console.queue.counts')} class="counts">
        <ul>
          {CASE_STATUSES.filter((s) => counts[s]).map((status) => {
            const count = counts[status]!;
            const figure = count.more ? `${formatNumber(count.count)}+` : formatNumber(count.count);
            return (
              <li key={status}>
                <a href={withParams({ status: filters.status === status ? undefined : status })} aria-current={filters.status === status ? 'true' : undefined} data-status={status}>
                  {t('console.queue.countOf', { status: statusText(status), count: figure })}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <p role="status" class="hint">
        {state === 'loading' ? t('console.queue.loading') : state === 'failed' ? t('console.queue.failed') : rows.length === 0 ? t('console.queue.empty') : refreshedAt ? t('console.queue.refreshed', { time: formatTime(refreshedAt) }) : ''}
      </p>
      {rows.length > 0 && (
        <div class="table-wrap">
          <table id="case-table">
            <caption>
              {t('console.queue.caption')}, {t('console.queue.sortedBy', { column: columns.find(([k]) => k === sort)![1], direction: descending ? t('console.queue.descending') : t('console.queue.ascending') })}
            </caption>
            <thead>
              <tr>
                {columns.map(([key, label]) => (
                  <th key={label} scope="col" aria-sort={key === sort ? (descending ? 'descending' : 'ascending') : undefined}>
                    {key ? (
                      <a href={withParams({ sort: key, dir: key === sort && !descending ? 'desc' : undefined })} aria-label={t('console.queue.sortBy', { column: label })}>
                        {label}
                        {key === sort ? (descending ? ' ▼' : ' ▲') : ''}
                      </a>
                    ) : (
                      label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ c, dueSoon }) => (
                <tr key={c.caseId} data-case={c.caseId} class={c.needsUrgentTriage ? 'urgent' : undefined}>
                  <th scope="row">
                    <a href={href({ case: c.caseId })}>{c.reference}</a>
                    {c.needsUrgentTriage && <span class="badge urgent">{t('console.urgentTriage.badge')}</span>}
                  </th>
                  <td>{estateName(data.estates, c.estateId)}</td>
                  <td>{c.unit ?? '—'}</td>
                  <td>{c.summary ?? '—'}</td>
                  <td>{[classText(c.caseClass), severityText(c.severity)].filter(Boolean).join(' · ') || '—'}</td>
                  <td>{statusText(c.status)}</td>
                  <td>{[departmentName(data.estates, c.estateId, c.departmentId), c.assigneeId].filter(Boolean).join(' / ') || t('console.queue.unassigned')}</td>
                  <td>
                    <time dateTime={c.responseDueBy}>{formatDateTime(c.responseDueBy, estateTimeZone(data.estates, c.estateId))}</time>
                    {c.overdue && <span class="badge">{t('console.queue.overdueBadge')}</span>}
                    {dueSoon && <span class="badge soon">{t('console.queue.dueSoon')}</span>}
                    {c.emailAttention && <span class="badge">{t('console.queue.emailBadge')}</span>}
                    {c.legalHold && <span class="badge hold">{t('console.queue.holdBadge')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="actions-row">
        {cursors.length > 1 && (
          <button type="button" class="secondary small" onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('console.queue.previous')}
          </button>
        )}{' '}
        {page?.nextCursor && (
          <button type="button" class="small" onClick={() => setCursors([...cursors, page.nextCursor])}>
            {t('console.queue.next')}
          </button>
        )}
      </p>
    </section>
  );
}

function QueueFilters({ filters, served, userId, wholeGroup }: { filters: CaseFilters; served: { value: string; label: string }[]; userId: string; wholeGroup: boolean }) {
  type Draft = CaseFilters & { by?: SearchBy | ''; byChosen?: boolean; term?: string; mine?: string };
  const fromFilters = (): Draft => {
    const search = searchOf(filters);
    return { ...filters, by: search?.by ?? '', byChosen: search !== undefined, term: search?.term ?? '', mine: filters.assignee === userId ? 'true' : '' };
  };
  const [draft, setDraft] = useState<Draft>(fromFilters);
  const [problems, setProblems] = useState<{ term?: string; estateId?: string }>({});
  useEffect(() => setDraft(fromFilters()), [JSON.stringify(filters)]);
  const set = (name: string) => (event: Event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value });
  return (
    <form
      class="filters"
      noValidate
      aria-label={t('console.queue.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        const { by, byChosen: _chosen, term, mine, reference: _r, unit: _u, phone: _p, ...rest } = draft;
        const typed = term?.trim() ?? '';
        // What the server would refuse, said beside the field before asking it.
        const found: { term?: string; estateId?: string } = {};
        if (by && !typed) found.term = t('console.search.termMissing');
        if (by === 'unit' && wholeGroup && !rest.estateId) found.estateId = t('console.search.unitNeedsEstate');
        setProblems(found);
        if (found.term || found.estateId) {
          document.getElementById(found.estateId ? 'filter-estate' : 'filter-term')?.focus();
          return;
        }
        navigate(href({ view: 'queue', ...rest, assignee: mine === 'true' ? userId : undefined, ...(by ? { [by]: typed } : {}) }));
      }}
    >
      <div class="field">
        <label for="filter-estate">{t('console.queue.estate')}</label>
        {problems.estateId && (
          <p class="field-error" id="filter-estate-error">
            {problems.estateId}
          </p>
        )}
        <select id="filter-estate" value={draft.estateId ?? ''} onChange={set('estateId')} aria-invalid={problems.estateId ? 'true' : undefined} aria-describedby={problems.estateId ? 'filter-estate-error' : undefined}>
          <option value="">{t('console.queue.allEstates')}</option>
          {served.map((e) => (
            <option key={e.value} value={e.value}>
              {e.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-status">{t('console.queue.status')}</label>
        <select id="filter-status" value={draft.status ?? ''} onChange={set('status')}>
          <option value="">{t('console.queue.anyStatus')}</option>
          {CASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusText(s)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-overdue">{t('console.queue.overdue')}</label>
        <select id="filter-overdue" value={draft.overdue ?? ''} onChange={set('overdue')}>
          <option value="">{t('console.queue.anyOverdue')}</option>
          <option value="true">{t('console.queue.overdueOnly')}</option>
          <option value="false">{t('console.queue.notOverdue')}</option>
        </select>
      </div>
      <div class="field">
        <label for="filter-emails">{t('console.queue.emails')}</label>
        <select id="filter-emails" value={draft.emailAttention ?? ''} onChange={set('emailAttention')}>
          <option value="">{t('console.queue.anyEmails')}</option>
          <option value="true">{t('console.queue.emailAttentionOnly')}</option>
        </select>
      </div>
      <div class="field check">
        <input type="checkbox" id="filter-mine" checked={draft.mine === 'true'} onChange={(event) => setDraft({ ...draft, mine: (event.currentTarget).checked ? 'true' : '' })} />
        <label for="filter-mine">{t('console.queue.mine')}</label>
      </div>
      <div class="field">
        <label for="filter-by">{t('console.search.by')}</label>
        <select id="filter-by" value={draft.by ?? ''} onChange={(event) => setDraft({ ...draft, by: (event.currentTarget).value as SearchBy | '', byChosen: true })}>
          <option value="">{t('console.search.none')}</option>
          {SEARCH_BY.map((by) => (
            <option key={by} value={by}>
              {t(`console.search.${by}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field search">
        <label for="filter-term">{t('console.search.term')}</label>
        <p class="hint" id="filter-term-hint">
          {t('console.search.hint')}
        </p>
        {problems.term && (
          <p class="field-error" id="filter-term-error">
            {problems.term}
          </p>
        )}
        <input
          type="search"
          id="filter-term"
          aria-describedby={problems.term ? 'filter-term-hint filter-term-error' : 'filter-term-hint'}
          aria-invalid={problems.term ? 'true' : undefined}
          value={draft.term ?? ''}
          onInput={(event) => {
            const term = (event.currentTarget).value;
            // Typing without choosing: a reference looks like one; otherwise digits are a phone number, anything else a unit.
            const by = draft.byChosen ? draft.by : (/^[A-Za-z0-9]{2,12}-\d{4}-\d{6}$/.test(term.trim()) ? 'reference' : /^[+\d\s()-]{6,}$/.test(term.trim()) ? 'phone' : term.trim() ? 'unit' : '');
            setDraft({ ...draft, term, by });
          }}
        />
      </div>
      <button type="submit">{t('console.queue.apply')}</button>
    </form>
  );
}
