/**
 * The filters of the dashboard and performance pages (period, estates or a region, class, cause),
 * kept in the URL so a view can be bookmarked and sent.
 */
import { useEffect, useState } from 'preact/hooks';
import { CAUSE_CATEGORIES } from '../../../domain/vocabulary';
import { t } from '../i18n';
import type { ConsoleEstate } from '../pageData';
import { href, navigate } from '../router';
import { estateName } from './caseList';
import { type DashboardFilters, regionName } from './insight';

/** How many estates the API takes in one request (a region of more is not offered as one choice). */
const MAX_ESTATES_PER_REQUEST = 50;

export function InsightFilterForm({ view, filters, served }: { view: 'dashboard' | 'performance'; filters: DashboardFilters; served: readonly ConsoleEstate[] }) {
  const [draft, setDraft] = useState<DashboardFilters>(filters);
  useEffect(() => setDraft(filters), [JSON.stringify(filters)]);
  const set = (name: keyof DashboardFilters) => (event: Event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value });
  // A region: the served estates of one jurisdiction, offered when the API can take them in one request.
  const regions = [...new Set(served.map((e) => e.jurisdiction))]
    .map((code) => ({ code, estateIds: served.filter((e) => e.jurisdiction === code).map((e) => e.estateId).sort() }))
    .filter((r) => r.estateIds.length > 1 && r.estateIds.length <= MAX_ESTATES_PER_REQUEST && r.estateIds.length < served.length);
  return (
    <form
      class="filters"
      noValidate
      aria-label={t('console.dashboard.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        navigate(href({ view, ...draft }));
      }}
    >
      <div class="field">
        <label for="dash-granularity">{t('console.dashboard.granularity')}</label>
        <select id="dash-granularity" value={draft.granularity ?? 'month'} onChange={set('granularity')}>
          {(['month', 'week', 'day'] as const).map((g) => (
            <option key={g} value={g}>
              {t(`console.dashboard.granularities.${g}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="dash-from">{t('console.dashboard.from')}</label>
        <input id="dash-from" type="text" inputMode="numeric" aria-describedby="dash-period-hint" value={draft.from ?? ''} onInput={set('from')} />
      </div>
      <div class="field">
        <label for="dash-to">{t('console.dashboard.to')}</label>
        <input id="dash-to" type="text" inputMode="numeric" aria-describedby="dash-period-hint" value={draft.to ?? ''} onInput={set('to')} />
      </div>
      <div class="field">
        <label for="dash-estate">{t('console.dashboard.estate')}</label>
        <select id="dash-estate" value={draft.estateId ?? ''} onChange={set('estateId')}>
          <option value="">{t('console.dashboard.allEstates')}</option>
          {regions.map((r) => (
            <option key={r.code} value={r.estateIds.join(',')}>
              {t('console.dashboard.region', { region: regionName(r.code) })}
            </option>
          ))}
          {served.map((e) => (
            <option key={e.estateId} value={e.estateId}>
              {estateName(served, e.estateId)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="dash-class">{t('console.dashboard.class')}</label>
        <select id="dash-class" value={draft.class ?? ''} onChange={set('class')}>
          <option value="">{t('console.dashboard.anyClass')}</option>
          {(['1', '2', '3'] as const).map((c) => (
            <option key={c} value={c}>
              {t(`classes.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="dash-category">{t('console.dashboard.category')}</label>
        <select id="dash-category" value={draft.category ?? ''} onChange={set('category')}>
          <option value="">{t('console.dashboard.anyCategory')}</option>
          {CAUSE_CATEGORIES.map((k) => (
            <option key={k} value={k}>
              {t(`categories.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <p class="hint field search" id="dash-period-hint">
        {t('console.dashboard.periodHint')}
      </p>
      <button type="submit">{t('console.dashboard.apply')}</button>
    </form>
  );
}
