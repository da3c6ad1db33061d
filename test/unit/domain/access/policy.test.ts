/**
 * The policy module, enumerated: every action × every role × own estate /
 * other estate / group level, and for case actions whether the case is routed
 * to the user's department, assigned to them, or neither. The expected matrix
 * is test/fixtures/accessMatrix.ts, written independently of the policy's tables.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Identity, STAFF_ROLES, type StaffIdentity, type StaffRole } from '../../../../functions/domain/access/identity';
import { ACTIONS, type Action, authorize, type Resource } from '../../../../functions/domain/access/policy';
import { EXPECTED_ROLES, OWNER_BOUND, OWNER_BOUND_ROLES, PUBLIC_ACTIONS, RESIDENT_ACTIONS, ROLE_ORDER, type StaffAction, SUPERVISOR_DEPARTMENT_BOUND } from '../../../fixtures/accessMatrix';

const GROUP_WIDE: readonly StaffRole[] = ['hq', 'compliance', 'admin'];
const OWN = 'EST01';
const OTHER = 'EST02';
const CASE_ID = '01JCASE0000000000000000001';

function staff(role: StaffRole, estateIds: StaffIdentity['estateIds'] = GROUP_WIDE.includes(role) ? 'all' : [OWN]): StaffIdentity {
  return { kind: 'staff', userId: `user.${role}`, role, estateIds, departmentId: 'engineering' };
}

interface Context {
  label: string;
  resource: Resource;
  /** The resource is in an estate the (estate-bound) user does not serve. */
  otherEstate: boolean;
  /** For owner-bound actions: the case is routed to the user's department or assigned to them. */
  owned: boolean;
}

const contexts: Context[] = [
  { label: 'group level (no estate)', resource: {}, otherEstate: false, owned: true },
  { label: 'own estate', resource: { estateId: OWN }, otherEstate: false, owned: true },
  { label: 'other estate', resource: { estateId: OTHER }, otherEstate: true, owned: true },
  { label: 'own-estate case routed to their department', resource: { estateId: OWN, caseId: CASE_ID, departmentId: 'engineering' }, otherEstate: false, owned: true },
  { label: 'own-estate case assigned to them', resource: { estateId: OWN, caseId: CASE_ID, departmentId: 'security', assigneeId: 'user.ROLE' }, otherEstate: false, owned: true },
  { label: 'own-estate case of another department', resource: { estateId: OWN, caseId: CASE_ID, departmentId: 'security' }, otherEstate: false, owned: false },
  { label: 'own-estate case not yet routed', resource: { estateId: OWN, caseId: CASE_ID }, otherEstate: false, owned: false },
  { label: 'own-estate case assigned to a colleague', resource: { estateId: OWN, caseId: CASE_ID, departmentId: 'security', assigneeId: 'someone.else' }, otherEstate: false, owned: false },
  { label: 'other-estate case routed to the same department name', resource: { estateId: OTHER, caseId: CASE_ID, departmentId: 'engineering' }, otherEstate: true, owned: true },
];

function expectedFor(role: StaffRole, action: StaffAction, context: Context): 'allow' | 403 | 404 {
  const groupWide = GROUP_WIDE.includes(role);
  if (context.otherEstate && !groupWide) return 404;
  if (!EXPECTED_ROLES[action].has(role)) return 403;
  if (OWNER_BOUND.has(action) && OWNER_BOUND_ROLES.has(role) && context.resource.caseId !== undefined && !context.owned) return 403;
  if (role === 'supervisor' && SUPERVISOR_DEPARTMENT_BOUND.has(action) && context.resource.caseId !== undefined && context.resource.departmentId !== 'engineering') return 403;
  return 'allow';
}

const outcome = (identity: Identity, action: Action, resource: Resource): 'allow' | 401 | 403 | 404 => {
  const decision = authorize(identity, action, resource);
  return decision.allowed ? 'allow' : decision.status;
};

const staffActions = ACTIONS.filter((a): a is StaffAction => !PUBLIC_ACTIONS.has(a) && !RESIDENT_ACTIONS.has(a));

