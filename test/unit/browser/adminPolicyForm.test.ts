/**
 * The custom deadline policy form (functions/web/browser/pages/admin/policyForm.ts): a preset's copy,
 * as the form's values and back, is the same policy under a new id and title, accepted by the one
 * schema (deadlinePolicySchema); changed days arrive where they belong; what the schema refuses lands
 * on the field it names, in the reader's words.
 */
import { describe, expect, it } from 'vitest';
import { DEADLINE_POLICY_PRESETS } from '../../../functions/domain/deadlinePolicy';
import { deadlinePolicySchema } from '../../../functions/domain/deadlinePolicySchema';
import { parseWithProblems } from '../../../functions/domain/admin/problems';

describe('the custom deadline policy form', async () => {
  const { insertStageAfter, policyFields, policyFromValues, policyValues, removeStage, stageCount } = await import('../../../functions/web/browser/pages/admin/policyForm');
  const { validate } = await import('../../../functions/web/browser/ui/forms');
  const { problemErrors } = await import('../../../functions/web/browser/pages/admin/problems');
  // The console loads the reader's catalogue before it renders (main.tsx); so does this test.
  const i18n = await import('../../../functions/web/browser/i18n');
  await i18n.loadCatalogue('en');
  // The administration pages' texts are a part of the catalogue the page fetches as it opens (pages.ts, `withTexts`).
  await i18n.loadCataloguePart('admin');

  for (const preset of Object.values(DEADLINE_POLICY_PRESETS)) {
    it(`round-trips a copy of ${preset.id}`, () => {
      const values = policyValues(preset);
      const fields = policyFields(values);
      expect(validate(fields, values)).toEqual({});
      const policy = parseWithProblems(deadlinePolicySchema, policyFromValues(values));
      expect(policy.ok).toBe(true);
      expect(policy.ok && policy.value).toEqual({ ...preset, id: `${preset.id}-custom`, title: `${preset.title} (custom)` });
    });
  }

  it('carries changed days, no acknowledgement and no escalation where the fields say', () => {
    const preset = DEADLINE_POLICY_PRESETS['seed-default']!;
    const values = { ...policyValues(preset), id: 'fast-track', 'stages.0.tiers.serious.respondWithinWorkingDays': '4', 'stages.0.tiers.general.acknowledgeWithinWorkingDays': '', 'stages.1.tiers.critical.escalateWhenMissedTo': 'nobody' };
    const policy = deadlinePolicySchema.parse(policyFromValues(values));
    expect(policy.id).toBe('fast-track');
    expect(policy.stages[0]!.tiers.serious.respondWithinWorkingDays).toBe(4);
    expect(policy.stages[0]!.tiers.general.acknowledgeWithinWorkingDays).toBeNull();
    expect(policy.stages[1]!.tiers.critical.escalateWhenMissedTo).toBeNull();
  });

  it('edits who approves an extension, what its notice states, and each stage’s id and title', () => {
    const preset = DEADLINE_POLICY_PRESETS['seed-default']!;
    const copied = preset.stages[0]!.tiers.serious;
    const approver = copied.extensionApprovedBy === 'hq' ? 'estate-manager' : 'hq';
    const values = {
      ...policyValues(preset),
      id: 'strict',
      'stages.0.tiers.serious.extensionApprovedBy': approver,
      'stages.0.tiers.serious.extensionNotice.statesReason': copied.extensionNotice.statesReason ? 'no' : 'yes',
      'stages.0.tiers.serious.extensionNotice.includesOmbudsmanContact': copied.extensionNotice.includesOmbudsmanContact ? 'no' : 'yes',
      'stages.1.id': 'review',
      'stages.1.title': 'Independent review',
    };
    const fields = policyFields(values);
    for (const name of ['stages.0.tiers.serious.extensionApprovedBy', 'stages.0.tiers.serious.extensionNotice.statesNewDate', 'stages.1.id', 'stages.1.title']) expect(fields.map((f) => f.name)).toContain(name);
    const policy = deadlinePolicySchema.parse(policyFromValues(values));
    expect(policy.stages[0]!.tiers.serious.extensionApprovedBy).toBe(approver);
    expect(policy.stages[0]!.tiers.serious.extensionNotice).toEqual({ ...copied.extensionNotice, statesReason: !copied.extensionNotice.statesReason, includesOmbudsmanContact: !copied.extensionNotice.includesOmbudsmanContact });
    expect(policy.stages[1]).toMatchObject({ id: 'review', title: 'Independent review' });
    // Labels name the stage by the title typed.
    expect(fields.find((f) => f.name === 'stages.1.tiers.general.extensionApprovedBy')!.labelVars).toMatchObject({ stage: 'Independent review' });
  });

  it('inserts a stage after any stage (a copy of its rules, to be named) and removes any stage', () => {
    const preset = DEADLINE_POLICY_PRESETS['seed-default']!;
    expect(preset.stages.length).toBeGreaterThanOrEqual(2);
    const values = policyValues(preset);
    const inserted = insertStageAfter(values, 0);
    expect(stageCount(inserted)).toBe(preset.stages.length + 1);
    expect(inserted['stages.1.id']).toBe('');
    expect(inserted['stages.1.tiers.critical.respondWithinWorkingDays']).toBe(values['stages.0.tiers.critical.respondWithinWorkingDays']);
    expect(inserted['stages.2.id']).toBe(preset.stages[1]!.id);
    // Unnamed, it is refused on its own fields, in the reader's words.
    const fields = policyFields(inserted);
    expect(Object.keys(validate(fields, inserted))).toEqual(['stages.1.id', 'stages.1.title']);
    const named = { ...inserted, 'stages.1.id': 'mediation', 'stages.1.title': 'Mediation' };
    const policy = deadlinePolicySchema.parse(policyFromValues(named));
    expect(policy.stages.map((s) => s.id)).toEqual([preset.stages[0]!.id, 'mediation', ...preset.stages.slice(1).map((s) => s.id)]);
    // Removing the first stage moves the others up; the last one left is kept.
    const removed = removeStage(named, 0);
    expect(deadlinePolicySchema.parse(policyFromValues(removed)).stages.map((s) => s.id)).toEqual(['mediation', ...preset.stages.slice(1).map((s) => s.id)]);
    let one = removed;
    while (stageCount(one) > 1) one = removeStage(one, stageCount(one) - 1);
    expect(removeStage(one, 0)).toBe(one);
  });

  it('says a repeated stage id and a missing approver as coded problems on their fields', () => {
    const preset = DEADLINE_POLICY_PRESETS['seed-default']!;
    // The schema checks the stage list as a whole once each stage is well formed: two submissions.
    const repeated = { ...policyValues(preset), 'stages.1.id': preset.stages[0]!.id };
    const twice = parseWithProblems(deadlinePolicySchema, policyFromValues(repeated));
    expect(twice.ok ? [] : twice.problems).toEqual([expect.objectContaining({ field: 'stages', code: 'stageIdsRepeated' })]);
    const toFirstStage = (path: string) => (path === 'stages' ? 'stages.0.id' : path);
    expect(problemErrors(policyFields(repeated), twice.ok ? [] : twice.problems, toFirstStage)['stages.0.id']).toMatch(/^Stage 1: id: /);
    const unapproved = { ...policyValues(preset), 'stages.0.tiers.general.extensionApprovedBy': '' };
    const missing = parseWithProblems(deadlinePolicySchema, policyFromValues(unapproved));
    expect(missing.ok ? [] : missing.problems).toEqual([expect.objectContaining({ field: 'stages.0.tiers.general.extensionApprovedBy', code: 'notOneOf' })]);
    expect(problemErrors(policyFields(unapproved), missing.ok ? [] : missing.problems)['stages.0.tiers.general.extensionApprovedBy']).toMatch(/who approves an extension/);
  });

  it('puts what the schema refuses on the field it names', () => {
    const preset = DEADLINE_POLICY_PRESETS['seed-default']!;
    const values = { ...policyValues(preset), id: 'Fast Track', 'stages.0.tiers.general.respondWithinWorkingDays': '300' };
    const fields = policyFields(values);
    expect(validate(fields, values)).toHaveProperty(['stages.0.tiers.general.respondWithinWorkingDays']);
    const refused = parseWithProblems(deadlinePolicySchema, policyFromValues(values));
    expect(refused.ok).toBe(false);
    const errors = problemErrors(fields, refused.ok ? [] : refused.problems);
    expect(errors.id).toBe('Policy id: must be 1–64 lowercase letters, digits or "-".');
    expect(errors['stages.0.tiers.general.respondWithinWorkingDays']).toMatch(/working days to respond: must be at most 250\.$/);
  });
});
