/** `GET /staff/console.js` — the staff console's script (functions/web/staffConsoleScript.ts), apart from its page. */
import { createHash } from 'node:crypto';
import { header, httpEndpoint, SECURITY_HEADERS } from '../platform/http';
import { STAFF_CONSOLE_SCRIPT } from '../web/staffConsoleScript';

const ETAG = `"${createHash('sha256').update(STAFF_CONSOLE_SCRIPT).digest('base64url').slice(0, 22)}"`;

export const handler = httpEndpoint('staffConsoleScript', async (event) => {
  // Browsers revalidate each time (no-cache) and get a 304 while the script is unchanged.
  const headers = { ...SECURITY_HEADERS, 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', etag: ETAG };
  if (header(event, 'if-none-match') === ETAG) return { statusCode: 304, headers, body: '' };
  return { statusCode: 200, headers, body: STAFF_CONSOLE_SCRIPT };
});
