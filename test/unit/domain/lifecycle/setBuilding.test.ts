/**
 * Staff name or correct a case's building (issue #11) through the case actions: one of the estate's buildings
 * (another is a field-level 422), not the one it already names (409), open whatever the case's state, with the
 * triage permission; the change is a patch the audit trail records like every action's.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_PERMISSION, allowedActions, planStaffAction, staffActionSchema } from '../../../../functions/domain/lifecycle/staffActions';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { buildHistory } from '../../../support/caseHistories';

const estate = demoEstates.find((e) => e.estateId === 'EST01')!;
const identity = { kind: 'staff' as const, userId: 'cslead.est01', role: 'cs-lead' as const, estateIds: ['EST01'] };
const [received, , closed] = buildHistory({ estateId: 'EST01', channel: 'web', receivedMinute: 0, buildingId: 'T1', steps: [{ step: { kind: 'acknowledge' }, afterHours: 1 }, { step: { kind: 'close' }, afterHours: 1 }] }, 1);
const plan = (buildingId: string, complaintCase = received!) => planStaffAction({ complaintCase, wait: undefined, estate, identity, now: '2026-01-02T00:00:00.000Z' }, staffActionSchema.parse({ type: 'set-building', buildingId }));

describe('setting the building of a case', () => {
  it('sets one of the estate\'s buildings, at any state, as whoever triages', () => {
    expect(plan('T2')).toEqual({ patch: { buildingId: 'T2' }, auditAction: 'case.building-set' });
    expect(allowedActions(closed!, undefined)).toContain('set-building');
    expect(plan('T3', closed!)).toMatchObject({ patch: { buildingId: 'T3' } });
    expect(ACTION_PERMISSION['set-building']).toBe('case.triage');
  });

  it('refuses a building the estate does not list (422, on the field) and the one already named (409)', () => {
    expect(plan('B1')).toMatchObject({ status: 422, fields: { buildingId: expect.any(String) } });
    expect(plan('T1')).toMatchObject({ status: 409, fields: { buildingId: expect.any(String) } });
    expect(staffActionSchema.safeParse({ type: 'set-building', buildingId: 'no such id' }).success).toBe(false);
  });
});
