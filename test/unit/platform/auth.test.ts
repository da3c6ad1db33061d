/**
 * Staff identity from claims (functions/platform/auth.ts): the claims of a verified JWT (JSON
 * arrays, numbers) and the same claims as API Gateway's JWT authorizer passes them to a staff
 * handler (every value a string; `cognito:groups` as `[hq]` or `[cs-lead hq]`). A claim set that
 * does not name exactly one staff role, and a staff route reached without the authorizer's claims,
 * are a 401 with `WWW-Authenticate: Bearer`. Token verification itself is tested where it happens:
 * test/unit/local/jwtAuthorizer.test.ts (the authorizer) and test/unit/platform/bearerToken.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { requirePermission, requireStaff, type StaffClaims, staffIdentityFromClaims } from '../../../functions/platform/auth';
import { HttpError, type HttpEvent } from '../../../functions/platform/http';

/** The claims of a local issuer's ID token, in the JWT's own form. */
const jwtClaims = (overrides: Record<string, unknown> = {}): StaffClaims => ({
  sub: 'user-123',
  iss: 'https://issuer.test.invalid',
  aud: 'platform-client',
  iat: 1767225000,
  exp: 1767225600,
  token_use: 'id',
  'cognito:groups': ['cs-lead'],
  'custom:estates': 'EST01,EST02',
  'custom:department': 'customer-service',
  ...overrides,
});

/** The same claims as API Gateway's JWT authorizer puts them in `requestContext.authorizer.jwt.claims`. */
const authorizerClaims = (overrides: Record<string, string> = {}): StaffClaims => ({
  sub: 'user-123',
  iss: 'https://issuer.test.invalid',
  aud: 'platform-client',
  iat: '1767225000',
  exp: '1767225600',
  token_use: 'id',
  'cognito:groups': '[cs-lead]',
  'custom:estates': 'EST01,EST02',
  'custom:department': 'customer-service',
  ...overrides,
});

const expected = { kind: 'staff', userId: 'user-123', role: 'cs-lead', estateIds: ['EST01', 'EST02'], departmentId: 'customer-service' };

function refusal(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error('the claims were accepted');
}

function expectUnauthorized(run: () => unknown): void {
  const error = refusal(run);
  expect(error.statusCode).toBe(401);
  expect(error.code).toBe('unauthorized');
  expect(error.headers).toEqual({ 'www-authenticate': 'Bearer' });
}

/** A v2 event of a staff route, with `requestContext.authorizer` as given (or none). */
function staffEvent(authorizer?: unknown): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'GET /api/v1/cases/{id}',
    rawPath: '/api/v1/cases/01ARZ3NDEKTSV4RRFFQ69G5FAV',
    headers: {},
    requestContext: { requestId: 'req', ...(authorizer === undefined ? {} : { authorizer }) },
  } as unknown as HttpEvent;
}

describe.each([
  ['a verified JWT', jwtClaims, (groups: string[]) => groups as unknown],
  ["API Gateway's JWT authorizer", authorizerClaims, (groups: string[]) => `[${groups.join(' ')}]` as unknown],
] as const)('claims of %s', (_form, claims, groups) => {
  const withGroups = (list: string[]) => claims({ 'cognito:groups': groups(list) } as never);

  it('give the staff identity they describe', () => {
    expect(staffIdentityFromClaims(claims())).toEqual(expected);
  });

  it('map group-wide roles to every estate whatever custom:estates says', () => {
    for (const role of ['hq', 'compliance', 'admin']) expect(staffIdentityFromClaims({ ...withGroups([role]), 'custom:estates': 'EST01' })).toMatchObject({ role, estateIds: 'all' });
  });

  it('ignore Cognito groups that are not roles of the platform', () => {
    expect(staffIdentityFromClaims(withGroups(['everyone', 'estate-manager']))).toMatchObject({ role: 'estate-manager' });
  });

  it('read `*` as every estate and trim the list; a blank list is no estate', () => {
    expect(staffIdentityFromClaims({ ...claims(), 'custom:estates': '*' })).toMatchObject({ estateIds: 'all' });
    expect(staffIdentityFromClaims({ ...claims(), 'custom:estates': ' EST01 ,SZ01,' })).toMatchObject({ estateIds: ['EST01', 'SZ01'] });
    expect(staffIdentityFromClaims({ ...claims(), 'custom:estates': ' , ' })).toMatchObject({ estateIds: [] });
  });

  it('accept claims without token_use', () => {
    const { token_use: _tokenUse, ...rest } = claims();
    expect(staffIdentityFromClaims(rest)).toMatchObject({ role: 'cs-lead' });
  });

  it.each([
    ['no role', () => withGroups([])],
    ['two roles', () => withGroups(['cs-lead', 'hq'])],
    ['only an unknown role', () => withGroups(['superuser'])],
    ['no groups claim', () => {
      const { 'cognito:groups': _groups, ...rest } = claims();
      return rest;
    }],
    ['an access token', () => ({ ...claims(), token_use: 'access' })],
    ['no subject', () => {
      const { sub: _sub, ...rest } = claims();
      return rest;
    }],
    ['an empty subject', () => ({ ...claims(), sub: '' })],
  ])('refuse %s with 401', (_label, make) => {
    expectUnauthorized(() => staffIdentityFromClaims(make()));
  });
});

