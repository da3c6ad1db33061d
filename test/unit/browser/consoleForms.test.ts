/**
 * The console's forms (functions/web/browser/ui/actionForms.ts, forms.tsx): each action's form,
 * filled in, passes the browser's checks and yields a body `staffActionSchema` (or the compensation
 * decision schema) accepts; what the schema refuses, the browser refuses first in the reader's words.
 * Type-checked with the browser code (functions/web/browser/tsconfig.json).
 */
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { compensationDecisionSchema } from '../../../functions/domain/lifecycle/compensationReview';
import { ACTION_PERMISSION } from '../../../functions/domain/lifecycle/actionPermissions';
import { staffActionSchema, type StaffActionType } from '../../../functions/domain/lifecycle/staffActions';
import { demoEstates } from '../../../infra/local/demoGroup';

describe('the console forms', async () => {
  const { actionFields, compensationFields, valueRecoveryCheck } = await import('../../../functions/web/browser/ui/actionForms');
  const { serialise, validate } = await import('../../../functions/web/browser/ui/forms');
  // The console loads the reader's catalogue before it renders (main.tsx); so does this test.
  await (await import('../../../functions/web/browser/i18n')).loadCatalogue('en');
  type Spec = ReturnType<typeof compensationFields>[number];
  const estate = { estateId: 'EST01', names: demoEstates[0]!.names, jurisdiction: 'HK', timeZone: 'Asia/Hong_Kong', departments: demoEstates[0]!.departments, buildings: demoEstates[0]!.buildings };

  /** What a person would type into each field. */
  function typed(fields: readonly Spec[]): Record<string, string> {
    const values: Record<string, string> = {};
    for (const field of fields) {
      if (field.kind === 'select' || field.kind === 'radio') values[field.name] = field.name === 'caseClass' ? '3' : field.name === 'decision' ? 'amend' : field.choices[0]!.value;
      else if (field.kind === 'number') values[field.name] = field.min === 0 ? '100' : String(field.min);
      else if (field.kind === 'datetime') values[field.name] = '2030-01-02T10:00';
      else if (field.kind === 'email') values[field.name] = 'district.office@example.gov.hk';
      else values[field.name] = field.name === 'assigneeId' || field.name === 'staffMember' ? 'engineering.est01' : 'A considered explanation of what we found and did.';
    }
    return values;
  }

  const ACTIONS = Object.keys(ACTION_PERMISSION) as StaffActionType[];
  it.each(ACTIONS)('the %s form, filled in, passes the browser checks and yields a body the schema accepts', (type) => {
    // The letters of the case waiting to be sent are the record-letter-sent form's choices.
    const letters = [{ letterKey: 'acknowledgement', subject: 'We have received your complaint EST01-2026-000001' }];
    // The response's open outstanding actions are the complete-action form's choices.
    const openActions = [{ index: 0, label: 'Replace the lift door sensor' }];
    for (const options of [{ managerial: true, claim: true, letters, openActions }, { managerial: false, claim: false, letters, openActions }]) {
      const fields = actionFields(type, estate, options);
      const values = typed(fields);
      expect(validate(fields, values)).toEqual({});
      const body = serialise(fields, values, { type });
      const parsed = z.safeParse(staffActionSchema, body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('refuses in the reader’s language what the schema would refuse: empty, too short, out of range', () => {
    const fields = actionFields('mark-invalid', estate, { managerial: false, claim: false });
    expect(validate(fields, {})).toEqual({ explanation: 'Explanation to the complainant: enter a value.' });
    expect(validate(fields, { explanation: 'too short' })).toEqual({ explanation: 'Explanation to the complainant: write at least 20 characters.' });
    const days = actionFields('extend-deadline', estate, { managerial: false, claim: false });
    expect(validate(days, { workingDays: '61', reason: 'parts' }).workingDays).toBe('Extra working days: enter a number from 1 to 60.');
  });

  it('the compensation form yields a body the decision schema accepts, and checks C ≥ A + B in cents', () => {
    const fields = compensationFields();
    const values = typed(fields);
    const parsed = z.safeParse(compensationDecisionSchema, serialise(fields, values));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(valueRecoveryCheck({ 'valueRecovery.originalServiceValueA': '0.1', 'valueRecovery.complainingCostB': '0.2', 'valueRecovery.proposedC': '0.3' })).toEqual({ sum: 0.3, c: 0.3, gap: 0 });
    expect(valueRecoveryCheck({ 'valueRecovery.originalServiceValueA': '100', 'valueRecovery.complainingCostB': '50', 'valueRecovery.proposedC': '120' })?.gap).toBe(30);
    expect(valueRecoveryCheck({ 'valueRecovery.originalServiceValueA': '100' })).toBeNull();
  });

  it('the respond form takes outstanding-action rows (what, owner from the staff picker, due date) the schema accepts, in row order', async () => {
    const { respondBody } = await import('../../../functions/web/browser/ui/actionForms');
    const staff = [{ userId: 'engineering.est01', name: 'Engineering manager', role: 'department-handler' as const, departmentId: 'engineering' }, { userId: 'cslead.est01', name: 'CS lead', role: 'cs-lead' as const }];
    expect(actionFields('respond', estate, { managerial: false, claim: false }).some((f) => f.name.startsWith('outstandingActions'))).toBe(false);
    const fields = actionFields('respond', estate, { managerial: false, claim: false, staff, actionRows: 2 });
    const rows = fields.filter((f) => f.name.startsWith('outstandingActions.'));
    expect(rows.map((f) => [f.name, f.kind])).toEqual([
      ['outstandingActions.0.action', 'text'], ['outstandingActions.0.owner', 'select'], ['outstandingActions.0.dueBy', 'datetime'],
      ['outstandingActions.1.action', 'text'], ['outstandingActions.1.owner', 'select'], ['outstandingActions.1.dueBy', 'datetime'],
    ]);
    const owner = rows[1]!;
    expect(owner.kind === 'select' && owner.choices.map((c) => c.value)).toEqual(['engineering.est01', 'cslead.est01']);
    const values = {
      ...typed(fields.filter((f) => !f.name.startsWith('outstandingActions.') && !f.name.startsWith('compensationProposal'))),
      'outstandingActions.0.action': 'Replace the lift door sensor', 'outstandingActions.0.owner': 'engineering.est01', 'outstandingActions.0.dueBy': '2030-01-02T10:00',
      'outstandingActions.1.action': 'Explain the repair to the owners', 'outstandingActions.1.owner': 'cslead.est01', 'outstandingActions.1.dueBy': '2030-01-09T10:00',
    };
    // A row half filled in is refused by the browser, in the reader's words, naming the row.
    expect(validate(fields, { ...values, 'outstandingActions.1.dueBy': '' })).toEqual({ 'outstandingActions.1.dueBy': 'Outstanding action 2: due by: enter a value.' });
    expect(validate(fields, values)).toEqual({});
    const body = respondBody(serialise(fields, values, { type: 'respond' }));
    const parsed = z.safeParse(staffActionSchema, body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect((parsed.data as { outstandingActions: { action: string; owner?: string; dueBy: string }[] }).outstandingActions).toEqual([
      { action: 'Replace the lift door sensor', owner: 'engineering.est01', dueBy: new Date('2030-01-02T10:00').toISOString() },
      { action: 'Explain the repair to the owners', owner: 'cslead.est01', dueBy: new Date('2030-01-09T10:00').toISOString() },
    ]);
    // Without the staff list (not readable by this person) the owner is typed, and optional as in the API.
    const typedOwner = actionFields('respond', estate, { managerial: false, claim: false, actionRows: 1 }).find((f) => f.name === 'outstandingActions.0.owner')!;
    expect([typedOwner.kind, typedOwner.required]).toEqual(['text', undefined]);
  });
});
