/**
 * Revoking a case's tracking links: every old link then answers like an
 * unknown case, no new link is issued, and the audit trail records who did it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
let caseId = '';
let token = '';
let lead = '';
const missingCase = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const revoke = (headers: Record<string, string> = {}) =>
  platform.post(`/api/v1/cases/${caseId}/tracking-links/revoke`, {}, { authorization: `Bearer ${lead}`, ...headers });

beforeAll(async () => {
  platform = await startTestPlatform();
  lead = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'cslead.est01')!);
  const created = (await (await platform.post('/api/v1/complaints', aComplaint({ estateId: 'EST01' }))).json()) as { id: string; trackingUrl: string };
  caseId = created.id;
  token = new URL(created.trackingUrl).searchParams.get('token')!;
  // The acknowledgement changes the case too: let it happen before the tests count writes.
  await platform.settle();
});
afterAll(async () => platform?.stop());

describe('revoking tracking links', () => {
  it('works before revocation', async () => {
    expect((await platform.get(`/api/v1/complaints/${caseId}?token=${token}`)).status).toBe(200);
  });

  it('refuses a stale If-Match with 409 and changes nothing', async () => {
    const response = await revoke({ 'if-match': '"999"' });
    expect(response.status).toBe(409);
    expect((await platform.get(`/api/v1/complaints/${caseId}?token=${token}`)).status).toBe(200);
  });

  it('revokes every link of the case and issues none', async () => {
    const response = await revoke();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { caseId: string; revoked: number; version: number };
    expect(body.caseId).toBe(caseId);
    expect(body.revoked).toBeGreaterThanOrEqual(1);
    expect(response.headers.get('etag')).toBe(`"${body.version}"`);
    expect(JSON.stringify(body)).not.toMatch(/token/i);
  });

  it('answers the old link exactly as for a case that does not exist', async () => {
    const revoked = await platform.get(`/api/v1/complaints/${caseId}?token=${token}`);
    const missing = await platform.get(`/api/v1/complaints/${missingCase}?token=${token}`);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toBe(await missing.text());
    expect((await platform.post(`/api/v1/complaints/${caseId}/feedback?token=${token}`, { outcomeRating: 5 })).status).toBe(404);
  });

  it('is recorded in the audit trail with the member of staff who did it, without the digests', async () => {
    const response = await platform.get(`/api/v1/cases/${caseId}`, { authorization: `Bearer ${lead}` });
    const view = (await response.json()) as { timeline: { action: string; actor: { id?: string }; changes: { field: string; before: unknown; after: unknown }[] }[] };
    const event = view.timeline.find((e) => e.action === 'case.tracking-links-revoked');
    expect(event?.actor).toMatchObject({ type: 'staff', id: 'cslead.est01', role: 'cs-lead' });
    expect(event?.changes).toEqual([{ field: 'trackingTokenHashes', before: '(redacted)', after: '(redacted)' }]);
  });

  it('is idempotent: revoking again revokes nothing and writes nothing', async () => {
    const before = (await platform.get(`/api/v1/cases/${caseId}`, { authorization: `Bearer ${lead}` })).headers.get('etag');
    const again = await revoke();
    expect(again.status).toBe(200);
    expect(((await again.json()) as { revoked: number }).revoked).toBe(0);
    // Same version: the case view's ETag is `"<version>.<view digest>"` (conditional GETs), the revocation's `"<version>"`.
    expect(before).toBe(`${again.headers.get('etag')!.slice(0, -1)}.${/\.([A-Za-z0-9_-]+)"$/.exec(before!)![1]}"`);
  });

  it('is refused to roles that may not revoke, and hidden from other estates', async () => {
    const frontline = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'frontline.est01')!);
    const otherLead = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'cslead.est02')!);
    expect((await platform.post(`/api/v1/cases/${caseId}/tracking-links/revoke`, {}, { authorization: `Bearer ${frontline}` })).status).toBe(403);
    expect((await platform.post(`/api/v1/cases/${caseId}/tracking-links/revoke`, {}, { authorization: `Bearer ${otherLead}` })).status).toBe(404);
  });
});
