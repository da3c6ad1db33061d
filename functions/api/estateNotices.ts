/**
 * `GET /estates/{estateId}/notices`: the estate's notice page for residents (functions/web/noticePage.ts), public.
 * Reads the estate's class-3 cases through the listing's estate partition and shows only their published outcome
 * notices (functions/domain/lifecycle/dutyLog.ts). An unknown or retired estate answers 404 with the page's own text.
 * Not cached: each response carries its own CSP nonce (pageLayout.ts), which a shared cache would repeat.
 */
import { isEstateActive } from '../domain/estate';
import { estateIdSchema } from '../domain/estateIdSchema';
import { publicNotices } from '../domain/lifecycle/dutyLog';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { platformNow } from '../platform/clock';
import { readConfig } from '../platform/config';
import { header, html, httpEndpoint } from '../platform/http';
import { casesOfEstate } from '../store/estateCases';
import { renderNoticePage } from '../web/noticePage';
import { newNonce, pageHeaders } from '../web/pageLayout';
import { choosePageLanguage } from '../web/webCopy';

export const handler = httpEndpoint('estateNotices', async (event) => {
  const { language } = choosePageLanguage(event.queryStringParameters?.lang, header(event, 'accept-language'));
  const nonce = newNonce();
  const headers = pageHeaders(nonce, language);
  const requested = event.pathParameters?.estateId ?? '';
  const parsed = estateIdSchema.safeParse(requested);
  const estate = parsed.success ? await getCaseStore().getEstate(parsed.data) : undefined;
  const active = estate && isEstateActive(estate) ? estate : undefined;
  const cases = active ? await casesOfEstate(getDocumentClient(), readConfig().tableName, active.estateId, { caseClass: 3 }, platformNow().toISOString()) : [];
  const page = renderNoticePage({ language, estate: active, notices: publicNotices(cases, language), nonce, estateId: parsed.success ? parsed.data : 'unknown' });
  return html(page.statusCode, page.body, headers);
});
