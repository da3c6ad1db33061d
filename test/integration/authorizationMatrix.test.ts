/**
 * The authorisation matrix over HTTP: every route of infra/catalog.ts with
 * `auth: 'staff'` × every demo role × a case (or estate) of their own estate and
 * of another estate, against the local platform. Data-driven from the catalog:
 * a staff route without an entry in ROUTE_EXPECTATIONS fails this file, and so
 * does a public route not in PUBLIC_ROUTES — nobody can add a route without
 * saying who may call it. Expected statuses come from the matrix of
 * test/fixtures/accessMatrix.ts (the one docs/ACCESS.md shows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../functions/domain/access/identity';
import { type HttpRoute, httpRoutes, streamingRoutes } from '../../infra/catalog';
import { type DemoUser, demoUsers } from '../../infra/local/demoGroup';
import { EXPECTED_ROLES, OWNER_BOUND, OWNER_BOUND_ROLES, type StaffAction } from '../fixtures/accessMatrix';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

type Target = { caseId: string; estateId: string };
interface Helpers {
  /** The case's current version as an If-Match value (read as HQ). */
  ifMatch(caseId: string): Promise<string>;
  /** The id of an export job of the compliance subject (jobs are visible to their requester only). */
  exportJobId(): Promise<string>;
  /** The group settings as stored, and their version as an If-Match value (read as the administrator). */
  settings(): Promise<unknown>;
  settingsVersion(): Promise<string>;
  /** A valid custom deadline policy (a preset under another id). */
  customPolicy(): Promise<unknown>;
}
interface RequestSpec {
  /** Path parameters other than the target's `{id}` and `{estateId}`. */
  path?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}
interface RouteExpectation {
  /** The policy action the route asks for. */
  action: StaffAction;
  /**
   * `case`: the request names a case (path `{id}`); `estate`: it names an estate (path or query);
   * `group`: neither — there is no "other estate", and both columns expect the same.
   */
  scope: 'case' | 'estate' | 'group';
  /** A request that is valid in every other respect, so only authorisation decides its status. */
  request: (target: Target, helpers: Helpers) => RequestSpec | Promise<RequestSpec>;
  /**
   * Statuses of an allowed call. A 409 here means the call passed authorisation and was then refused
   * by the case's state (e.g. no compensation decision is awaited on a fresh case).
   */
  allowed: readonly number[];
  /** The calls change the case (and send If-Match): make them one at a time. */
  serial?: boolean;
}

/**
 * Every staff route, with the action it is authorised by. Add yours here when you add a route:
 * the test of a route that is missing here fails.
 */
