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
  const { policyFields, policyFromValues, policyValues } = await import('../../../functions/web/browser/pages/admin/policyForm');
  const { validate } = await import('../../../functions/web/browser/ui/forms');
  const { problemErrors } = await import('../../../functions/web/browser/pages/admin/problems');
  // The console loads the reader's catalogue before it renders (main.tsx); so does this test.
  const i18n = await import('../../../functions/web/browser/i18n');
  await i18n.loadCatalogue('en');
  // The administration pages' texts are a part of the catalogue the page fetches as it opens (pages.ts, `withTexts`).
  await i18n.loadCataloguePart('admin');

  for (const preset of Object.values(DEADLINE_POLICY_PRESETS)) {
    it(`round-trips a copy of ${preset.id}`, () => {
      const fields = policyFields(preset);
      const values = policyValues(preset);
      expect(validate(fields, values)).toEqual({});
      const policy = parseWithProblems(deadlinePolicySchema, policyFromValues(preset, values));
      expect(policy.ok).toBe(true);
      expect(policy.ok && policy.value).toEqual({ ...preset, id: `${preset.id}-custom`, title: `${preset.title} (custom)` });
    });
  }

  it('carries changed days, no acknowledgement and no escalation where the fields say', () => {
    const preset = DEADLINE_POLICY_PRESETS['seed-default']!;
    const values = { ...policyValues(preset), id: 'fast-track', 'stages.0.tiers.serious.respondWithinWorkingDays': '4', 'stages.0.tiers.general.acknowledgeWithinWorkingDays': '', 'stages.1.tiers.critical.escalateWhenMissedTo': 'nobody' };
    const policy = deadlinePolicySchema.parse(policyFromValues(preset, values));
    expect(policy.id).toBe('fast-track');
    expect(policy.stages[0]!.tiers.serious.respondWithinWorkingDays).toBe(4);
    expect(policy.stages[0]!.tiers.general.acknowledgeWithinWorkingDays).toBeNull();
    expect(policy.stages[1]!.tiers.critical.escalateWhenMissedTo).toBeNull();
    // Kept from the copy: who approves an extension, what its notice states.
    expect(policy.stages[0]!.tiers.serious.extensionNotice).toEqual(preset.stages[0]!.tiers.serious.extensionNotice);
  });

  it('puts what the schema refuses on the field it names', () => {
    const preset = DEADLINE_POLICY_PRESETS['seed-default']!;
    const fields = policyFields(preset);
    const values = { ...policyValues(preset), id: 'Fast Track', 'stages.0.tiers.general.respondWithinWorkingDays': '300' };
    expect(validate(fields, values)).toHaveProperty(['stages.0.tiers.general.respondWithinWorkingDays']);
    const refused = parseWithProblems(deadlinePolicySchema, policyFromValues(preset, values));
    expect(refused.ok).toBe(false);
    const errors = problemErrors(fields, refused.ok ? [] : refused.problems);
    expect(errors.id).toBe('Policy id: must be 1–64 lowercase letters, digits or "-".');
    expect(errors['stages.0.tiers.general.respondWithinWorkingDays']).toMatch(/working days to respond: must be at most 250\.$/);
  });
});
