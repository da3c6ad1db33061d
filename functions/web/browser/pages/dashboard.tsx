/**
 * The dashboard (`/staff?view=dashboard&granularity&from&to&estateId&class&category`): HQ sees the
 * whole group, estate managers and CS leads their estates. Everything comes from one call to
 * `GET /api/v1/dashboard` (pre-aggregated figures, docs/INSIGHT.md). Every count is a link to the
 * queue filtered to its cases (the API gives each count's case-list link); every chart is drawn
 * from a table that is on the page with it, and a bar opens the same cases as its row.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CASE_STATUSES, CHANNELS, SEVERITIES } from '../../../domain/vocabulary';
import { formatMoney, formatNumber, language, t, tDynamic } from '../i18n';
import type { PageProps } from '../pages';
import { navigate } from '../router';
import { servedEstates } from '../session';
import { useSignal } from '../state';
import { BarChart } from '../ui/barChart';
import { buildingName, estateName, placeName } from '../ui/caseList';
import { InsightFilterForm } from '../ui/insightFilters';
import { useDashboard } from '../ui/useDashboard';
import {
  type DashboardResponse,
  type EarlyWarning,
  fetchEarlyWarnings,
  formatDays,
  formatRate,
  formatRateOf,
  periodLabel,
  queueHref,
  type Rate,
} from '../ui/insight';

export default function DashboardPage({ params, session, data }: PageProps) {
  useSignal(language);
  const { filters, dashboard, state } = useDashboard(params);

  const served = servedEstates(session, data.estates);
  return (
    <section aria-labelledby="dashboard-title" class="dashboard">
      <h1 id="dashboard-title">{t('console.dashboard.title')}</h1>
      <p class="hint">{t('console.dashboard.intro')}</p>
      <InsightFilterForm view="dashboard" filters={filters} served={served} />
      <p role="status" class="hint">
        {state.kind === 'loading' ? t('console.dashboard.loading') : state.kind === 'failed' ? t('console.dashboard.failed', { message: state.message }) : ''}
      </p>
      {dashboard && state.kind !== 'failed' && <DashboardFigures dashboard={dashboard} estates={data.estates} />}
    </section>
  );
}

/** A count that opens its cases in the queue. */
function CountLink({ count, link, label }: { count: number; link: string | undefined; label?: string }) {
  const target = queueHref(link);
  const text = formatNumber(count);
  if (!target || count === 0) return <>{text}</>;
  return (
    <a href={target} aria-label={label ? `${label}: ${text}. ${t('console.dashboard.open')}` : undefined}>
      {text}
    </a>
  );
}

interface Bar {
  key: string;
  label: string;
  count: number;
  link: string | undefined;
}

