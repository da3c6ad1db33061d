/**
 * The console's frame: sign-in when signed out; otherwise the navigation (pages of ../pages.ts
 * the person's role may use), the language picker, who is signed in, and the open page. Pages are
 * loaded on demand; focus moves to the page's heading when it opens, for keyboard and screen-reader users.
 */
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ROLE_PERMISSIONS } from '../../../domain/access/policy';
import { LANGUAGES, type Language } from '../../../domain/vocabulary';
import { chooseLanguage, defaultLanguage, LANGUAGE_NAMES, language, storedLanguage, t } from '../i18n';
import { CONSOLE_PAGES, type ConsolePage, type PageProps } from '../pages';
import type { ConsolePageData } from '../pageData';
import { href, location } from '../router';
import { currentStaff, onSessionChange, servedEstates, signOutEverywhere, type SignOutReason, type StaffSession, startupSignOutReason } from '../session';
import { useSignal } from '../state';
import { SignIn } from './signIn';

export function pagesFor(session: StaffSession): ConsolePage[] {
  return CONSOLE_PAGES.filter((page) => !page.permission || (session.role !== null && ROLE_PERMISSIONS[session.role].includes(page.permission)));
}

function servedJurisdictions(session: StaffSession | null, data: ConsolePageData): string[] {
  if (!session) return [];
  const estates = servedEstates(session, data.estates);
  return estates.map((e) => e.jurisdiction);
}

function useSession(): { session: StaffSession | null; reason: SignOutReason | undefined } {
  const [state, setState] = useState<{ session: StaffSession | null; reason: SignOutReason | undefined }>({ session: currentStaff(), reason: startupSignOutReason() });
  useEffect(() => onSessionChange((session, reason) => setState({ session, reason })), []);
  return state;
}

export function Shell({ data }: { data: ConsolePageData }) {
  const { session, reason } = useSession();
  const lang = useSignal(language);
  const params = useSignal(location);

  // The person's own choice wins; otherwise the estates they serve decide (mainland → 简体).
  useEffect(() => {
    void chooseLanguage(storedLanguage() ?? defaultLanguage(servedJurisdictions(session, data)), false);
  }, [session?.userId]);

  useEffect(() => {
    document.title = `${t('console.shell.title')} · ${t('console.shell.siteName')}`;
  }, [lang]);

  return (
    <div lang={lang}>
      {session ? <SignedIn session={session} data={data} params={params} /> : <SignIn reason={reason} params={params} signIn={data.signIn} />}
    </div>
  );
}

function LanguagePicker() {
  const lang = useSignal(language);
  return (
    <div class="lang-picker">
      <label for="console-language">{t('console.shell.language')}</label>
      <select id="console-language" value={lang} onChange={(event) => void chooseLanguage((event.currentTarget).value as Language, true)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

function SignedIn({ session, data, params }: { session: StaffSession; data: ConsolePageData; params: URLSearchParams }) {
  const pages = pagesFor(session);
  const view = params.get('case') ? 'case' : (params.get('view') ?? 'home');
  const page = CONSOLE_PAGES.find((p) => p.id === view);
  const allowed = page !== undefined && pages.includes(page);
  const role = session.role ? t(`roles.${session.role}`) : '';
  return (
    <>
      <div class="staff-bar">
        <nav aria-label={t('console.shell.nav')}>
          <ul>
            {pages
              .filter((p) => p.nav)
              .map((p) => (
                <li key={p.id}>
                  <a href={href({ view: p.id === 'home' ? undefined : p.id })} aria-current={p.id === view ? 'page' : undefined}>
                    {t(p.nav!)}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <LanguagePicker />
        <p class="who">{t('console.shell.signedInAs', { name: session.name, role })}</p>
        <button type="button" class="secondary small" onClick={() => void signOutEverywhere()}>
          {t('console.shell.signOut')}
        </button>
      </div>
      {allowed ? <PageHost page={page} props={{ params, session, data }} /> : <p class="notice">{t('console.shell.notForRole')}</p>}
    </>
  );
}

const loaded = new Map<string, ComponentType<PageProps>>();

function PageHost({ page, props }: { page: ConsolePage; props: PageProps }) {
  const [component, setComponent] = useState<ComponentType<PageProps> | null>(() => loaded.get(page.id) ?? null);
  const [failed, setFailed] = useState(false);
  const lastPage = useRef<string | null>(null);
  useEffect(() => {
    if (loaded.has(page.id)) {
      setComponent(() => loaded.get(page.id)!);
      return;
    }
    setComponent(null);
    setFailed(false);
    page.load().then(
      (module) => {
        loaded.set(page.id, module.default);
        setComponent(() => module.default);
      },
      () => setFailed(true),
    );
  }, [page.id]);
  // A page that opened from a link gets the focus on its heading (not on the first render: the page loaded by itself).
  const key = `${page.id}?${props.params.toString()}`;
  useEffect(() => {
    if (!component) return;
    if (lastPage.current !== null && lastPage.current !== key) {
      const heading = document.querySelector<HTMLElement>('#console-root h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    lastPage.current = key;
  }, [component, key]);
  if (failed) return <p class="message error">{t('console.shell.pageFailed')}</p>;
  if (!component) return <p role="status">{t('console.shell.loading')}</p>;
  const Page = component;
  return <Page {...props} />;
}
