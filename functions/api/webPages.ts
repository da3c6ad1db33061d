/**
 * Resident web pages: the complaint form (`GET /`) and the tracking page
 * (`GET /track/{id}?token=…`). Server-rendered in the resident's language,
 * each response with its own CSP nonce; the pages talk to the v1 API.
 */
import { getCaseStore } from '../platform/clients';
import { header, html, httpEndpoint } from '../platform/http';
import { renderComplaintForm } from '../web/complaintForm';
import { newNonce, pageHeaders } from '../web/pageLayout';
import { renderTrackingPage } from '../web/trackingPage';
import { choosePageLanguage } from '../web/webCopy';

export const handler = httpEndpoint('webPages', async (event) => {
  const query = event.queryStringParameters ?? {};
  const { language, explicit } = choosePageLanguage(query.lang, header(event, 'accept-language'));
  const nonce = newNonce();
  const headers = pageHeaders(nonce, language);

  if (event.routeKey === 'GET /track/{id}') {
    const page = renderTrackingPage({ language, explicitLanguage: explicit, caseId: event.pathParameters?.id ?? '', token: query.token, nonce });
    return html(page.statusCode, page.body, headers);
  }
  const estates = await getCaseStore().listEstates();
  return html(200, renderComplaintForm({ language, estates, nonce }), headers);
});
