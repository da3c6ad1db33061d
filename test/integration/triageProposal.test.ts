/**
 * The triage proposal at acknowledgement on DynamoDB Local: the open cases of a unit are found through
 * `byEstateStatus` (closed cases, other units and other estates left out, units spelled differently matched),
 * and a complaint repeating an open case of its unit is proposed a duplicate, with that case's reference,
 * in the API's case view — still waiting for a person to triage it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { seedCase } from '../support/seedCases';

let platform: TestPlatform;
const { file, waitingFor } = lifecycleDriver(() => platform);
const UNIT = 'Block A, 12/F, Flat 3';

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.stop());

describe('open cases of a unit and the duplicate proposal', () => {
  it('finds only the open cases of that estate and unit, whatever the spelling of the unit', async () => {
    const receivedAt = new Date(Date.now() - 3 * 86400_000).toISOString();
    const open = await seedCase(platform.caseStore, { estateId: 'EST01', receivedAt, patch: { unit: UNIT, status: 'in-progress', category: 'service-missing-or-not-working' } });
    const acknowledged = await seedCase(platform.caseStore, { estateId: 'EST01', receivedAt, patch: { unit: 'block a 12/f flat 3', status: 'acknowledged', proposedTriage: { caseClass: 1, severity: 'general', category: 'staff-attitude', departmentId: 'security', reasons: [] } } });
    await seedCase(platform.caseStore, { estateId: 'EST01', receivedAt, patch: { unit: UNIT, status: 'closed', closedAt: receivedAt, category: 'service-missing-or-not-working' } });
    await seedCase(platform.caseStore, { estateId: 'EST01', receivedAt, patch: { unit: 'Block B, 12/F, Flat 3', status: 'in-progress', category: 'service-missing-or-not-working' } });
    await seedCase(platform.caseStore, { estateId: 'EST02', receivedAt, patch: { unit: UNIT, status: 'in-progress', category: 'service-missing-or-not-working' } });

    const found = await platform.caseStore.listOpenCasesOfUnit('EST01', 'Block A 12/F Flat 3');
    expect(found.map((c) => ({ caseId: c.caseId, category: c.category })).sort((a, b) => a.caseId.localeCompare(b.caseId))).toEqual(
      [
        { caseId: open.caseId, category: 'service-missing-or-not-working' },
        { caseId: acknowledged.caseId, category: 'staff-attitude' },
      ].sort((a, b) => a.caseId.localeCompare(b.caseId)),
    );
    expect(found.find((c) => c.caseId === open.caseId)).toMatchObject({ reference: open.reference, receivedAt: open.receivedAt });
  });

  it('proposes a repeated complaint a duplicate of the open case, with its reference, in the case view; a person still triages it', async () => {
    const opened = (await platform.caseStore.listOpenCasesOfUnit('EST01', UNIT)).find((c) => c.category === 'service-missing-or-not-working')!;
    const created = await file({ unit: UNIT, description: 'I complained about the lift last week and it is still broken, so I am complaining again.' });
    const triage = await waitingFor(created.id, 'triage');
    expect(triage).toMatchObject({
      status: 'acknowledged',
      proposedTriage: { category: 'service-missing-or-not-working', validity: { proposed: 'duplicate', duplicateOf: { caseId: opened.caseId, reference: opened.reference } } },
    });
    expect((triage as unknown as { proposedTriage: { validity: { reason: string } } }).proposedTriage.validity.reason).toContain(opened.reference);
    expect(triage.allowedActions).toEqual(expect.arrayContaining(['triage', 'mark-invalid']));

    const elsewhere = await file({ unit: 'Block C, 3/F, Flat 1', description: 'I complained about the lift last week and it is still broken, so I am complaining again.' });
    expect(await waitingFor(elsewhere.id, 'triage')).toMatchObject({ proposedTriage: { validity: { proposed: 'valid' } } });
  });
});
