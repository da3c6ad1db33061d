/**
 * The console's pages. The shell (./console/shell.tsx) shows the navigation from this list and
 * opens the page of `?view=<id>`; each page is its own module, loaded (and downloaded) only when
 * opened, so adding a page costs the other pages nothing. A page is in the navigation of the
 * people whose role has its `permission` in the policy module (functions/domain/access/policy.ts);
 * the API decides again on every call.
 *
 * To add a page: write `functions/web/browser/pages/<name>.tsx` exporting a default component
 * taking `PageProps`, add its entry below, add its texts to the three catalogues
 * (functions/messages). See docs/CONSOLE.md.
 */
import type { ComponentType } from 'preact';
import type { Action } from '../../domain/access/policy';
import type { MessageKey } from '../../messages';
import { type CataloguePart, loadCataloguePart } from './i18n';
import type { ConsolePageData } from './pageData';
import type { StaffSession } from './session';

export interface PageProps {
  params: URLSearchParams;
  session: StaffSession;
  data: ConsolePageData;
}

export interface ConsolePage {
  /** The `?view=` value. */
  id: string;
  /** Its label in the navigation; pages without one are reached by links only. */
  nav?: MessageKey;
  /** Shown to the roles that hold this permission; undefined: every signed-in person. */
  permission?: Action;
  load: () => Promise<{ default: ComponentType<PageProps> }>;
}

/** A page whose texts are a part of the catalogue of their own: shown once both have come (./i18n.ts). */
const withTexts = <M>(part: CataloguePart, page: Promise<M>): Promise<M> => Promise.all([page, loadCataloguePart(part)]).then(([module]) => module);

export const CONSOLE_PAGES: ConsolePage[] = [
  { id: 'home', nav: 'console.shell.home', load: () => import('./pages/home') },
  { id: 'queue', nav: 'console.shell.queue', permission: 'case.list', load: () => import('./pages/queue') },
  { id: 'log', nav: 'console.shell.logComplaint', permission: 'complaint.fileOnBehalf', load: () => import('./pages/logComplaint') },
  { id: 'letters', nav: 'console.letters.listTitle', permission: 'case.contactInWriting', load: () => import('./pages/letters') },
  { id: 'mail-desk', nav: 'console.mailDesk.nav', permission: 'mail.handleSetAside', load: () => import('./pages/mailDesk') },
  { id: 'duty-log', nav: 'console.dutyLog.listTitle', permission: 'case.list', load: () => import('./pages/dutyLog') },
  { id: 'compliance', nav: 'console.shell.compliance', permission: 'audit.export', load: () => import('./pages/compliance') },
  { id: 'case', permission: 'case.read', load: () => import('./pages/case') },
  // Administration (docs/ADMINISTRATION.md): one entry in the navigation; the pages link to each other.
  { id: 'admin', nav: 'console.admin.nav', permission: 'config.read', load: () => withTexts('admin', import('./pages/admin/home')) },
  { id: 'admin-estates', permission: 'config.read', load: () => withTexts('admin', import('./pages/admin/estates')) },
  { id: 'admin-staff', permission: 'config.manage', load: () => withTexts('admin', import('./pages/admin/staff')) },
  { id: 'admin-settings', permission: 'config.read', load: () => withTexts('admin', import('./pages/admin/settings')) },
  { id: 'admin-policies', permission: 'config.read', load: () => withTexts('admin', import('./pages/admin/policies')) },
  { id: 'admin-ledger', nav: 'console.admin.ledgerNav', permission: 'adminLedger.read', load: () => withTexts('admin', import('./pages/admin/ledger')) },
  { id: 'dashboard', nav: 'console.dashboard.nav', permission: 'dashboard.read', load: () => import('./pages/dashboard') },
  { id: 'performance', nav: 'console.performance.nav', permission: 'dashboard.read', load: () => import('./pages/performance') },
  { id: 'self-assessment', nav: 'selfAssessment.nav', permission: 'report.selfAssessment', load: () => withTexts('selfAssessment', import('./pages/selfAssessment')) },
];
