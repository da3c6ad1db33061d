/**
 * A holiday calendar chosen per estate, apart from its jurisdiction (functions/domain/estate.ts
 * `holidayCalendarOf`): every working-day computation of the estate counts in it — the promised date, the
 * escalation deadline, the warning points — and the estate file and form take it (absent: the
 * jurisdiction's; naming the jurisdiction's own calendar stores nothing, so a re-import changes nothing).
 */
import { describe, expect, it } from 'vitest';
import { planEstateImport } from '../../../../functions/domain/admin/estateImport';
import { estateDigest } from '../../../../functions/domain/admin/estateDefinition';
import { type Estate, holidayCalendarOf } from '../../../../functions/domain/estate';
import { defaultEscalationDueBy, newDeadlineState, promisedAtReceipt } from '../../../../functions/domain/lifecycle/deadlineTracking';
import { plannedWarnings } from '../../../../functions/domain/lifecycle/deadlineWarnings';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { demoEstates } from '../../../../infra/local/demoGroup';

const hongKong = demoEstates.find((e) => e.estateId === 'EST01')!;
const hongKongOnMainlandDays: Estate = { ...hongKong, holidayCalendar: 'CN' };
// Wednesday 30 September 2026, 10:00 in Hong Kong: Hong Kong is off on 1 October only; the mainland from 1 to
// 7 October (National Day golden week) and works on Saturday 10 October (调休上班).
const RECEIVED = '2026-09-30T02:00:00.000Z';

describe('a Hong Kong estate counting working days in the mainland calendar', () => {
  it('defaults to the jurisdiction and otherwise uses its own choice', () => {
    expect(holidayCalendarOf(hongKong)).toBe('HK');
    expect(holidayCalendarOf(hongKongOnMainlandDays)).toBe('CN');
  });

  it('gets mainland working days: golden week off, the make-up Saturday worked', () => {
    // Five working days: Hong Kong 2, 5, 6, 7, 8 October; the mainland 8, 9, 10 (Saturday), 12, 13 October. Ends 23:59:59.999 in Hong Kong.
    expect(defaultEscalationDueBy(RECEIVED, hongKong, 5)).toBe('2026-10-08T15:59:59.999Z');
    expect(defaultEscalationDueBy(RECEIVED, hongKongOnMainlandDays, 5)).toBe('2026-10-13T15:59:59.999Z');
    expect(promisedAtReceipt(hongKongOnMainlandDays, RECEIVED)).not.toBe(promisedAtReceipt(hongKong, RECEIVED));
  });

  it('places the deadline warnings on mainland working time', () => {
    const complaintCase = (estate: Estate) =>
      ({ caseId: 'c1', estateId: estate.estateId, stage: 1, severity: 'general', receivedAt: RECEIVED, status: 'in-progress', deadline: newDeadlineState(estate, 1, RECEIVED) }) as unknown as ComplaintCase;
    const mainland = plannedWarnings(complaintCase(hongKongOnMainlandDays), hongKongOnMainlandDays, RECEIVED);
    const local = plannedWarnings(complaintCase(hongKong), hongKong, RECEIVED);
    expect(mainland.dueBy > local.dueBy).toBe(true);
    // No warning falls in golden week, when the mainland calendar has no working time.
    for (const warning of mainland.warnings) expect(warning.at < '2026-09-30T16:00:00.000Z' || warning.at >= '2026-10-07T16:00:00.000Z', warning.at).toBe(true);
  });
});

describe('the holidayCalendar column of the estate file', () => {
  const departments = [{ departmentId: 'engineering', names: { 'zh-Hant': '工程部', 'zh-Hans': '工程部', en: 'Engineering' } }];
  const context = { settings: { departments }, customPolicies: new Map(), existing: new Map() };
  const HEADER = ['estateId', 'name_zh-Hant', 'name_zh-Hans', 'name_en', 'jurisdiction', 'holidayCalendar', 'timeZone', 'homes', 'customerServiceEmail', 'managerEmail', 'department:engineering'];
  const row = (estateId: string, holidayCalendar: string) => ({
    estateId, 'name_zh-Hant': '花園', 'name_zh-Hans': '花园', name_en: 'Gardens', jurisdiction: 'HK', holidayCalendar, timeZone: 'Asia/Hong_Kong', homes: '420',
    customerServiceEmail: 'cs@group.example', managerEmail: 'm@group.example', 'department:engineering': 'eng@group.example',
  });

  it('stores a calendar other than the jurisdiction’s, and nothing for the default or the jurisdiction’s own', () => {
    const plan = planEstateImport(HEADER, [{ line: 2, cells: row('A1', 'CN') }, { line: 3, cells: row('A2', '') }, { line: 4, cells: row('A3', 'HK') }], context);
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    const [mainland, unnamed, named] = plan.changes.map((c) => c.after);
    expect(mainland!.holidayCalendar).toBe('CN');
    expect(unnamed!.holidayCalendar).toBeUndefined();
    expect(named!.holidayCalendar).toBeUndefined();
    expect(estateDigest({ ...named!, estateId: 'A2', referencePrefix: 'A2' })).toBe(estateDigest(unnamed!));
    expect(plan.changes.find((c) => c.after.estateId === 'A1')!.fields).toContainEqual({ field: 'holidayCalendar', before: null, after: 'CN' });
  });

  it('refuses a calendar the platform does not have, coded, at its line and column', () => {
    const plan = planEstateImport(HEADER, [{ line: 2, cells: row('A1', 'SG') }], context);
    expect(plan.ok ? [] : plan.problems).toEqual([expect.objectContaining({ line: 2, column: 'holidayCalendar', code: 'notOneOf', params: { options: 'HK, CN, GB-ENG' } })]);
  });
});
