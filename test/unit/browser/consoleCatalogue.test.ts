/**
 * The console's catalogue in the browser (functions/web/browser/i18n.ts): a page's part of the catalogue (the admin
 * pages' texts) asked for while the console is fetching the reader's language is kept, and comes again in the
 * language the reader switches to. Each language and part is fetched once however many callers ask at once.
 */
import { describe, expect, it, vi } from 'vitest';
import { CATALOGUES } from '../../../functions/messages';

describe('the console catalogue', () => {
  it("keeps a page part asked for at the same moment as the reader's language, and brings it again in a language switched to", async () => {
    vi.stubGlobal('document', { documentElement: { lang: '' } });
    vi.stubGlobal('window', { localStorage: { getItem: () => null, setItem: () => undefined } });
    const i18n = await import('../../../functions/web/browser/i18n');
    // As main.tsx and pages.ts do at once: the page asks for its part, the console for the reader's language.
    await Promise.all([i18n.loadCataloguePart('admin'), i18n.chooseLanguage('en', false), i18n.loadCatalogue('en')]);
    expect(i18n.t('console.admin.estateId' as never)).toBe(CATALOGUES.en.console.admin.estateId);
    // A switch of language brings the part in that language too.
    await i18n.chooseLanguage('zh-Hant', false);
    expect(i18n.t('console.admin.estateId' as never)).toBe(CATALOGUES['zh-Hant'].console.admin.estateId);
    vi.unstubAllGlobals();
  });

  it("keeps the reader's own choice when the default picked before it comes later", async () => {
    vi.resetModules();
    const stored = new Map<string, string>();
    vi.stubGlobal('document', { documentElement: { lang: '' } });
    vi.stubGlobal('window', { localStorage: { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => stored.set(key, value) } });
    const i18n = await import('../../../functions/web/browser/i18n');
    await i18n.loadCatalogue('en');
    // The console picks 简体 from the estates served (its catalogue still to be fetched); the reader picks English at once.
    const defaultPick = i18n.chooseLanguage('zh-Hans', false);
    const ownChoice = i18n.chooseLanguage('en', true);
    await Promise.all([defaultPick, ownChoice]);
    expect(i18n.language.get()).toBe('en');
    expect(i18n.t('console.shell.language' as never)).toBe(CATALOGUES.en.console.shell.language);
    expect(i18n.storedLanguage()).toBe('en');
    vi.unstubAllGlobals();
  });
});