describe('the expected matrix', () => {
  it('names every action of the policy module, and every role', () => {
    expect(Object.keys(EXPECTED_ROLES).sort()).toEqual([...staffActions].sort());
    expect([...ROLE_ORDER].sort()).toEqual([...STAFF_ROLES].sort());
  });

  it('is the matrix docs/ACCESS.md shows', () => {
    const doc = readFileSync(new URL('../../../../docs/ACCESS.md', import.meta.url), 'utf8');
    const header = doc.split('\n').find((line) => /^\| *action *\|/.test(line));
    expect(header, 'the matrix table in docs/ACCESS.md').toBeDefined();
    const columns = header!.split('|').slice(2, -1).map((c) => c.trim().replace(/`/g, ''));
    expect(columns).toEqual([...ROLE_ORDER]);
    const documented: Record<string, string[]> = {};
    for (const line of doc.split('\n')) {
      const m = /^\| *`([a-zA-Z.]+)` *\|(.*)\|\s*$/.exec(line);
      if (!m || !(ACTIONS as readonly string[]).includes(m[1]!)) continue;
      const cells = m[2]!.split('|').map((c) => c.trim());
      documented[m[1]!] = ROLE_ORDER.filter((_, i) => cells[i] !== undefined && cells[i] !== '' && cells[i] !== '·' && cells[i] !== '—');
    }
    const expected = Object.fromEntries(staffActions.map((a) => [a, ROLE_ORDER.filter((r) => EXPECTED_ROLES[a].has(r))]));
    expect(documented).toEqual(expected);
  });
});

describe.each(staffActions)('%s', (action) => {
  it('is decided for every role × estate × case ownership as the matrix says', () => {
    const mismatches: string[] = [];
    for (const role of STAFF_ROLES) {
      for (const context of contexts) {
        const resource = { ...context.resource, ...(context.resource.assigneeId === 'user.ROLE' ? { assigneeId: `user.${role}` } : {}) };
        const got = outcome(staff(role), action, resource);
        const want = expectedFor(role, action, context);
        if (got !== want) mismatches.push(`${role} on ${context.label}: expected ${want}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses anonymous callers with 401 and residents with 404 (not revealing the case)', () => {
    expect(outcome({ kind: 'anonymous' }, action, { estateId: OWN, caseId: CASE_ID })).toBe(401);
    expect(outcome({ kind: 'anonymous' }, action, {})).toBe(401);
    expect(outcome({ kind: 'resident', caseId: CASE_ID }, action, { estateId: OWN, caseId: CASE_ID })).toBe(404);
  });
});

describe('estate isolation', () => {
  it('gives staff who serve several estates each of them, and no other', () => {
    const lead = staff('cs-lead', ['EST01', 'SZ01']);
    expect(outcome(lead, 'case.read', { estateId: 'EST01', caseId: CASE_ID })).toBe('allow');
    expect(outcome(lead, 'case.read', { estateId: 'SZ01', caseId: CASE_ID })).toBe('allow');
    expect(outcome(lead, 'case.read', { estateId: 'EST02', caseId: CASE_ID })).toBe(404);
  });

  it('gives staff who serve no estate nothing estate-scoped', () => {
    const nobody = staff('estate-manager', []);
    for (const action of staffActions) expect(outcome(nobody, action, { estateId: OWN }), action).toBe(404);
  });

  it('answers another estate with 404 even for an action the role may never take (no hint that the case exists)', () => {
    expect(outcome(staff('frontline-staff'), 'compensation.decide', { estateId: OTHER, caseId: CASE_ID })).toBe(404);
    expect(outcome(staff('frontline-staff'), 'compensation.decide', { estateId: OWN, caseId: CASE_ID })).toBe(403);
  });

  it('matches estate ids exactly (no prefix or case-insensitive match)', () => {
    const lead = staff('cs-lead', ['EST0']);
    expect(outcome(lead, 'case.read', { estateId: 'EST01' })).toBe(404);
    expect(outcome(staff('cs-lead', ['est01']), 'case.read', { estateId: 'EST01' })).toBe(404);
  });
});

describe('residents and the public', () => {
  it('lets anyone file a complaint', () => {
    for (const identity of [{ kind: 'anonymous' } as const, { kind: 'resident', caseId: CASE_ID } as const, ...STAFF_ROLES.map((r) => staff(r))]) {
      expect(outcome(identity, 'complaint.file', { estateId: OWN })).toBe('allow');
    }
  });

  it.each([...RESIDENT_ACTIONS])('lets the holder of a tracking token %s their own case only; everyone else gets 404', (action) => {
    expect(outcome({ kind: 'resident', caseId: CASE_ID }, action, { caseId: CASE_ID })).toBe('allow');
    expect(outcome({ kind: 'resident', caseId: CASE_ID }, action, { caseId: '01JCASE0000000000000000002' })).toBe(404);
    expect(outcome({ kind: 'resident', caseId: CASE_ID }, action, {})).toBe(404);
    expect(outcome({ kind: 'anonymous' }, action, { caseId: CASE_ID })).toBe(404);
    // Staff see a case through the staff routes, not the resident's link.
    for (const role of STAFF_ROLES) expect(outcome(staff(role), action, { estateId: OWN, caseId: CASE_ID }), role).not.toBe('allow');
  });
});

describe('seed 001 §3 roles beyond the matrix', () => {
  const supervisor = staff('supervisor');
  const routedHere = { estateId: OWN, caseId: CASE_ID, departmentId: 'engineering' };

  it('lets a supervisor assign a case of their department to someone of their department, and nothing wider', () => {
    expect(outcome(supervisor, 'case.assign', { ...routedHere, assignment: { assigneeDepartmentId: 'engineering' } })).toBe('allow');
    expect(outcome(supervisor, 'case.assign', { ...routedHere, assignment: { departmentId: 'engineering', assigneeDepartmentId: 'engineering' } })).toBe('allow');
    // Moving the case to another department, or handing it to someone outside theirs, is the CS lead's call.
    expect(outcome(supervisor, 'case.assign', { ...routedHere, assignment: { departmentId: 'security', assigneeDepartmentId: 'engineering' } })).toBe(403);
    expect(outcome(supervisor, 'case.assign', { ...routedHere, assignment: { assigneeDepartmentId: 'security' } })).toBe(403);
    expect(outcome(supervisor, 'case.assign', { ...routedHere, assignment: {} })).toBe(403);
    expect(outcome(supervisor, 'case.assign', { estateId: OWN, caseId: CASE_ID, departmentId: 'security', assignment: { assigneeDepartmentId: 'engineering' } })).toBe(403);
    // The CS lead assigns anywhere in the estate.
    expect(outcome(staff('cs-lead'), 'case.assign', { ...routedHere, assignment: { departmentId: 'security', assigneeDepartmentId: 'security' } })).toBe('allow');
  });

  it('lets the information officer record complaints and follow-ups but handle none', () => {
    const officer = staff('information-officer');
    for (const action of ['complaint.fileOnBehalf', 'case.note', 'case.contactInWriting', 'case.recordRating', 'report.weekly'] as const) expect(outcome(officer, action, { estateId: OWN }), action).toBe('allow');
    for (const action of ['case.resolve', 'case.respond', 'case.assign', 'case.triage', 'case.escalate'] as const) expect(outcome(officer, action, routedHere), action).toBe(403);
  });

  it('has the CS lead (or the assistant manager they report to) summarise a claim for the manager, who decides it', () => {
    const claimCase = { estateId: OWN, caseId: CASE_ID };
    expect(outcome(staff('cs-lead'), 'compensation.summarise', claimCase)).toBe('allow');
    expect(outcome(staff('assistant-manager'), 'compensation.summarise', claimCase)).toBe('allow');
    expect(outcome(staff('estate-manager'), 'compensation.summarise', claimCase)).toBe(403);
    expect(outcome(staff('cs-lead'), 'compensation.decide', claimCase)).toBe(403);
    expect(outcome(staff('assistant-manager'), 'compensation.decide', claimCase)).toBe(403);
  });
});
