/**
 * Each role's home: the figures that role works from, each a link to the matching cases. Figures
 * come from the case list API (one query of up to 100 cases per figure; "more than 100" beyond):
 * a figure the API can filter by is its count; the others (due soon, received today, escalated,
 * referred, by department) are counted in the cases such a query returns. Compliance and
 * administrators get their own tools (./compliance.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import type { StaffRole } from '../../../domain/access/identity';
import type { MessageKey } from '../../../messages';
import { SignedOutError, platformNowMs } from '../api';
import { formatNumber, language, t } from '../i18n';
import type { PageProps } from '../pages';
import { href } from '../router';
import { useSignal } from '../state';
import { type CaseFilters, type CaseSummary, departmentName, estateName, fetchCases, isDueSoon } from '../ui/caseList';
import { usePolling } from '../ui/usePolling';
import { AdminTools, ComplianceTools } from './compliance';

interface Figure {
  label: MessageKey;
  /** The query behind the figure, and the queue link. */
  filters: CaseFilters;
  /** Counts the matching cases among those the query returned; absent: the query's count. */
  pick?: (c: CaseSummary, now: number) => boolean;
  id: string;
}

const OPEN = (c: CaseSummary) => c.status !== 'closed';
const sameDay = (iso: string, now: number) => new Date(iso).toDateString() === new Date(now).toDateString();

function figuresFor(role: StaffRole, userId: string, departmentId: string | null): Figure[] {
  switch (role) {
    case 'supervisor':
      // 主管 / 主辦 / 班長: the open cases of their business area first (seed 001 §3.4), then their own.
      return [
        ...(departmentId ? [{ id: 'department', label: 'console.roleWork.departmentCases', filters: { department: departmentId }, pick: OPEN } satisfies Figure] : []),
        { id: 'mine', label: 'console.home.myCases', filters: { assignee: userId }, pick: OPEN },
        { id: 'overdue', label: 'console.home.overdue', filters: { overdue: 'true', ...(departmentId ? { department: departmentId } : {}) } },
      ];
    case 'information-officer':
      // 信息員: what came in today, and the class-2 records (客戶意見征詢表) still open (seed 001 §5.1.2 B).
      return [
        { id: 'received-today', label: 'console.home.receivedToday', filters: {}, pick: (c, now) => sameDay(c.receivedAt, now) },
        { id: 'class-2', label: 'console.roleWork.classTwoOpen', filters: { class: '2' }, pick: OPEN },
      ];
    case 'assistant-manager':
      // 經理助理(客戶): what the CS lead reports up — escalations, claims waiting, overdue (seed 001 §3.2, §5.6.3).
      return [
        { id: 'escalations', label: 'console.home.escalations', filters: { status: 'in-progress' }, pick: (c) => (c.escalationLevel ?? 0) >= 1 },
        { id: 'compensation', label: 'console.roleWork.compensationInReview', filters: { status: 'awaiting-compensation-decision' } },
        { id: 'needs-attention', label: 'console.home.needsAttention', filters: { status: 'needs-attention' } },
        { id: 'overdue', label: 'console.home.overdue', filters: { overdue: 'true' } },
      ];
    case 'department-handler':
    case 'frontline-staff':
      return [
        { id: 'mine', label: 'console.home.myCases', filters: { assignee: userId }, pick: OPEN },
        { id: 'due-soon', label: 'console.home.dueSoon', filters: { overdue: 'false' }, pick: (c, now) => isDueSoon(c, now) },
        { id: 'overdue', label: 'console.home.overdue', filters: { overdue: 'true' } },
      ];
    case 'cs-lead':
      return [
        { id: 'compensation', label: 'console.roleWork.compensationInReview', filters: { status: 'awaiting-compensation-decision' } },
        { id: 'to-triage', label: 'console.home.toTriage', filters: { status: 'acknowledged' }, pick: (c) => c.caseClass === undefined },
        { id: 'received-today', label: 'console.home.receivedToday', filters: {}, pick: (c, now) => sameDay(c.receivedAt, now) },
        { id: 'needs-attention', label: 'console.home.needsAttention', filters: { status: 'needs-attention' } },
        { id: 'emails', label: 'console.home.emailsInDoubt', filters: { emailAttention: 'true' } },
        { id: 'overdue', label: 'console.home.overdue', filters: { overdue: 'true' } },
      ];
    case 'estate-manager':
      return [
        { id: 'escalations', label: 'console.home.escalations', filters: { status: 'in-progress' }, pick: (c) => (c.escalationLevel ?? 0) >= 1 },
        { id: 'compensation', label: 'console.home.compensationWaiting', filters: { status: 'awaiting-compensation-decision' } },
        { id: 'overdue', label: 'console.home.overdue', filters: { overdue: 'true' } },
      ];
    case 'hq':
      return [
        { id: 'critical', label: 'console.home.critical', filters: { severity: 'critical' }, pick: OPEN },
        { id: 'referred', label: 'console.home.referred', filters: {}, pick: (c) => OPEN(c) && (c.channel === 'group-referral' || c.channel === 'government-referral') },
        { id: 'escalations', label: 'console.home.escalations', filters: { status: 'in-progress' }, pick: (c) => (c.escalationLevel ?? 0) >= 2 },
        { id: 'compensation', label: 'console.home.compensationWaiting', filters: { status: 'awaiting-compensation-decision' } },
        { id: 'overdue', label: 'console.home.overdue', filters: { overdue: 'true' } },
      ];
    default:
      return [];
  }
}

