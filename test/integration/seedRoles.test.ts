/**
 * The people of seed 001 §3 on the local platform, beyond the route matrix (authorizationMatrix.test.ts):
 * a supervisor (主管 / 主辦 / 班長) handles and assigns the cases of their own department only; the information
 * officer (信息員) records complaints at the front desk but is never given one to handle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
const driver = lifecycleDriver(() => platform);

beforeAll(async () => {
  platform = await startTestPlatform();
}, 120_000);
afterAll(async () => platform?.stop());

async function triagedTo(departmentId: string) {
  const { id } = await driver.file();
  await driver.waitingFor(id, 'triage');
  await driver.actOk(id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId });
  await driver.waitingFor(id, 'resolution');
  return id;
}

const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; fields?: Record<string, string> } }).error;

describe('a supervisor (主管 / 主辦 / 班長)', () => {
  it("assigns a case of their department to a person of their department, and no wider", async () => {
    const id = await triagedTo('engineering');
    const outside = await driver.act(id, 'foreman.est01', { type: 'assign', assigneeId: 'security.est01' });
    expect(outside.status).toBe(403);
    expect((await errorOf(outside)).fields?.assigneeId).toMatch(/own department/);
    const moved = await driver.act(id, 'foreman.est01', { type: 'assign', assigneeId: 'engineering.est01', departmentId: 'security' });
    expect(moved.status).toBe(403);
    expect((await errorOf(moved)).fields?.departmentId).toMatch(/own department/);
    expect((await platform.caseStore.getCase(id))?.assigneeId).toBeUndefined();
    const within = await driver.act(id, 'foreman.est01', { type: 'assign', assigneeId: 'engineering.est01' });
    expect(within.status, await within.clone().text()).toBe(200);
    expect((await platform.caseStore.getCase(id))?.assigneeId).toBe('engineering.est01');
  }, 120_000);

  it("answers a case of their department, but not another department's", async () => {
    const ours = await triagedTo('engineering');
    const theirs = await triagedTo('security');
    const response = { type: 'interim-response', reason: 'Parts are on order.', measures: 'A temporary repair is in place.' };
    expect((await driver.act(theirs, 'foreman.est01', response)).status).toBe(403);
    expect((await driver.act(theirs, 'foreman.est01', { type: 'assign', assigneeId: 'engineering.est01' })).status).toBe(403);
    const view = (await driver.getCase(ours, 'foreman.est01')) as unknown as { actionsForYou: string[] };
    expect(view.actionsForYou).toEqual(expect.arrayContaining(['respond', 'assign']));
    const elsewhere = (await driver.getCase(theirs, 'foreman.est01')) as unknown as { actionsForYou: string[] };
    expect(elsewhere.actionsForYou).not.toContain('respond');
    expect(elsewhere.actionsForYou).not.toContain('assign');
    const own = await driver.act(ours, 'foreman.est01', response);
    expect(own.status, await own.clone().text()).toBe(200);
  }, 120_000);
});

describe('the information officer (信息員)', () => {
  it('records a front-desk complaint with what was done on the spot, and handles none', async () => {
    const officer = await driver.file({ channel: 'in-person', onTheSpotResolution: 'Explained the defect-liability period and logged the crack for the developer.' }, await bearer('infodesk.est01'));
    await platform.settle();
    const view = (await driver.getCase(officer.id, 'infodesk.est01')) as unknown as { actionsForYou: string[] };
    expect(view.actionsForYou).toContain('note');
    for (const handling of ['assign', 'respond', 'triage', 'escalate']) expect(view.actionsForYou).not.toContain(handling);
    expect((await driver.act(officer.id, 'infodesk.est01', { type: 'note', text: 'Customer opinion form filed.' })).status).toBe(200);
    // Never an assignee: the picker leaves them out and an assignment to them is refused on the field.
    const picker = (await (await platform.get('/api/v1/estates/EST01/staff', await bearer('cslead.est01'))).json()) as { staff: { userId: string }[] };
    expect(picker.staff.map((m) => m.userId)).toContain('foreman.est01');
    expect(picker.staff.map((m) => m.userId)).not.toContain('infodesk.est01');
    const refused = await driver.act(officer.id, 'cslead.est01', { type: 'assign', assigneeId: 'infodesk.est01' });
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).fields?.assigneeId).toMatch(/cannot be assigned/);
  }, 120_000);
});

async function bearer(userId: string) {
  const { demoUsers } = await import('../../infra/local/demoGroup');
  return { authorization: `Bearer ${await platform.issuer.mint(demoUsers.find((u) => u.userId === userId)!)}` };
}