describe('the JWT form', () => {
  it('refuses a groups claim that is a string or an object, not a list', () => {
    expectUnauthorized(() => staffIdentityFromClaims(jwtClaims({ 'cognito:groups': 'hq' })));
    expectUnauthorized(() => staffIdentityFromClaims(jwtClaims({ 'cognito:groups': { hq: true } })));
    expectUnauthorized(() => staffIdentityFromClaims(jwtClaims({ 'cognito:groups': 7 })));
  });

  it('ignores an estates or department claim that is not a string', () => {
    expect(staffIdentityFromClaims(jwtClaims({ 'custom:estates': ['*'], 'custom:department': ['x'] }))).toEqual({ kind: 'staff', userId: 'user-123', role: 'cs-lead', estateIds: [] });
  });
});

describe("the authorizer's form", () => {
  it('reads a rendered list of one role among other groups', () => {
    expect(staffIdentityFromClaims(authorizerClaims({ 'cognito:groups': '[hq]' }))).toMatchObject({ role: 'hq', estateIds: 'all' });
    expect(staffIdentityFromClaims(authorizerClaims({ 'cognito:groups': '[everyone estate-manager staff-2026]' }))).toMatchObject({ role: 'estate-manager' });
  });

  it.each([
    ['a bare role, not a rendered list', 'hq'],
    ['an empty list', '[]'],
    ['two roles', '[cs-lead hq]'],
    ['a list that is not closed', '[hq'],
    ['a nested list', '[[hq]]'],
    ['a rendered object', 'map[hq:true]'],
    ['a JSON array', '["hq"]'],
    ['an empty string', ''],
  ])('refuses %s with 401', (_label, value) => {
    expectUnauthorized(() => staffIdentityFromClaims(authorizerClaims({ 'cognito:groups': value })));
  });
});

describe('requireStaff on a route behind the JWT authorizer', () => {
  it("takes the caller from the authorizer's claims", () => {
    expect(requireStaff(staffEvent({ jwt: { claims: authorizerClaims(), scopes: null } }))).toEqual(expected);
  });

  it('refuses claims that do not name exactly one staff role', () => {
    expectUnauthorized(() => requireStaff(staffEvent({ jwt: { claims: authorizerClaims({ 'cognito:groups': '[cs-lead hq]' }), scopes: null } })));
  });

  it.each([
    ['no authorizer context', undefined],
    ['an empty authorizer context', {}],
    ["another authorizer's context (IAM)", { iam: { accessKey: 'AKIA', userArn: 'arn:aws:iam::000000000000:user/x' } }],
    ['claims that are null', { jwt: { claims: null, scopes: null } }],
    ['claims that are a list', { jwt: { claims: ['hq'], scopes: null } }],
    ['claims that are a string', { jwt: { claims: 'cognito:groups=[hq]', scopes: null } }],
  ])('answers %s with 401, never 500', (_label, authorizer) => {
    expectUnauthorized(() => requireStaff(staffEvent(authorizer)));
  });

  it('answers an event without a request context with 401', () => {
    expectUnauthorized(() => requireStaff({ headers: {} } as unknown as HttpEvent));
  });

  it('does not take a bearer token in the headers for the verified claims', () => {
    const event = staffEvent();
    event.headers = { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiY29nbml0bzpncm91cHMiOlsiaHEiXX0.' };
    expectUnauthorized(() => requireStaff(event));
  });
});

describe('requirePermission', () => {
  it('refuses an estate-bound user without estates with 404, revealing nothing', () => {
    const identity = staffIdentityFromClaims(authorizerClaims({ 'custom:estates': ' , ' }));
    expect(() => requirePermission(identity, 'case.read', { estateId: 'EST01', caseId: 'x' })).toThrow(expect.objectContaining({ statusCode: 404, code: 'not_found' }));
  });

  it('refuses a role the matrix does not allow with 403, an anonymous caller with 401', () => {
    const lead = staffIdentityFromClaims(authorizerClaims());
    expect(() => requirePermission(lead, 'audit.export')).toThrow(expect.objectContaining({ statusCode: 403, code: 'forbidden' }));
    expectUnauthorized(() => requirePermission({ kind: 'anonymous' }, 'case.read', { estateId: 'EST01', caseId: 'x' }));
    expect(() => requirePermission(lead, 'case.read', { estateId: 'EST01', caseId: 'x' })).not.toThrow();
  });
});
