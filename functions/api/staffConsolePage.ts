/** `GET /staff` — the staff console shell; its data comes from the staff API with the signed-in user's token. */
import { getCaseStore } from '../platform/clients';
import { html, httpEndpoint } from '../platform/http';
import { newNonce, pageHeaders } from '../web/pageLayout';
import { renderStaffConsole } from '../web/staffConsole';

export const handler = httpEndpoint('staffConsolePage', async () => {
  const nonce = newNonce();
  const estates = await getCaseStore().listEstates();
  // The console chooses each reader's language in the browser; the shell's HTML says English.
  // OpenID Connect sign-in (docs/ACCESS.md): the issuer and app client the staff routes' authorizer checks.
  const { AUTH_ISSUER: issuer, AUTH_AUDIENCE: clientId, AUTH_DISCOVERY_URL: discoveryUrl, AUTH_CONNECT_ORIGINS: connectOrigins } = process.env;
  const signIn = issuer && clientId && discoveryUrl ? { issuer, clientId, discoveryUrl } : undefined;
  return html(200, renderStaffConsole({ estates, nonce, ...(signIn ? { signIn } : {}) }), pageHeaders(nonce, 'en', { modules: true, connectOrigins: connectOrigins?.split(' ').filter(Boolean) ?? [] }));
});
