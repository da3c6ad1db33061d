/**
 * Kill the runtime mid-case, start it again: the case goes on. The second
 * runtime resumes the execution from its checkpoint in the case table and
 * the decision made after the restart reaches it.
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

async function waitFor(platform: TestPlatform, caseId: string, token: string, condition: (c: { waitingFor: string | null; status: string }) => boolean) {
  for (let i = 0; i < 300; i += 1) {
    const body = (await (await platform.get(`/api/v1/cases/${caseId}`, { authorization: `Bearer ${token}` })).json()) as { waitingFor: string | null; status: string; etag?: string };
    if (condition(body)) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition never met');
}

describe('restarting the local runtime mid-case', () => {
  it('resumes the waiting workflow and carries on to the end', async () => {
    process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 1, feedbackWindowDays: 1 });
    const first = await startTestPlatform({ tableName, timeScale: 100_000, dataDir });
    running.push(first);
    const lead = demoUsers.find((u) => u.userId === 'cslead.est01')!;
    const token = await first.issuer.mint(lead);
    const created = (await (await first.post('/api/v1/complaints', aComplaint())).json()) as { id: string };
    await waitFor(first, created.id, token, (c) => c.waitingFor === 'triage');
    await new Promise((r) => setTimeout(r, 200)); // let the checkpoint land
    await first.stop();
    running.pop();

    const second = await startTestPlatform({ tableName, timeScale: 100_000, ports: first.ports, dataDir });
    running.push(second);
    expect(second.resumedExecutions).toBeGreaterThanOrEqual(1);
    const secondToken = await second.issuer.mint(lead);
    await waitFor(second, created.id, secondToken, (c) => c.waitingFor === 'triage');
    const current = await second.get(`/api/v1/cases/${created.id}`, { authorization: `Bearer ${secondToken}` });
    const triaged = await second.post(
      `/api/v1/cases/${created.id}/actions`,
      { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' },
      { authorization: `Bearer ${secondToken}`, 'if-match': current.headers.get('etag')! },
    );
    expect(triaged.status).toBe(200);
    await waitFor(second, created.id, secondToken, (c) => c.waitingFor === 'resolution');
    const execution = await second.stepFunctions.describeExecution(second.stepFunctions.executionArn(created.id));
    expect(execution.status).toBe('RUNNING');
    const acknowledgements = (await second.caseStore.listEvents(created.id)).filter((e) => e.action === 'complaint.acknowledged');
    expect(acknowledgements).toHaveLength(1);
  });
});
