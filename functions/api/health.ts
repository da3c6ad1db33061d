/** `GET /health` — liveness of the API and of the case store it depends on. */
import { getCaseStore } from '../platform/clients';
import { httpEndpoint, json } from '../platform/http';

export const handler = httpEndpoint('health', async () => {
  const started = Date.now();
  let ok = true;
  try {
    await getCaseStore().listEstates();
  } catch {
    ok = false;
  }
  const checks = { caseStore: { ok, latencyMs: Date.now() - started } };
  return json(ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', checks });
});