interface Counted {
  count: number;
  more: boolean;
  cases: CaseSummary[];
}

export default function HomePage({ session, data }: PageProps) {
  useSignal(language);
  const role = session.role;
  const figures = role ? figuresFor(role, session.userId, session.departmentId) : [];
  const [counts, setCounts] = useState<Record<string, Counted>>({});

  const load = async () => {
    const now = platformNowMs();
    try {
      const entries = await Promise.all(
        figures.map(async (figure) => {
          const page = await fetchCases(figure.filters, { limit: 100 });
          if (!page) return null;
          const cases = figure.pick ? page.cases.filter((c) => figure.pick!(c, now)) : page.cases;
          return [figure.id, { count: cases.length, more: page.nextCursor !== undefined && !figure.pick, cases }] as const;
        }),
      );
      setCounts(Object.fromEntries(entries.filter((e) => e !== null)));
    } catch (error) {
      if (!(error instanceof SignedOutError)) setCounts({});
    }
  };
  useEffect(() => void load(), [session.userId]);
  usePolling(() => void load(), 60_000, figures.length > 0);

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">
        {t('console.home.title')} — {role ? t(`roles.${role}`) : ''}
      </h1>
      {figures.length > 0 && <p>{t('console.home.intro')}</p>}
      {figures.length > 0 && (
        <ul class="tiles">
          {figures.map((figure) => {
            const counted = counts[figure.id];
            return (
              <li key={figure.id} class="tile" data-figure={figure.id}>
                <a href={href({ view: 'queue', ...figure.filters })}>
                  <span class="tile-figure">{counted ? (counted.more ? t('console.home.countMore', { count: formatNumber(counted.count) }) : t('console.home.count', { count: formatNumber(counted.count) })) : '…'}</span>
                  <span class="tile-label">{t(figure.label)}</span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
      {role === 'estate-manager' && counts.overdue && <OverdueByDepartment cases={counts.overdue.cases} data={data} />}
      {role === 'hq' && <ByEstate data={data} />}
      {role === 'hq' && <p class="hint">{t('console.home.dashboardLater')}</p>}
      {role === 'compliance' && <ComplianceTools session={session} data={data} />}
      {role === 'admin' && <AdminTools session={session} data={data} />}
    </section>
  );
}

function OverdueByDepartment({ cases, data }: { cases: CaseSummary[]; data: PageProps['data'] }) {
  const groups = new Map<string, { label: string; count: number }>();
  for (const c of cases) {
    const key = `${c.estateId}/${c.departmentId ?? ''}`;
    const label = `${estateName(data.estates, c.estateId)} · ${departmentName(data.estates, c.estateId, c.departmentId) || t('console.home.noDepartment')}`;
    groups.set(key, { label, count: (groups.get(key)?.count ?? 0) + 1 });
  }
  if (groups.size === 0) return null;
  return (
    <>
      <h2>{t('console.home.overdueByDepartment')}</h2>
      <ul>
        {[...groups.entries()].map(([key, g]) => (
          <li key={key}>
            {g.label}: {t('console.home.count', { count: formatNumber(g.count) })}
          </li>
        ))}
      </ul>
    </>
  );
}

function ByEstate({ data }: { data: PageProps['data'] }) {
  const [open, setOpen] = useState<Record<string, Counted>>({});
  useEffect(() => {
    void Promise.all(
      data.estates.map(async (estate) => {
        const page = await fetchCases({ estateId: estate.estateId }, { limit: 100 }).catch(() => null);
        return page ? ([estate.estateId, { count: page.cases.filter(OPEN).length, more: page.nextCursor !== undefined, cases: [] as CaseSummary[] }] as [string, Counted]) : null;
      }),
    ).then((entries) => setOpen(Object.fromEntries(entries.filter((e) => e !== null))));
  }, []);
  return (
    <>
      <h2>{t('console.home.allEstates')}</h2>
      <ul class="tiles">
        {data.estates.map((estate) => (
          <li key={estate.estateId} class="tile">
            <a href={href({ view: 'queue', estateId: estate.estateId })}>
              <span class="tile-figure">{open[estate.estateId] ? t(open[estate.estateId]!.more ? 'console.home.countMore' : 'console.home.count', { count: formatNumber(open[estate.estateId]!.count) }) : '…'}</span>
              <span class="tile-label">{estateName(data.estates, estate.estateId)}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
