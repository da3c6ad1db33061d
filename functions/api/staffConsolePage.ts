/** `GET /staff` — the staff console shell; its data comes from the staff API with the signed-in user's token. */
import { getCaseStore } from '../platform/clients';
import { html, httpEndpoint } from '../platform/http';
import { newNonce, pageHeaders } from '../web/pageLayout';
import { renderStaffConsole } from '../web/staffConsole';

export const handler = httpEndpoint('staffConsolePage', async () => {
  const nonce = newNonce();
  const estates = await getCaseStore().listEstates();
  // The console chooses each reader's language in the browser; the shell's HTML says English.
  return html(200, renderStaffConsole({ estates, nonce }), pageHeaders(nonce, 'en', { modules: true }));
});