/** A chart with its table: the table is the figures (and the links); the chart draws the same rows. */
function ChartWithTable({ id, title, bars, extraColumns }: { id: string; title: string; bars: Bar[]; extraColumns?: { heading: string; cell: (bar: Bar, index: number) => ComponentChildren }[] }) {
  return (
    <section aria-labelledby={`${id}-title`} class="chart-panel">
      <h3 id={`${id}-title`}>{title}</h3>
      <p class="hint">{t('console.dashboard.chartNote')}</p>
      <BarChart
        name={id}
        labels={bars.map((b) => b.label)}
        values={bars.map((b) => b.count)}
        valueName={t('console.dashboard.count')}
        onSelectBar={(index) => {
          const target = queueHref(bars[index]?.link);
          if (target && (bars[index]?.count ?? 0) > 0) navigate(target);
        }}
      />
      <div class="table-wrap">
        <table data-table={id}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.dashboard.value')}</th>
              <th scope="col">{t('console.dashboard.count')}</th>
              {extraColumns?.map((c) => (
                <th key={c.heading} scope="col">
                  {c.heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bars.map((bar, index) => (
              <tr key={bar.key} data-key={bar.key}>
                <th scope="row">{bar.label}</th>
                <td>
                  <CountLink count={bar.count} link={bar.link} label={`${title}, ${bar.label}`} />
                </td>
                {extraColumns?.map((c) => <td key={c.heading}>{c.cell(bar, index)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Tile({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <li class="tile" data-figure={id}>
      <div class="tile-box">
        <span class="tile-figure">{children}</span>
        <span class="tile-label">{label}</span>
      </div>
    </li>
  );
}

function DashboardFigures({ dashboard, estates }: { dashboard: DashboardResponse; estates: PageProps['data']['estates'] }) {
  const { totals, links, filters } = dashboard;
  const untriaged = (key: string) => (key === 'untriaged' ? t('console.dashboard.untriaged') : undefined);
  const bars = (counts: Record<string, number>, label: (key: string) => string, linkOf: Record<string, string>): Bar[] =>
    Object.entries(counts).map(([key, count]) => ({ key, label: untriaged(key) ?? label(key), count, link: linkOf[key] }));
  const percentTile = (rate: Rate) => <span title={formatRateOf(rate)}>{formatRate(rate)}</span>;
  const answer = totals.answer;
  const money = (amounts: Record<string, number>) =>
    Object.entries(amounts)
      .map(([currency, amount]) => formatMoney(amount, currency))
      .join(', ') || t('console.dashboard.notApplicable');

  return (
    <>
      <p class="hint" data-covering>
        {t('console.dashboard.covering', { count: formatNumber(filters.estateIds.length), from: filters.from, to: filters.to, timeZone: filters.timeZone })}
      </p>

      <h2>{t('console.dashboard.headline')}</h2>
      <ul class="tiles">
        <Tile id="cases" label={t('console.dashboard.cases')}>
          <CountLink count={totals.cases} link={links.all} label={t('console.dashboard.cases')} />
        </Tile>
        <Tile id="ack-on-time" label={t('console.dashboard.ackOnTime')}>{percentTile(totals.acknowledgement.onTime)}</Tile>
        <Tile id="stage1-on-time" label={t('console.dashboard.stage1OnTime')}>{percentTile(answer.stage1.onTime)}</Tile>
        <Tile id="stage2-on-time" label={t('console.dashboard.stage2OnTime')}>{percentTile(answer.stage2.onTime)}</Tile>
        <Tile id="answer-days" label={t('console.dashboard.medianAnswer')}>
          {formatDays(answer.workingDays.median)} / {formatDays(answer.workingDays.p90)}
        </Tile>
        <Tile id="satisfied-outcome" label={t('console.dashboard.satisfiedOutcome')}>{percentTile(totals.satisfaction.withOutcome.satisfied)}</Tile>
        <Tile id="satisfied-handling" label={t('console.dashboard.satisfiedHandling')}>{percentTile(totals.satisfaction.withHandling.satisfied)}</Tile>
        <Tile id="response-rate" label={t('console.dashboard.responseRate')}>{percentTile(totals.satisfaction.survey.responseRate)}</Tile>
        <Tile id="stage2" label={t('console.dashboard.stage2Rate')}>
          {formatRate(totals.stage2)} (<CountLink count={totals.stage2.numerator} link={links.stage2} label={t('console.dashboard.stage2Rate')} />)
        </Tile>
        <Tile id="extended" label={t('console.dashboard.extendedRate')}>{percentTile(totals.extensions.cases)}</Tile>
        <Tile id="paused" label={t('console.dashboard.pausedRate')}>{percentTile(totals.pauses.cases)}</Tile>
        <Tile id="per-thousand" label={t('console.dashboard.perThousandHomes')}>
          {dashboard.perThousandHomes.complaints === null ? (
            <span class="tile-note">{t('console.dashboard.perThousandUnknown', { missing: formatNumber(dashboard.perThousandHomes.estates - dashboard.perThousandHomes.estatesWithHomes), estates: formatNumber(dashboard.perThousandHomes.estates) })}</span>
          ) : (
            formatDays(dashboard.perThousandHomes.complaints)
          )}
        </Tile>
        <Tile id="escalated" label={t('console.dashboard.escalated')}>{formatNumber(totals.escalated)}</Tile>
        <Tile id="invalid" label={t('console.dashboard.invalid')}>{formatNumber(totals.invalid)}</Tile>
        <Tile id="on-the-spot" label={t('console.dashboard.onTheSpot')}>{formatNumber(totals.resolvedOnTheSpot)}</Tile>
      </ul>

      <ChartWithTable
        id="trend"
        title={t('console.dashboard.trend')}
        bars={dashboard.trend.map((p) => ({ key: p.period, label: periodLabel(p.period), count: p.cases, link: links.byPeriod[p.period] }))}
        extraColumns={[
          { heading: t('console.dashboard.onTime'), cell: (_b, i) => formatRateOf(dashboard.trend[i]!.answeredOnTime) },
          { heading: t('console.dashboard.satisfied'), cell: (_b, i) => formatRateOf(dashboard.trend[i]!.satisfiedWithHandling) },
        ]}
      />
      <div class="columns">
        <ChartWithTable id="by-status" title={t('console.dashboard.byStatus')} bars={bars(pick(totals.byStatus, CASE_STATUSES), (s) => t(`statuses.${s as 'closed'}`), links.byStatus)} />
        <ChartWithTable id="by-category" title={t('console.dashboard.byCategory')} bars={bars(totals.byCategory as Record<string, number>, (k) => t(`categories.${k as 'staff-attitude'}`), links.byCategory)} />
        <ChartWithTable id="by-class" title={t('console.dashboard.byClass')} bars={bars(totals.byClass as Record<string, number>, (c) => t(`classShort.${c as '1'}`), links.byClass)} />
        <ChartWithTable id="by-severity" title={t('console.dashboard.bySeverity')} bars={bars(pick(totals.bySeverity as Record<string, number>, [...SEVERITIES, 'untriaged']), (s) => t(`severities.${s as 'general'}`), links.bySeverity)} />
        <ChartWithTable id="by-channel" title={t('console.dashboard.byChannel')} bars={bars(pick(totals.byChannel, CHANNELS), (c) => t(`channels.${c as 'web'}`), links.byChannel)} />
        <ChartWithTable id="outcomes" title={t('console.dashboard.outcomes')} bars={bars(totals.outcomes, (o) => t(`outcomes.${o as 'upheld'}`), links.byOutcome)} />
      </div>

      <h2>{t('console.dashboard.timeliness')}</h2>
      <div class="table-wrap">
        <table data-table="timeliness">
          <caption>{t('console.dashboard.timelinessTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.dashboard.step')}</th>
              <th scope="col">{t('console.dashboard.onTime')}</th>
              <th scope="col">{t('console.dashboard.median')}</th>
              <th scope="col">{t('console.dashboard.p90')}</th>
              <th scope="col">{t('console.dashboard.mean')}</th>
              <th scope="col">{t('console.dashboard.answered')}</th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['acknowledgement', totals.acknowledgement],
                ['stage1', answer.stage1],
                ['stage2', answer.stage2],
              ] as const
            ).map(([step, figures]) => (
              <tr key={step}>
                <th scope="row">{t(`console.dashboard.${step}`)}</th>
                <td>{formatRateOf(figures.onTime)}</td>
                <td>{formatDays(figures.workingDays.median)}</td>
                <td>{formatDays(figures.workingDays.p90)}</td>
                <td>{formatDays(figures.workingDays.mean)}</td>
                <td>{step === 'stage2' ? <CountLink count={figures.workingDays.count} link={links.stage2} /> : formatNumber(figures.workingDays.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('console.dashboard.satisfaction')}</h2>
      <div class="table-wrap">
        <table data-table="satisfaction">
          <caption>{t('console.dashboard.satisfactionTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.dashboard.value')}</th>
              {[1, 2, 3, 4, 5].map((r) => (
                <th key={r} scope="col">
                  {t('console.dashboard.rating', { rating: r })}
                </th>
              ))}
              <th scope="col">{t('console.dashboard.meanRating')}</th>
              <th scope="col">{t('console.dashboard.satisfied')}</th>
            </tr>
          </thead>
          <tbody>
            {(['withOutcome', 'withHandling'] as const).map((kind) => {
              const ratings = totals.satisfaction[kind];
              return (
                <tr key={kind}>
                  <th scope="row">{t(`console.dashboard.${kind}`)}</th>
                  {[1, 2, 3, 4, 5].map((r) => (
                    <td key={r}>{formatNumber(ratings.distribution[r] ?? 0)}</td>
                  ))}
                  <td>{formatDays(ratings.mean)}</td>
                  <td>{formatRateOf(ratings.satisfied)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>
        {t('console.dashboard.survey', {
          asked: formatNumber(totals.satisfaction.survey.asked),
          answered: formatNumber(totals.satisfaction.survey.answered),
          noResponse: formatNumber(totals.satisfaction.survey.noResponse),
        })}
      </p>

      <h2>{t('console.dashboard.extensions')}</h2>
      <p>
        {t('console.dashboard.extensionsText', {
          cases: formatNumber(totals.extensions.cases.numerator),
          count: formatNumber(totals.extensions.count),
          days: formatNumber(totals.extensions.workingDays),
          paused: formatNumber(totals.pauses.cases.numerator),
          pauses: formatNumber(totals.pauses.count),
        })}
      </p>

      <h2>{t('selfAssessment.lessonsTitle')}</h2>
      <div class="table-wrap">
        <table data-table="lessons">
          <caption>{t('selfAssessment.lessonsTitle')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('selfAssessment.measures.closingReports')}</th>
              <td>
                {formatRate(totals.lessons.reported)} ({formatNumber(totals.lessons.reported.numerator)} / <CountLink count={totals.lessons.closed} link={links.byStatus.closed} label={t('statuses.closed')} />)
              </td>
            </tr>
            {(['lessonsSystemic', 'lessonsProcedureDefect', 'lessonsRuleNotFollowed', 'lessonsImprovement'] as const).map((measure) => (
              <tr key={measure}>
                <th scope="row">{t(`selfAssessment.measures.${measure}`)}</th>
                <td>{formatNumber({ lessonsSystemic: totals.lessons.systemic, lessonsProcedureDefect: totals.lessons.procedureDefect, lessonsRuleNotFollowed: totals.lessons.ruleNotFollowed, lessonsImprovement: totals.lessons.improvement }[measure])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('console.dashboard.compensation')}</h2>
      <div class="table-wrap">
        <table data-table="compensation">
          <caption>{t('console.dashboard.compensationTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.dashboard.value')}</th>
              <th scope="col">{t('console.dashboard.casesColumn')}</th>
              <th scope="col">{t('console.dashboard.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {(['claimed', 'offered', 'awarded'] as const).map((kind) => (
              <tr key={kind}>
                <th scope="row">{t(`console.dashboard.${kind}`)}</th>
                <td>{formatNumber(totals.compensation[kind].cases)}</td>
                <td>{money(totals.compensation[kind].amount)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('console.dashboard.paid')}</th>
              <td colSpan={2}>{t('console.dashboard.paidNotRecorded')}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <h2>{t('console.dashboard.rankings')}</h2>
      <div class="columns">
        {filters.estateIds.length > 1 && (
          <>
            <RankingTable id="estates-by-volume" title={t('console.dashboard.estatesByVolume')} rows={dashboard.rankings.estates.byVolume} name={(id) => estateName(estates, id)} link={(id) => links.byEstate[id]} />
            <RankingTable id="estates-by-change" title={t('console.dashboard.estatesByChange')} rows={dashboard.rankings.estates.byChange} name={(id) => estateName(estates, id)} link={(id) => links.byEstate[id]} />
          </>
        )}
        <RankingTable id="categories-by-volume" title={t('console.dashboard.categoriesByVolume')} rows={dashboard.rankings.categories.byVolume} name={(k) => tDynamic(`categories.${k}`, k)} link={(k) => links.byCategory[k]} />
        <RankingTable id="categories-by-change" title={t('console.dashboard.categoriesByChange')} rows={dashboard.rankings.categories.byChange} name={(k) => tDynamic(`categories.${k}`, k)} link={(k) => links.byCategory[k]} />
      </div>

      {filters.estateIds.length === 1 && <BuildingFigures dashboard={dashboard} estates={estates} />}

      <h2>{t('console.dashboard.regulator')}</h2>
      <RegulatorTable dashboard={dashboard} />

      <EarlyWarnings estateIds={filters.scope === 'group' ? undefined : filters.estateIds} estates={estates} />
    </>
  );
}

/**
 * One estate's complaints per building, each drilling down to the building's cases (docs/BUILDINGS.md). Counts only:
 * the aggregates keep no on-time counters per building, and estates give no homes per building.
 */
function BuildingFigures({ dashboard, estates }: { dashboard: DashboardResponse; estates: PageProps['data']['estates'] }) {
  const estateId = dashboard.filters.estateIds[0]!;
  const listed = estates.find((e) => e.estateId === estateId)?.buildings ?? [];
  if (dashboard.buildings.length === 0 && listed.length === 0) return null;
  const lang = language.get();
  const bars: Bar[] = dashboard.buildings.map((b) => ({
    key: b.buildingId,
    label: b.names?.[lang] ?? buildingName(estates, estateId, b.buildingId),
    count: b.cases,
    link: dashboard.links.byBuilding[b.buildingId],
  }));
  return (
    <>
      <h2>{t('console.buildings.tableTitle')}</h2>
      {bars.length === 0 ? (
        <p data-buildings-none>{t('console.buildings.noneNamed')}</p>
      ) : (
        <ChartWithTable id="by-building" title={t('console.buildings.table', { estate: estateName(estates, estateId) })} bars={bars} />
      )}
    </>
  );
}

function pick(counts: Record<string, number>, keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.filter((k) => k in counts).map((k) => [k, counts[k] ?? 0]));
}

type RankingRow = DashboardResponse['rankings']['estates']['byVolume'][number];

function RankingTable({ id, title, rows, name, link }: { id: string; title: string; rows: RankingRow[]; name: (id: string) => string; link: (id: string) => string | undefined }) {
  const shown = rows.filter((r) => r.total > 0 || r.change !== 0).slice(0, 10);
  return (
    <div class="table-wrap">
      <table data-table={id}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.dashboard.name')}</th>
            <th scope="col">{t('console.dashboard.total')}</th>
            <th scope="col">{t('console.dashboard.last')}</th>
            <th scope="col">{t('console.dashboard.previous')}</th>
            <th scope="col">{t('console.dashboard.change')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.id}>
              <th scope="row">{name(row.id)}</th>
              <td>
                <CountLink count={row.total} link={link(row.id)} label={`${title}, ${name(row.id)}`} />
              </td>
              <td>{formatNumber(row.last)}</td>
              <td>{formatNumber(row.previous)}</td>
              <td>{row.change > 0 ? `+${formatNumber(row.change)}` : formatNumber(row.change)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RegulatorTable({ dashboard }: { dashboard: DashboardResponse }) {
  const r = dashboard.regulator;
  const perThousand = (value: number | null) => formatDays(value);
  const rows: [string, string][] = [
    [t('console.dashboard.ch01s1'), perThousand(r.CH01.stage1PerThousandHomes)],
    [t('console.dashboard.ch01s2'), perThousand(r.CH01.stage2PerThousandHomes)],
    [t('console.dashboard.ch02s1'), formatRateOf(r.CH02.stage1WithinTimescale)],
    [t('console.dashboard.ch02s2'), formatRateOf(r.CH02.stage2WithinTimescale)],
    [t('console.dashboard.tp09'), formatRateOf(r.TP09.satisfiedWithHandling)],
    [t('console.dashboard.spso5'), formatRateOf(r.SPSO.stage1ClosedWithin5WorkingDays)],
    [t('console.dashboard.spso20'), formatRateOf(r.SPSO.stage2ClosedWithin20WorkingDays)],
    [t('console.dashboard.spsoAvg1'), formatDays(r.SPSO.averageWorkingDays.stage1)],
    [t('console.dashboard.spsoAvg2'), formatDays(r.SPSO.averageWorkingDays.stage2)],
    [t('console.dashboard.spsoOutcomes'), [r.SPSO.outcomes.upheld, r.SPSO.outcomes['partly-upheld'], r.SPSO.outcomes['not-upheld']].map(formatNumber).join(' / ')],
    [t('console.dashboard.spsoExtended'), formatRateOf(r.SPSO.extended)],
  ];
  return (
    <div class="table-wrap">
      <table data-table="regulator">
        <caption>{t('console.dashboard.regulatorTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.dashboard.measure')}</th>
            <th scope="col">{t('console.dashboard.value')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([measure, value]) => (
            <tr key={measure}>
              <th scope="row">{measure}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EarlyWarnings({ estateIds, estates }: { estateIds: string[] | undefined; estates: PageProps['data']['estates'] }) {
  const [found, setFound] = useState<{ asOf: string; warnings: EarlyWarning[] } | null>(null);
  const key = JSON.stringify(estateIds ?? null);
  useEffect(() => {
    let current = true;
    fetchEarlyWarnings(estateIds)
      .then((next) => current && setFound(next))
      .catch(() => current && setFound(null));
    return () => {
      current = false;
    };
  }, [key]);
  if (!found) return null;
  return (
    <section aria-labelledby="warnings-title">
      <h2 id="warnings-title">{t('console.dashboard.warnings')}</h2>
      <p class="hint">{t('console.dashboard.warningsIntro', { asOf: found.asOf })}</p>
      {found.warnings.length === 0 ? (
        <p data-warnings-none>{t('console.dashboard.warningsNone')}</p>
      ) : (
        <div class="table-wrap">
          <table data-table="warnings">
            <caption>{t('console.dashboard.warningsTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.buildings.place')}</th>
                <th scope="col">{t('console.dashboard.category')}</th>
                <th scope="col">{t('console.dashboard.window')}</th>
                <th scope="col">{t('console.dashboard.count')}</th>
                <th scope="col">{t('console.dashboard.expected')}</th>
              </tr>
            </thead>
            <tbody>
              {found.warnings.map((w) => (
                <tr key={`${w.estateId}|${w.buildingId ?? ''}|${w.category}|${w.window.to}`} data-building={w.buildingId ?? ''}>
                  <th scope="row">{placeName(estates, w.estateId, w.buildingId)}</th>
                  <td>{tDynamic(`categories.${w.category}`, w.category)}</td>
                  <td>
                    {periodLabel(w.window.from)} – {periodLabel(w.window.to)}
                  </td>
                  <td>
                    <CountLink count={w.count} link={w.cases} label={`${placeName(estates, w.estateId, w.buildingId)}, ${tDynamic(`categories.${w.category}`, w.category)}`} />
                  </td>
                  <td>{formatDays(w.expected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
