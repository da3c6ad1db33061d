/**
 * What the administration pages share: their own navigation (the sections the person's role may
 * open, from the policy module's permissions), the calls they make, and small helpers.
 */
import { ROLE_PERMISSIONS, type Action } from '../../../../domain/access/policy';
import type { MessageKey } from '../../../../messages';
import { t } from '../../i18n';
import type { StaffSession } from '../../session';
import { href } from '../../router';

export interface AdminSection {
  view: string;
  label: MessageKey;
  permission: Action;
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { view: 'admin', label: 'console.admin.homeTitle', permission: 'config.read' },
  { view: 'admin-estates', label: 'console.admin.estatesTitle', permission: 'config.read' },
  { view: 'admin-staff', label: 'console.admin.staffTitle', permission: 'config.manage' },
  { view: 'admin-settings', label: 'console.admin.settingsTitle', permission: 'config.read' },
  { view: 'admin-policies', label: 'console.admin.policiesTitle', permission: 'config.read' },
  { view: 'admin-ledger', label: 'console.admin.ledgerTitle', permission: 'adminLedger.read' },
];

export const may = (session: StaffSession, action: Action) => session.role !== null && ROLE_PERMISSIONS[session.role].includes(action);

export function AdminNav({ session, current }: { session: StaffSession; current: string }) {
  return (
    <nav aria-label={t('console.admin.sectionsNav')} class="admin-sections">
      <ul>
        {ADMIN_SECTIONS.filter((s) => may(session, s.permission)).map((s) => (
          <li key={s.view}>
            <a href={href({ view: s.view })} aria-current={s.view === current ? 'page' : undefined}>
              {t(s.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A value as the ledger and the lists show it: text as it is, anything else as compact JSON. */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