const PERIOD = { from: '2020-01-01', to: '2100-01-01' };
const ROUTE_EXPECTATIONS: Record<string, RouteExpectation> = {
  'GET /api/v1/cases/{id}': { action: 'case.read', scope: 'case', request: () => ({}), allowed: [200] },
  'GET /api/v1/cases/{id}/similar': { action: 'case.read', scope: 'case', request: () => ({}), allowed: [200] },
  'GET /api/v1/cases': { action: 'case.list', scope: 'estate', request: (t) => ({ query: { estateId: t.estateId } }), allowed: [200] },
  'GET /api/v1/estates/{estateId}/staff': { action: 'case.assign', scope: 'estate', request: () => ({}), allowed: [200] },
  'GET /api/v1/reports/weekly': { action: 'report.weekly', scope: 'estate', request: (t) => ({ query: { estateId: t.estateId, week: '2026-W01' } }), allowed: [200] },
  'GET /api/v1/reports/self-assessment': { action: 'report.selfAssessment', scope: 'estate', request: (t) => ({ query: { estateId: t.estateId, from: '2026-01', to: '2026-12' } }), allowed: [200] },
  'GET /api/v1/early-warnings': { action: 'dashboard.read', scope: 'estate', request: (t) => ({ query: { estateId: t.estateId } }), allowed: [200] },
  'GET /api/v1/dashboard': { action: 'dashboard.read', scope: 'estate', request: (t) => ({ query: { estateId: t.estateId } }), allowed: [200] },
  'POST /api/v1/cases/{id}/actions': {
    action: 'case.note',
    scope: 'case',
    request: async (t, h) => ({ body: { type: 'note', text: 'Authorisation matrix test note.' }, headers: { 'if-match': await h.ifMatch(t.caseId) } }),
    allowed: [200],
    serial: true,
  },
  'POST /api/v1/cases/{id}/compensation': {
    action: 'compensation.decide',
    scope: 'case',
    request: async (t, h) => ({ body: { decision: 'reject', reasons: 'Authorisation matrix test.' }, headers: { 'if-match': await h.ifMatch(t.caseId) } }),
    allowed: [409],
    serial: true,
  },
  'POST /api/v1/cases/{id}/tracking-links/revoke': { action: 'case.revokeTracking', scope: 'case', request: () => ({ body: {} }), allowed: [200] },
  'GET /api/v1/cases/{id}/evidence': { action: 'case.evidencePack', scope: 'case', request: () => ({}), allowed: [200] },
  'GET /api/v1/estates/{estateId}/letters': { action: 'case.contactInWriting', scope: 'estate', request: () => ({}), allowed: [200] },
  'GET /api/v1/estates/{estateId}/duty-log': { action: 'case.list', scope: 'estate', request: () => ({}), allowed: [200] },
  // The test case has an email address, so no letter: an authorised caller learns only that there is none (404), a refused one gets 403.
  'GET /api/v1/cases/{id}/letters/{letterKey}': { action: 'case.contactInWriting', scope: 'case', request: () => ({ path: { letterKey: 'acknowledgement' } }), allowed: [404] },
  // Lifting a hold that is not there changes nothing.
  'POST /api/v1/cases/{id}/legal-hold': { action: 'case.legalHold', scope: 'case', request: () => ({ body: { hold: false, reason: 'authorisation matrix test' } }), allowed: [200] },
  'POST /api/v1/estates/{estateId}/deadline-policy': { action: 'estate.chooseDeadlinePolicy', scope: 'estate', request: () => ({ body: { policyId: 'seed-default' } }), allowed: [200] },
  'POST /api/v1/estates/{estateId}/legal-hold': { action: 'case.legalHold', scope: 'estate', request: () => ({ body: { hold: false, reason: 'authorisation matrix test' } }), allowed: [200] },
  'GET /api/v1/audit/verify': { action: 'audit.verify', scope: 'estate', request: (t) => ({ query: { estateId: t.estateId, ...PERIOD } }), allowed: [200] },
  'GET /api/v1/audit/mail-desk-ledger': { action: 'audit.export', scope: 'group', request: () => ({}), allowed: [200] },
  'GET /api/v1/audit/export': { action: 'audit.export', scope: 'estate', request: (t) => ({ query: { estateId: t.estateId, ...PERIOD, format: 'jsonl' } }), allowed: [200] },
  'POST /api/v1/audit/exports': { action: 'audit.export', scope: 'estate', request: (t) => ({ body: { estateId: t.estateId, ...PERIOD, format: 'jsonl' } }), allowed: [202] },
  'GET /api/v1/audit/exports/{jobId}': { action: 'audit.export', scope: 'group', request: async (_t, h) => ({ path: { jobId: await h.exportJobId() } }), allowed: [200] },
  // The test case has no files: an authorised caller learns only that this file is not there (404), a refused one gets 403.
  'GET /api/v1/cases/{id}/files/{fileId}': { action: 'case.read', scope: 'case', request: () => ({ path: { fileId: '0'.repeat(32) } }), allowed: [404] },
  // Not an export file: the check runs and reports the problems (nothing is stored either way).
  'POST /api/v1/audit/exports/verify': { action: 'audit.verify', scope: 'group', request: () => ({ body: 'not an export', headers: { 'content-type': 'application/x-ndjson' } }), allowed: [200] },
  // A case id that does not exist: the erasure is authorised and finds nothing to erase.
  'POST /api/v1/privacy/erasure': { action: 'case.erasePersonalData', scope: 'group', request: () => ({ body: { caseIds: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'], reference: 'MATRIX-TEST-1' } }), allowed: [200] },
  // Administration (docs/ADMINISTRATION.md). Each allowed call is valid and repeatable: defining what is already defined changes nothing.
  'GET /api/v1/admin/estates': { action: 'config.read', scope: 'group', request: () => ({}), allowed: [200] },
  'POST /api/v1/admin/estates': { action: 'config.manage', scope: 'group', request: () => ({ body: MATRIX_ESTATE }), allowed: [200, 201], serial: true },
  'POST /api/v1/admin/estates/import': {
    action: 'config.manage',
    scope: 'group',
    request: () => ({ body: MATRIX_ESTATE_FILE, headers: { 'content-type': 'text/csv' } }),
    allowed: [200],
    serial: true,
  },
  // Re-activating an active estate changes nothing.
  'POST /api/v1/admin/estates/{estateId}/active': { action: 'config.manage', scope: 'estate', request: () => ({ body: { active: true } }), allowed: [200] },
  // An estate with cases is never removed (and an active one must be deactivated first): authorised, then refused by its state.
  'POST /api/v1/admin/estates/{estateId}/remove': { action: 'config.manage', scope: 'estate', request: () => ({ body: {} }), allowed: [409] },
  'GET /api/v1/admin/settings': { action: 'config.read', scope: 'group', request: () => ({}), allowed: [200] },
  'POST /api/v1/admin/settings': {
    action: 'config.manage',
    scope: 'group',
    request: async (_t, h) => ({ body: await h.settings(), headers: { 'if-match': await h.settingsVersion() } }),
    allowed: [200],
    serial: true,
  },
  'GET /api/v1/admin/deadline-policies': { action: 'config.read', scope: 'group', request: () => ({}), allowed: [200] },
  // Policies are immutable: the first definition is a 201, the same id again a 409.
  'POST /api/v1/admin/deadline-policies': { action: 'deadlinePolicy.define', scope: 'group', request: async (_t, h) => ({ body: await h.customPolicy() }), allowed: [201, 409], serial: true },
  'GET /api/v1/admin/staff': { action: 'config.manage', scope: 'group', request: () => ({}), allowed: [200] },
  'POST /api/v1/admin/staff': {
    action: 'config.manage',
    scope: 'group',
    request: () => ({ body: { userId: 'matrix.user', email: 'matrix.user@demo-group.example', name: 'Matrix test user', role: 'cs-lead', estates: ['EST01'], departmentId: 'customer-service' } }),
    allowed: [201, 409],
    serial: true,
  },
  // Enabling an enabled member changes nothing.
  'POST /api/v1/admin/staff/{userId}': { action: 'config.manage', scope: 'group', request: () => ({ path: { userId: 'frontline.est02' }, body: { enabled: true } }), allowed: [200] },
  'GET /api/v1/admin/ledger': { action: 'adminLedger.read', scope: 'group', request: () => ({}), allowed: [200] },
  // The mail desk (docs/EMAIL_INTAKE.md): a message that is not waiting is not found once the caller is allowed to the desk.
  'GET /api/v1/estates/{estateId}/set-aside-mail': { action: 'mail.handleSetAside', scope: 'estate', request: () => ({}), allowed: [200] },
  'POST /api/v1/estates/{estateId}/set-aside-mail/{messageId}': {
    action: 'mail.handleSetAside',
    scope: 'estate',
    request: () => ({ path: { messageId: 'matrix-no-such-message' }, body: { action: 'refuse', notify: false } }),
    allowed: [404],
  },
  'GET /api/v1/set-aside-mail': { action: 'mail.handleUnaddressed', scope: 'group', request: () => ({}), allowed: [200] },
  'POST /api/v1/set-aside-mail/{messageId}': { action: 'mail.handleUnaddressed', scope: 'group', request: () => ({ path: { messageId: 'matrix-no-such-message' }, body: { action: 'refuse', notify: false } }), allowed: [404] },
};

const MATRIX_ESTATE = {
  estateId: 'MATRIX1',
  names: { 'zh-Hant': '矩陣苑', 'zh-Hans': '矩阵苑', en: 'Matrix Court' },
  jurisdiction: 'HK',
  timeZone: 'Asia/Hong_Kong',
  homes: 10,
  customerServiceEmail: 'cs.matrix1@demo-group.example',
  managerEmail: 'manager.matrix1@demo-group.example',
  departments: [{ departmentId: 'engineering', email: 'eng.matrix1@demo-group.example' }],
};
const MATRIX_ESTATE_FILE = [
  'estateId,name_zh-Hant,name_zh-Hans,name_en,jurisdiction,timeZone,homes,customerServiceEmail,managerEmail,department:engineering',
  'MATRIX2,矩陣二苑,矩阵二苑,Matrix Two,HK,Asia/Hong_Kong,20,cs.matrix2@demo-group.example,manager.matrix2@demo-group.example,eng.matrix2@demo-group.example',
].join('\n');

/**
 * Routes anyone may call, each with what protects it. A new public route must be added here
 * deliberately (and to the APIG4 acknowledgement's reasoning in infra/nagSuppressions.ts).
 */
const PUBLIC_ROUTES: Record<string, string> = {
  'GET /': 'the complaint form',
  'GET /track/{id}': "the complainant's tracking page: the tracking token in the link",
  'GET /health': 'liveness only, no data',
  'GET /api/openapi.json': 'the API contract',
  'GET /api/v1/estates': 'estate names residents choose from, nothing else',
  'POST /api/v1/complaints': 'public intake: validation, per-IP and per-estate limits',
  'GET /api/v1/complaints/{id}': "the complainant's view: the tracking token in the link",
  'GET /feedback/{id}': "the rating page: the tracking token in the follow-up email's link",
  'POST /api/v1/complaints/{id}/feedback': "the complainant's rating: the tracking token, once per stage",
  'POST /api/v1/complaints/{id}/stage-2': "the complainant's request for a stage-2 review: the tracking token",
  'POST /api/v1/complaints/{id}/uploads': "upload links for the complainant's files: the tracking token; S3 limits each upload by the signed policy",
  'POST /api/v1/complaints/{id}/additions': 'the complainant adds text and uploaded files to their case: the tracking token; files checked by content',
  'POST /api/v1/complaints/{id}/compensation-answer': 'the complainant accepts or declines the compensation offered: the tracking token, once per offer',
  'POST /api/v1/complaints/{id}/withdrawal': 'the complainant withdraws the complaint: the tracking token, an explicit confirm',
  'GET /staff': 'the staff console page: a static shell; every datum comes from the staff API with a bearer token',
  'GET /assets/{file}': 'the built browser modules (content-hashed names from a manifest): code only, no data',
  'GET /estates/{estateId}/notices': "the estate's notice page: only the class-3 outcomes staff published for residents, no personal data",
};

const routeKey = (route: HttpRoute) => `${route.method} ${route.path}`;
const allRoutes = [...httpRoutes, ...streamingRoutes];
const staffRoutes = allRoutes.filter((r) => r.auth === 'staff');
/** Staff routes of the HTTP API carry its JWT authorizer; streaming routes are function URLs without one. */
const behindAuthorizer = (route: HttpRoute) => httpRoutes.includes(route);

/** One demo user per role: estate-bound roles from EST01, group-wide roles serve every estate. */
const SUBJECTS: Record<StaffRole, string> = {
  'frontline-staff': 'frontline.est01',
  'information-officer': 'infodesk.est01',
  supervisor: 'foreman.est01',
  'department-handler': 'engineering.est01',
  'cs-lead': 'cslead.est01',
  'assistant-manager': 'assistant.est01',
  'estate-manager': 'manager.est01',
  hq: 'hq.director',
  compliance: 'compliance.auditor',
  admin: 'admin',
};
const GROUP_WIDE: readonly StaffRole[] = ['hq', 'compliance', 'admin'];

let platform: TestPlatform;
const targets = {} as Record<'own' | 'other', Target>;
const tokens = new Map<string, string>();
const helpers: Helpers = {
  async ifMatch(caseId) {
    const response = await platform.get(`/api/v1/cases/${caseId}`, { authorization: `Bearer ${tokens.get('hq.director')}` });
    await response.arrayBuffer();
    return response.headers.get('etag') ?? '"0"';
  },
  exportJobId() {
    exportJob ??= (async () => {
      const response = await platform.post('/api/v1/audit/exports', { estateId: 'EST01', ...PERIOD }, { authorization: `Bearer ${tokens.get(SUBJECTS.compliance)}`, 'idempotency-key': 'authorization-matrix-job' });
      expect(response.status).toBe(202);
      return ((await response.json()) as { jobId: string }).jobId;
    })();
    return exportJob;
  },
  async settings() {
    const response = await platform.get('/api/v1/admin/settings', { authorization: `Bearer ${tokens.get(SUBJECTS.admin)}` });
    return ((await response.json()) as { settings: unknown }).settings;
  },
  async settingsVersion() {
    const response = await platform.get('/api/v1/admin/settings', { authorization: `Bearer ${tokens.get(SUBJECTS.admin)}` });
    await response.arrayBuffer();
    return response.headers.get('etag') ?? '"0"';
  },
  async customPolicy() {
    const response = await platform.get('/api/v1/admin/deadline-policies', { authorization: `Bearer ${tokens.get(SUBJECTS.admin)}` });
    const { presets } = (await response.json()) as { presets: Record<string, unknown>[] };
    return { ...presets[0], id: 'matrix-policy', title: 'Matrix test policy' };
  },
};
let exportJob: Promise<string> | undefined;

const user = (userId: string): DemoUser => demoUsers.find((u) => u.userId === userId)!;

async function fileCase(estateId: string): Promise<string> {
  const response = await platform.post('/api/v1/complaints', aComplaint({ estateId }));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

function urlFor(route: HttpRoute, target: Target, spec: RequestSpec): string {
  let path = route.path.replace('{id}', encodeURIComponent(target.caseId)).replace('{estateId}', encodeURIComponent(target.estateId));
  for (const [name, value] of Object.entries(spec.path ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(value));
  const query = spec.query ? `?${new URLSearchParams(spec.query)}` : '';
  return `${platform.url}${path}${query}`;
}

function send(route: HttpRoute, target: Target, spec: RequestSpec, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = { ...(authorization ? { authorization } : {}), ...spec.headers };
  const init: RequestInit = { method: route.method, headers };
  if (route.method === 'POST') {
    headers['content-type'] ??= 'application/json';
    init.body = typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body ?? {});
  }
  return fetch(urlFor(route, target, spec), init);
}

async function call(route: HttpRoute, target: Target, spec: RequestSpec, authorization?: string): Promise<number> {
  const response = await send(route, target, spec, authorization);
  await response.arrayBuffer();
  return response.status;
}

function expectedStatus(role: StaffRole, which: 'own' | 'other', expectation: RouteExpectation): readonly number[] {
  if (which === 'other' && expectation.scope !== 'group' && !GROUP_WIDE.includes(role)) return [404];
  if (!EXPECTED_ROLES[expectation.action].has(role)) return [403];
  // The test cases are not routed to any department yet, so owner-bound actions are refused to handlers.
  if (expectation.scope === 'case' && OWNER_BOUND.has(expectation.action) && OWNER_BOUND_ROLES.has(role)) return [403];
  return expectation.allowed;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  targets.own = { estateId: 'EST01', caseId: await fileCase('EST01') };
  targets.other = { estateId: 'EST02', caseId: await fileCase('EST02') };
  // Acknowledged and their emails sent (each recorded on the case): the versions the checks read stay put.
  await platform.settle();
  for (const userId of Object.values(SUBJECTS)) tokens.set(userId, await platform.issuer.mint(user(userId)));
}, 120_000);
afterAll(async () => platform?.stop());

describe('the catalog', () => {
  it('has an expectation for every staff route', () => {
    const missing = staffRoutes.map(routeKey).filter((key) => !ROUTE_EXPECTATIONS[key]);
    expect(missing, 'staff routes with no entry in ROUTE_EXPECTATIONS').toEqual([]);
  });

  it('has no public route that is not known to be public', () => {
    const unknown = allRoutes.filter((r) => r.auth === 'public').map(routeKey).filter((key) => !PUBLIC_ROUTES[key]);
    expect(unknown, 'public routes not listed in PUBLIC_ROUTES').toEqual([]);
  });

  it('has no expectation for a route that no longer exists or is not a staff route', () => {
    const staffKeys = new Set(staffRoutes.map(routeKey));
    expect(Object.keys(ROUTE_EXPECTATIONS).filter((key) => !staffKeys.has(key))).toEqual([]);
  });
});

describe.each(staffRoutes.map((r) => [routeKey(r), r] as const))('%s', (key, route) => {
  it('answers every role, in its own estate and another, as the matrix says', async () => {
    const expectation = ROUTE_EXPECTATIONS[key];
    expect(expectation, `no entry for ${key} in ROUTE_EXPECTATIONS`).toBeDefined();
    const mismatches: string[] = [];
    const check = async (role: StaffRole, userId: string, which: 'own' | 'other') => {
      const target = targets[which];
      const status = await call(route, target, await expectation!.request(target, helpers), `Bearer ${tokens.get(userId)}`);
      const want = expectedStatus(role, which, expectation!);
      if (!want.includes(status)) mismatches.push(`${role} (${userId}) on ${which} estate: expected ${want.join(' or ')}, got ${status}`);
    };
    const pairs = (Object.entries(SUBJECTS) as [StaffRole, string][]).flatMap(([role, userId]) => (['own', 'other'] as const).map((which) => [role, userId, which] as const));
    if (expectation!.serial) for (const pair of pairs) await check(...pair);
    else await Promise.all(pairs.map((pair) => check(...pair)));
    expect(mismatches.sort()).toEqual([]);
  });

  it('refuses a caller without a valid staff token with 401, from the layer that checks tokens on the route', async () => {
    const expectation = ROUTE_EXPECTATIONS[key];
    expect(expectation).toBeDefined();
    const spec = await expectation!.request(targets.own, helpers);
    const expired = await platform.issuer.mint(user('hq.director'), { expiresInSeconds: -120 });
    const authorizations = [undefined, 'Bearer not-a-token', `Bearer ${expired}`, `Basic ${Buffer.from('admin:admin').toString('base64')}`];
    const answers = await Promise.all(
      authorizations.map(async (authorization) => {
        const response = await send(route, targets.own, spec, authorization);
        return { status: response.status, wwwAuthenticate: response.headers.get('www-authenticate'), body: (await response.json()) as unknown };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(authorizations.map(() => 401));
    for (const answer of answers) {
      if (behindAuthorizer(route)) {
        // API Gateway's JWT authorizer (the gateway locally): its own body, no handler runs.
        expect(answer.body).toEqual({ message: 'Unauthorized' });
        expect(answer.wwwAuthenticate).toMatch(/^Bearer( scope="" error="invalid_token" error_description="[^"]+")?$/);
      } else {
        // No authorizer in front (the export's function URL): the handler verifies the token.
        expect(answer.body).toMatchObject({ error: { code: 'unauthorized', message: expect.any(String) } });
        expect(answer.wwwAuthenticate).toBe('Bearer');
      }
    }
  });
});

describe('public routes reveal nothing', () => {
  const missingCase = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
  let tracked: { id: string; token: string; name: string; email: string; description: string; unit: string };

  beforeAll(async () => {
    const submission = aComplaint({ estateId: 'EST01', name: 'Wong Siu Ming', unit: 'Tower 9, 30/F, Flat B', description: 'Water has been leaking from the ceiling of the lobby since Monday.' });
    const response = await platform.post('/api/v1/complaints', submission);
    const created = (await response.json()) as { id: string; trackingUrl: string };
    const token = new URL(created.trackingUrl).searchParams.get('token')!;
    tracked = { id: created.id, token, name: submission.name as string, email: submission.email as string, description: submission.description as string, unit: submission.unit as string };
  });

  it("answers a complaint view without a token, or with a wrong one, the same whether or not the case exists", async () => {
    for (const query of ['', '?token=', `?token=${'A'.repeat(43)}`, `?token=${tracked.token.slice(0, -1)}B`]) {
      const existing = await platform.get(`/api/v1/complaints/${tracked.id}${query}`);
      const missing = await platform.get(`/api/v1/complaints/${missingCase}${query}`);
      expect(existing.status, query).toBeGreaterThanOrEqual(400);
      expect(existing.status, query).toBeLessThan(500);
      expect(existing.status, query).toBe(missing.status);
      expect(await existing.text(), query).toBe(await missing.text());
    }
    expect((await platform.get(`/api/v1/complaints/${tracked.id}?token=${'A'.repeat(43)}`)).status).toBe(404);
  });

  it('answers a rating, stage-2, compensation answer or withdrawal with a wrong token the same whether or not the case exists', async () => {
    for (const path of ['feedback', 'stage-2', 'compensation-answer', 'withdrawal']) {
      const body = { rating: 5 };
      const existing = await platform.post(`/api/v1/complaints/${tracked.id}/${path}?token=${'A'.repeat(43)}`, body);
      const missing = await platform.post(`/api/v1/complaints/${missingCase}/${path}?token=${'A'.repeat(43)}`, body);
      expect(existing.status, path).toBe(404);
      expect(await existing.text(), path).toBe(await missing.text());
    }
  });

  it("does not accept one case's token for another case", async () => {
    expect((await platform.get(`/api/v1/complaints/${targets.own.caseId}?token=${tracked.token}`)).status).toBe(404);
  });

  it("shows the complainant their case without their contact details, internal fields or secrets", async () => {
    const response = await platform.get(`/api/v1/complaints/${tracked.id}?token=${tracked.token}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    // Their own words are shown as filed (issue 14: the tracking page tells the whole story); who they are and where they live are not.
    expect(text).toContain(tracked.description);
    for (const secret of [tracked.name, tracked.email, tracked.unit, tracked.token]) expect(text).not.toContain(secret);
    for (const field of ['complainant', 'trackingTokenHashes', 'personalDataSalt', 'headHash', 'assigneeId', 'personalData', 'actor', 'requestId', 'note', 'statement']) {
      expect(text, field).not.toContain(`"${field}"`);
    }
  });

  it("never shows the complainant internal notes or a staff member's statement", async () => {
    const lead = `Bearer ${tokens.get('cslead.est01')}`;
    const internal = { note: `Internal: the contractor blames the night shift ${Date.now()}.`, statement: `Statement of the guard on duty ${Date.now()}: I was at the gate.` };
    // Emails of the case still going out would change its version between reading it and acting.
    await platform.settle();
    for (const body of [{ type: 'note', text: internal.note }, { type: 'staff-statement', staffMember: 'security.est01', statement: internal.statement }]) {
      const etag = await helpers.ifMatch(tracked.id);
      const response = await platform.post(`/api/v1/cases/${tracked.id}/actions`, body, { authorization: lead, 'if-match': etag });
      expect(response.status, body.type).toBe(200);
    }
    const staffView = await (await platform.get(`/api/v1/cases/${tracked.id}`, { authorization: lead })).text();
    expect(staffView).toContain(internal.note);
    const residentView = await (await platform.get(`/api/v1/complaints/${tracked.id}?token=${tracked.token}`)).text();
    expect(residentView).not.toContain(internal.note);
    expect(residentView).not.toContain(internal.statement);
    expect(residentView).not.toContain('security.est01');
    expect(residentView).not.toContain('cslead.est01');
  });

  it("answers the tracking page for an unknown case and for a wrong token alike", async () => {
    const existing = await platform.get(`/track/${tracked.id}?token=${'A'.repeat(43)}`);
    const missing = await platform.get(`/track/${missingCase}?token=${'A'.repeat(43)}`);
    expect(existing.status).toBe(missing.status);
  });

  it('lists estates without any contact address', async () => {
    const text = await (await platform.get('/api/v1/estates')).text();
    expect(text).not.toContain('@');
  });

  it('does not accept a tracking token, or a staff token of a resident-facing route, as a staff credential', async () => {
    const read = staffRoutes.find((r) => routeKey(r) === 'GET /api/v1/cases/{id}')!;
    expect(await call(read, { caseId: tracked.id, estateId: 'EST01' }, {}, `Bearer ${tracked.token}`)).toBe(401);
  });
});
