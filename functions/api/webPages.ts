/**
 * Web pages: the complaint form (`GET /`), the tracking page
 * (`GET /track/{id}?token=…`), the satisfaction confirmation page
 * (`GET /feedback/{id}?token=…&aspect=…&rating=…`, records nothing by itself).
 * Server-rendered, each response with its own CSP nonce; the pages talk to the
 * v1 API. The staff console is its own function (staffConsolePage.ts), so the
 * residents' pages do not carry its code.
 */
import { isEstateActive } from '../domain/estate';
import { entryUrls } from '../web/assetManifest';
import { getCaseStore } from '../platform/clients';
import { header, html, httpEndpoint } from '../platform/http';
import { renderComplaintForm } from '../web/complaintForm';
import { renderFeedbackPage } from '../web/feedbackPage';
import { newNonce, pageHeaders } from '../web/pageLayout';
import { renderTrackingPage } from '../web/trackingPage';
import { choosePageLanguage } from '../web/webCopy';

/**
 * Where the tracking page's presigned POSTs go: S3's regional endpoints in AWS (the bucket is in the
 * host name), the emulator's address locally (AWS_ENDPOINT_URL_S3).
 */
function uploadOrigins(): string[] {
  const local = process.env.AWS_ENDPOINT_URL_S3;
  return local ? [new URL(local).origin] : ['https://*.amazonaws.com'];
}

export const handler = httpEndpoint('webPages', async (event) => {
  const query = event.queryStringParameters ?? {};
  const nonce = newNonce();

  const { language, explicit } = choosePageLanguage(query.lang, header(event, 'accept-language'));
  const caseId = event.pathParameters?.id ?? '';
  const tracking = event.routeKey === 'GET /track/{id}';
  const form = event.routeKey === 'GET /';
  // Every page's behaviour is a built module ('strict-dynamic' lets it load its chunks); the tracking page and the form post files to S3.
  const headers = pageHeaders(nonce, language, { uploadOrigins: tracking || form ? uploadOrigins() : [], modules: true });
  if (tracking) {
    const page = renderTrackingPage({ language, explicitLanguage: explicit, caseId, token: query.token, nonce, pageModule: entryUrls('trackingPage') });
    return html(page.statusCode, page.body, headers);
  }
  if (event.routeKey === 'GET /feedback/{id}') {
    const page = renderFeedbackPage({ language, explicitLanguage: explicit, caseId, token: query.token, aspect: query.aspect, rating: query.rating, nonce, module: entryUrls('feedbackPage') });
    return html(page.statusCode, page.body, headers);
  }
  const estates = (await getCaseStore().listEstates()).filter(isEstateActive);
  return html(200, renderComplaintForm({ language, estates, nonce, formModule: entryUrls('complaintForm') }), headers);
});
