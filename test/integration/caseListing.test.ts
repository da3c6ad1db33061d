/**
 * `GET /api/v1/cases` on DynamoDB Local: filters, newest-first order, cursor
 * pagination that covers everything exactly once, tamper-proof cursors, and
 * estate isolation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../functions/domain/complaintCase';
import { demoUsers } from '../../infra/local/demoGroup';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ListPosition, listCases as listCasesFromStore } from '../../functions/store/caseListing';
import { seedCase } from '../support/seedCases';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
const seeded: ComplaintCase[] = [];
const tokens = new Map<string, string>();

const token = async (userId: string) => {
  if (!tokens.has(userId)) tokens.set(userId, await platform.issuer.mint(demoUsers.find((u) => u.userId === userId)!));
  return tokens.get(userId)!;
};

interface Page {
  cases: { caseId: string; estateId: string; receivedAt: string; status: string; overdue: boolean; caseClass?: number; severity?: string; assigneeId?: string }[];
  nextCursor?: string;
}

async function list(userId: string, query: Record<string, string> = {}): Promise<{ status: number; body: Page & { error?: { code: string } } }> {
  const response = await platform.get(`/api/v1/cases?${new URLSearchParams(query)}`, { authorization: `Bearer ${await token(userId)}` });
  return { status: response.status, body: (await response.json()) as Page & { error?: { code: string } } };
}

async function listAll(userId: string, query: Record<string, string> = {}): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const { status, body } = await list(userId, { ...query, ...(cursor ? { cursor } : {}) });
    expect(status).toBe(200);
    ids.push(...body.cases.map((c) => c.caseId));
    cursor = body.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(200);
  } while (cursor);
  return { ids, pages };
}

const newestFirst = (cases: ComplaintCase[]) => [...cases].sort((a, b) => `${b.receivedAt}#${b.caseId}`.localeCompare(`${a.receivedAt}#${a.caseId}`)).map((c) => c.caseId);

beforeAll(async () => {
  // Listing across the group reads many partitions: a DynamoDB Local of its own keeps other files' bulk writes from stalling it.
  platform = await startTestPlatform({ ownDynamoDb: true });
  const now = Date.now();
  const estates = ['EST01', 'EST02', 'SZ01'];
  // 45 cases over the last five months, across three estates, in every combination the filters care about.
  for (let i = 0; i < 45; i += 1) {
    const estateId = estates[i % 3]!;
    const receivedAt = new Date(now - (i * 3 + 1) * 86400_000 - i * 1000).toISOString();
    const overdue = i % 4 === 0;
    const closed = i % 5 === 0;
    seeded.push(
      await seedCase(platform.caseStore, {
        estateId,
        receivedAt,
        responseDueBy: new Date(overdue ? now - 3600_000 : now + 5 * 86400_000).toISOString(),
        patch: {
          status: closed ? 'closed' : i % 2 === 0 ? 'in-progress' : 'acknowledged',
          ...(closed ? { closedAt: new Date(new Date(receivedAt).getTime() + 7200_000).toISOString() } : {}),
          caseClass: ((i % 3) + 1) as 1 | 2 | 3,
          severity: i % 7 === 0 ? 'critical' : 'general',
          ...(i % 6 === 0 ? { assigneeId: 'engineering.est01' } : {}),
        },
      }),
    );
  }
}, 120_000);
afterAll(async () => platform?.stop());

describe('listing cases', () => {
  it('gives HQ every case of the group, newest first, each exactly once across pages', async () => {
    const { ids, pages } = await listAll('hq.director', { limit: '7' });
    expect(ids).toEqual(newestFirst(seeded));
    // Full pages, and no empty page at the end; a page may end early only when the function's time runs short (below).
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(seeded.length / 7));
    expect(pages).toBeLessThanOrEqual(Math.ceil(seeded.length / 7) + 1);
  });

  it('ends a page early, with a cursor to go on from, when the invocation runs short of time (not a 500)', async () => {
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    const ids: string[] = [];
    let position: ListPosition | undefined;
    let requests = 0;
    let shortPages = 0;
    do {
      // Each request may run three queries before its time is "spent": a group-wide walk needs many requests.
      let queries = 0;
      const page = await listCasesFromStore(doc, platform.tableName, {
        scope: 'all', filters: {}, now: new Date().toISOString(), limit: 20, earliestMonth: '2024-01',
        outOfTime: () => ++queries > 3, ...(position ? { position } : {}),
      });
      ids.push(...page.cases.map((c) => c.caseId));
      if (page.cases.length < 20 && page.next) shortPages += 1;
      position = page.next;
      requests += 1;
      expect(requests).toBeLessThan(100);
    } while (position);
    expect(ids).toEqual(newestFirst(seeded));
    expect(shortPages).toBeGreaterThan(0);
    doc.destroy();
  });

  it('gives estate staff only the estates they serve', async () => {
    const { ids } = await listAll('cslead.est01', { limit: '10' });
    expect(ids).toEqual(newestFirst(seeded.filter((c) => c.estateId === 'EST01')));
  });

  it.each([
    ['status', { status: 'in-progress' }, (c: ComplaintCase) => c.status === 'in-progress'],
    ['class', { class: '2' }, (c: ComplaintCase) => c.caseClass === 2],
    ['severity', { severity: 'critical' }, (c: ComplaintCase) => c.severity === 'critical'],
    ['estate', { estateId: 'SZ01' }, (c: ComplaintCase) => c.estateId === 'SZ01'],
    ['assignee', { assignee: 'engineering.est01' }, (c: ComplaintCase) => c.assigneeId === 'engineering.est01'],
    ['overdue', { overdue: 'true' }, (c: ComplaintCase) => c.status !== 'closed' && c.responseDueBy < new Date().toISOString()],
    ['overdue in one estate', { overdue: 'true', estateId: 'EST02' }, (c: ComplaintCase) => c.estateId === 'EST02' && c.status !== 'closed' && c.responseDueBy < new Date().toISOString()],
    ['status and class', { status: 'acknowledged', class: '1' }, (c: ComplaintCase) => c.status === 'acknowledged' && c.caseClass === 1],
  ])('filters by %s, across pages', async (_label, query, predicate) => {
    const { ids } = await listAll('hq.director', { ...query, limit: '4' });
    const expected = newestFirst(seeded.filter(predicate));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids).toEqual(expected);
  });

  it('returns summaries with the unit and the description’s start (the queue’s columns), never the complainant’s name or contacts', async () => {
    const { body } = await list('hq.director', { limit: '1' });
    const [row] = body.cases;
    expect(row).toMatchObject({ caseId: expect.any(String), reference: expect.any(String), overdue: expect.any(Boolean), unit: expect.stringMatching(/Block/), summary: expect.stringMatching(/Seeded complaint/) });
    expect([...(row as unknown as { summary: string }).summary].length).toBeLessThanOrEqual(80);
    expect(JSON.stringify(row)).not.toMatch(/Resident|example\.com|complainant/);
  });

  it('answers staff asking for another estate as for an estate that does not exist', async () => {
    const other = await list('cslead.est01', { estateId: 'EST02' });
    const unknown = await list('cslead.est01', { estateId: 'NOPE' });
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(other.body).toEqual(unknown.body);
  });

  it('refuses an administrator (403) and a caller without a token (401)', async () => {
    expect((await list('admin')).status).toBe(403);
    expect((await platform.get('/api/v1/cases')).status).toBe(401);
  });

  it('rejects invalid filters with 422 naming the field', async () => {
    const { status, body } = await list('hq.director', { severity: 'apocalyptic' });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain('severity');
  });
});

describe('cursors', () => {
  let cursor: string;
  beforeAll(async () => {
    cursor = (await list('hq.director', { limit: '5' })).body.nextCursor!;
    expect(cursor).toBeTruthy();
  });

  it('are opaque: no key, estate or case id in plain sight', () => {
    expect(cursor).not.toMatch(/CASE#|ESTATE#|EST01/);
  });

  it.each([
    ['a flipped character in the payload', (c: string) => (c[3] === 'A' ? `${c.slice(0, 3)}B${c.slice(4)}` : `${c.slice(0, 3)}A${c.slice(4)}`)],
    ['a flipped character in the signature', (c: string) => (c.at(-2) === 'A' ? `${c.slice(0, -2)}B${c.slice(-1)}` : `${c.slice(0, -2)}A${c.slice(-1)}`)],
    ['a re-encoded payload with an edited position', (c: string) => {
      const [payload, signature] = c.split('.') as [string, string];
      const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      decoded.p = [{ m: '2020-01' }];
      return `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
    }],
    ['garbage', () => 'not-a-cursor'],
  ])('refuse %s with 400', async (_label, tamper) => {
    const { status, body } = await list('hq.director', { limit: '5', cursor: tamper(cursor) });
    expect(status).toBe(400);
    expect(body.error?.code).toBe('invalid_cursor');
  });

  it('refuse to serve other filters or another user', async () => {
    expect((await list('hq.director', { limit: '5', status: 'closed', cursor })).status).toBe(400);
    expect((await list('compliance.auditor', { limit: '5', cursor })).status).toBe(400);
  });

  it('continue where the previous page ended', async () => {
    const first = await list('hq.director', { limit: '5' });
    const second = await list('hq.director', { limit: '5', cursor: first.body.nextCursor! });
    expect([...first.body.cases, ...second.body.cases].map((c) => c.caseId)).toEqual(newestFirst(seeded).slice(0, 10));
  });
});
