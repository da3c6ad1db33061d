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
});
