/**
 * Kill the runtime mid-case, start it again: the case goes on. The second
 * runtime resumes the execution from its checkpoint in the case table, its
 * simulated clock resumes at the platform time the first stopped at (kept in
 * the data folder), and the triage deadline that was running passes exactly
 * when it would have without the restart: not early, not twice.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

const tableName = `Restart_${randomBytes(6).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'complaints-restart-'));
const running: TestPlatform[] = [];
afterAll(async () => {
  for (const platform of running) await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const HOUR = 3_600_000;

async function caseView(platform: TestPlatform, caseId: string, token: string) {
  await platform.settle();
  return (await (await platform.get(`/api/v1/cases/${caseId}`, { authorization: `Bearer ${token}` })).json()) as { waitingFor: string | null; status: string; escalationLevel?: number };
}

describe('restarting the local runtime mid-case', () => {
  it('resumes the waiting workflow at the platform time it stopped at; the running deadline neither skips nor replays', async () => {
    process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 1, feedbackWindowDays: 1 });
    const first = await startTestPlatform({ tableName, timeScale: 'simulated', dataDir });
    running.push(first);
    const lead = demoUsers.find((u) => u.userId === 'cslead.est01')!;
    const token = await first.issuer.mint(lead);
    const created = (await (await first.post('/api/v1/complaints', aComplaint())).json()) as { id: string };
    expect((await caseView(first, created.id, token)).waitingFor).toBe('triage');
    // When the triage deadline passes: the wait's entry (platform time) plus its timeout, from the journal.
    const record = await first.stepFunctions.describeExecution(first.stepFunctions.executionArn(created.id));
    expect(record.checkpoint?.stateName).toBe('AwaitTriage');
    // The wait first times out at the warnings before the breach (50%, 75%); the deadline is the schedule's due date,
    // the final wait's timeout rounded up to its whole second.
    const { dueBy } = (record.checkpoint!.input as { schedule: { dueBy: string } }).schedule;
    const deadlinePasses = Date.parse(dueBy);
    expect(deadlinePasses - first.clock.now()).toBeGreaterThan(2 * HOUR);
    await first.clock.advanceBy(2 * HOUR);
    const stoppedAt = first.clock.now();
    await first.stop();
    running.pop();

    const second = await startTestPlatform({ tableName, timeScale: 'simulated', ports: first.ports, dataDir });
    running.push(second);
    expect(second.resumedExecutions).toBeGreaterThanOrEqual(1);
    expect(second.clock.resumed).toBe(true);
    expect(second.clock.now()).toBe(stoppedAt);
    const secondToken = await second.issuer.mint(lead);
    expect((await caseView(second, created.id, secondToken)).waitingFor).toBe('triage');

    // Not early: a second before the deadline nothing has happened.
    await second.clock.advanceTo(deadlinePasses - 1000);
    expect((await second.caseStore.listEvents(created.id)).filter((e) => e.action === 'case.escalated:overdue')).toHaveLength(0);
    // On time, once: at the deadline the case escalates, at that platform time.
    await second.clock.advanceTo(deadlinePasses + 1000);
    const escalations = (await second.caseStore.listEvents(created.id)).filter((e) => e.action === 'case.escalated:overdue');
    expect(escalations).toHaveLength(1);
    expect(Date.parse(escalations[0]!.at) - deadlinePasses).toBeGreaterThanOrEqual(0);
    expect(Date.parse(escalations[0]!.at) - deadlinePasses).toBeLessThan(1000);

    const view = await caseView(second, created.id, secondToken);
    expect(view.waitingFor).toBe('triage');
    const current = await second.get(`/api/v1/cases/${created.id}`, { authorization: `Bearer ${secondToken}` });
    const triaged = await second.post(
      `/api/v1/cases/${created.id}/actions`,
      { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' },
      { authorization: `Bearer ${secondToken}`, 'if-match': current.headers.get('etag')! },
    );
    expect(triaged.status).toBe(200);
    expect((await caseView(second, created.id, secondToken)).waitingFor).toBe('resolution');
    const execution = await second.stepFunctions.describeExecution(second.stepFunctions.executionArn(created.id));
    expect(execution.status).toBe('RUNNING');
    const acknowledgements = (await second.caseStore.listEvents(created.id)).filter((e) => e.action === 'complaint.acknowledged');
    expect(acknowledgements).toHaveLength(1);
    // Two platforms start and stop in this test: on a loaded machine that alone takes tens of seconds.
  }, 120_000);
});
