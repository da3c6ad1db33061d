/** Administration home: where the group is set up (estates, staff, settings, deadline policies), and what is there so far. */
import { useEffect, useState } from 'preact/hooks';
import { api, SignedOutError } from '../../api';
import { formatNumber, language, t } from '../../i18n';
import type { PageProps } from '../../pages';
import { href } from '../../router';
import { useSignal } from '../../state';
import { ADMIN_SECTIONS, AdminNav, may } from './common';

interface Overview {
  estates: number;
  active: number;
  unfinishedImports: number;
  staff: number | null;
}

export default function AdminHome({ session }: PageProps) {
  useSignal(language);
  const [overview, setOverview] = useState<Overview | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const load = async () => {
      const estates = await api<{ estates: { active?: boolean }[]; unfinishedImports: unknown[] }>('GET', '/api/v1/admin/estates');
      const staff = may(session, 'config.manage') ? await api<{ staff: unknown[] }>('GET', '/api/v1/admin/staff') : null;
      if (!estates.body) return setFailed(true);
      setOverview({
        estates: estates.body.estates.length,
        active: estates.body.estates.filter((e) => e.active !== false).length,
        unfinishedImports: estates.body.unfinishedImports.length,
        staff: staff?.body ? staff.body.staff.length : null,
      });
    };
    load().catch((error: unknown) => {
      if (!(error instanceof SignedOutError)) setFailed(true);
    });
  }, []);
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('console.admin.homeTitle')}</h1>
      <AdminNav session={session} current="admin" />
      <p>{t('console.admin.homeIntro')}</p>
      {failed && <p class="message error">{t('console.admin.loadFailed')}</p>}
      {overview && (
        <ul class="admin-overview" id="admin-overview">
          <li>{t('console.admin.overviewEstates', { count: formatNumber(overview.estates), active: formatNumber(overview.active) })}</li>
          {overview.staff !== null && <li>{t('console.admin.overviewStaff', { count: formatNumber(overview.staff) })}</li>}
          {overview.unfinishedImports > 0 && <li class="message error">{t('console.admin.overviewUnfinished', { count: formatNumber(overview.unfinishedImports) })}</li>}
        </ul>
      )}
      {overview && overview.estates === 0 && may(session, 'config.manage') && (
        <p class="notice">
          {t('console.admin.firstSteps')} <a href={href({ view: 'admin-estates' })}>{t('console.admin.estatesTitle')}</a>
        </p>
      )}
      <ul class="admin-links">
        {ADMIN_SECTIONS.filter((s) => s.view !== 'admin' && may(session, s.permission)).map((s) => (
          <li key={s.view}>
            <a href={href({ view: s.view })}>{t(s.label)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
