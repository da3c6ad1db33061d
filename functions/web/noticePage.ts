/**
 * The estate's notice page (`GET /estates/{estateId}/notices`): the published outcomes of its class-3 complaints
 * (seed 001 §5.1.2 C, "處理結果予以公布"), as residents read them. Server-rendered, no script, in the reader's
 * language (繁 / 简 / EN, `?lang=` or Accept-Language); each notice shows its reference, cause, dates and the text
 * staff wrote for the public, in the reader's language where they wrote it (else the first written, marked with
 * its `lang`). Nothing else of the case: no name, flat, contact or the complaint's own words.
 */
import type { PublicNotice } from '../domain/lifecycle/dutyLog';
import type { Estate } from '../domain/estate';
import type { CauseCategory, Language } from '../domain/vocabulary';
import { INTL_LOCALES, translate } from '../messages';
import { markup, renderPage } from './pageLayout';

export function renderNoticePage(input: { language: Language; estate: Estate | undefined; notices: readonly PublicNotice[]; nonce: string; estateId: string }): { statusCode: number; body: string } {
  const t = translate(input.language);
  const languageHref = (l: Language) => `/estates/${encodeURIComponent(input.estateId)}/notices?lang=${l}`;
  if (!input.estate) {
    return {
      statusCode: 404,
      body: renderPage({ language: input.language, title: t('estateNotices.notFoundTitle'), nonce: input.nonce, languageHref, main: markup`<h1>${t('estateNotices.notFoundTitle')}</h1><p>${t('estateNotices.notFound')}</p>` }),
    };
  }
  const estate = input.estate;
  const date = new Intl.DateTimeFormat(INTL_LOCALES[input.language], { dateStyle: 'long', timeZone: estate.timeZone });
  const title = t('estateNotices.title', { estate: estate.names[input.language] });
  const items = input.notices.map(
    (notice) => markup`<li class="estate-notice">
<article${notice.language === input.language ? '' : markup` lang="${notice.language}"`}>
<h2>${notice.title}</h2>
<p class="prewrap">${notice.summary}</p>
</article>
<dl class="facts">
<dt>${t('estateNotices.reference')}</dt><dd>${notice.reference}</dd>
${notice.category ? markup`<dt>${t('estateNotices.category')}</dt><dd>${t(`categories.${notice.category as CauseCategory}`)}</dd>` : ''}
<dt>${t('estateNotices.reported')}</dt><dd><time datetime="${notice.receivedAt}">${date.format(new Date(notice.receivedAt))}</time></dd>
<dt>${t('estateNotices.published')}</dt><dd><time datetime="${notice.publishedAt}">${date.format(new Date(notice.publishedAt))}</time></dd>
</dl>
</li>`,
  );
  return {
    statusCode: 200,
    body: renderPage({
      language: input.language,
      title,
      nonce: input.nonce,
      languageHref,
      extraStyles: 'ol.notices{list-style:none;padding:0;margin:0}li.estate-notice{border-top:2px solid var(--line);padding:.5rem 0 .75rem}',
      main: markup`<h1>${title}</h1>
<p>${t('estateNotices.intro')}</p>
${items.length > 0 ? markup`<ol class="notices">${items}</ol>` : markup`<p class="notice">${t('estateNotices.none')}</p>`}`,
    }),
  };
}
