/**
 * Conditional GETs for the console's polls, on the local platform: the case view's and the case list's ETag
 * changes when what they show changes, a request naming the ETag it holds gets 304 with no body while
 * nothing changed, and the case's ETag still serves If-Match (the version is read from it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
const tokens = new Map<string, string>();
const auth = async (userId: string) => {
  if (!tokens.has(userId)) tokens.set(userId, await platform.issuer.mint(demoUsers.find((u) => u.userId === userId)!));
  return { authorization: `Bearer ${tokens.get(userId)!}` };
};

async function fileComplaint(description: string): Promise<string> {
  const response = await platform.post('/api/v1/complaints', aComplaint({ channel: 'phone', description }), await auth('cslead.est01'));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

let caseId: string;
beforeAll(async () => {
  platform = await startTestPlatform();
  caseId = await fileComplaint('The lift in Block A has been broken for three days.');
  await platform.settle();
}, 120_000);
afterAll(async () => platform?.stop());

describe('the case view', () => {
  it('answers 304 with no body to the ETag it gave while nothing changed, and the full view once something did', async () => {
    const first = await platform.get(`/api/v1/cases/${caseId}`, await auth('cslead.est01'));
    expect(first.status).toBe(200);
    const view = (await first.json()) as { version: number };
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(new RegExp(`^"${view.version}\\.[A-Za-z0-9_-]{22}"$`));

    const unchanged = await platform.get(`/api/v1/cases/${caseId}`, { ...(await auth('cslead.est01')), 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(unchanged.headers.get('cache-control')).toBe('no-store');
    // Weak form and a list of tags are understood; another tag is not a match.
    expect((await platform.get(`/api/v1/cases/${caseId}`, { ...(await auth('cslead.est01')), 'if-none-match': `"x", W/${etag}` })).status).toBe(304);
    expect((await platform.get(`/api/v1/cases/${caseId}`, { ...(await auth('cslead.est01')), 'if-none-match': `"${view.version}.AAAAAAAAAAAAAAAAAAAAAA"` })).status).toBe(200);

    // Another person sees another view (what they may do differs): the ETag is theirs, not the lead's.
    const frontDesk = await platform.get(`/api/v1/cases/${caseId}`, { ...(await auth('frontline.est01')), 'if-none-match': etag });
    expect(frontDesk.status).toBe(200);
    expect(((await frontDesk.json()) as { actionsForYou: string[] }).actionsForYou).not.toEqual((view as unknown as { actionsForYou: string[] }).actionsForYou);
    expect(frontDesk.headers.get('etag')).not.toBe(etag);

    // The ETag still serves If-Match: a note is accepted with it, and the view (and its ETag) change.
    const noted = await platform.post(`/api/v1/cases/${caseId}/actions`, { type: 'note', text: 'Called the resident back.' }, { ...(await auth('cslead.est01')), 'if-match': etag });
    expect(noted.status).toBe(200);
    const after = await platform.get(`/api/v1/cases/${caseId}`, { ...(await auth('cslead.est01')), 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(((await after.json()) as { timeline: { action: string }[] }).timeline.some((e) => e.action === 'case.note')).toBe(true);

    // The old ETag is now a stale version for If-Match: the edit clash still answers 409.
    const stale = await platform.post(`/api/v1/cases/${caseId}/actions`, { type: 'note', text: 'A second note on the old view.' }, { ...(await auth('cslead.est01')), 'if-match': etag });
    expect(stale.status).toBe(409);
  });
});

describe('the case list', () => {
  it('answers 304 while the rows are the same, and the new rows once a complaint is filed', async () => {
    const path = '/api/v1/cases?estateId=EST01&limit=50';
    const first = await platform.get(path, await auth('cslead.est01'));
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const unchanged = await platform.get(path, { ...(await auth('cslead.est01')), 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');

    const newCase = await fileComplaint('Water leaking from the ceiling of the lobby.');
    const changed = await platform.get(path, { ...(await auth('cslead.est01')), 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(((await changed.json()) as { cases: { caseId: string }[] }).cases.map((c) => c.caseId)).toContain(newCase);
  });
});
