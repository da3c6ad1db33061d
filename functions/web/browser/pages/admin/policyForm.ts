/**
 * A custom deadline policy as a form of its own fields (./policies.tsx): a copy of a preset or policy
 * as the form's values, the fields (id, title, source; per stage and severity the working days to
 * acknowledge, respond and extend, where the response deadline counts from, who it escalates to), and
 * the policy the values describe, for the API to validate with the one schema (deadlinePolicySchema).
 */
import { DEADLINE_ROLES } from '../../../../domain/deadlinePolicy';
import type { DeadlinePolicy } from '../../../../domain/deadlinePolicySchema';
import { SEVERITIES } from '../../../../domain/vocabulary';
import { t } from '../../i18n';
import type { FieldSpec, Values } from '../../ui/forms';

type Policy = DeadlinePolicy;
const NOBODY = 'nobody';

/** The form's fields for a copy of `policy`: its identity, then each stage's and severity's rule. */
export function policyFields(policy: Policy): FieldSpec[] {
  const fields: FieldSpec[] = [
    { kind: 'text', name: 'id', label: 'console.adminForms.policyIdField', hint: 'console.adminForms.policyIdHint', required: true, maxLength: 64 },
    { kind: 'text', name: 'title', label: 'console.adminForms.policyTitleField', required: true, maxLength: 200 },
    { kind: 'textarea', name: 'source', label: 'console.adminForms.policySourceField', required: true, maxLength: 2000 },
  ];
  policy.stages.forEach((stage, i) => {
    for (const tier of SEVERITIES) {
      const at = `stages.${i}.tiers.${tier}`;
      const labelVars = { stage: stage.title, tier: t(`severities.${tier}`) };
      const days = { kind: 'number', valueType: 'int', min: 0, max: 250, step: '1', labelVars } as const;
      fields.push(
        { ...days, name: `${at}.acknowledgeWithinWorkingDays`, label: 'console.adminForms.acknowledgeDays', hint: 'console.adminForms.acknowledgeHint' },
        { ...days, name: `${at}.respondWithinWorkingDays`, label: 'console.adminForms.respondDays', required: true },
        { kind: 'select', name: `${at}.respondCountedFrom`, label: 'console.adminForms.countedFrom', labelVars, required: true, choices: [{ value: 'receipt', label: t('console.adminForms.countedFromReceipt') }, { value: 'acknowledgement', label: t('console.adminForms.countedFromAcknowledgement') }] },
        { ...days, name: `${at}.maxExtensionWorkingDays`, label: 'console.adminForms.maxExtensionDays', hint: 'console.adminForms.maxExtensionHint' },
        {
          kind: 'select',
          name: `${at}.escalateWhenMissedTo`,
          label: 'console.adminForms.escalateTo',
          labelVars,
          required: true,
          choices: [{ value: NOBODY, label: t('console.adminForms.escalateNobody') }, ...DEADLINE_ROLES.map((role) => ({ value: role, label: role === 'handler' ? t('console.adminForms.deadlineRoleHandler') : t(`roles.${role}`) }))],
        },
      );
    }
  });
  return fields;
}

/** A copy's values in the form: a new id and title, everything else as the copy has it. */
export function policyValues(policy: Policy): Values {
  const values: Values = { id: `${policy.id}-custom`.slice(0, 64), title: `${policy.title} (custom)`.slice(0, 200), source: policy.source };
  policy.stages.forEach((stage, i) => {
    for (const tier of SEVERITIES) {
      const rule = stage.tiers[tier];
      const at = `stages.${i}.tiers.${tier}`;
      values[`${at}.acknowledgeWithinWorkingDays`] = rule.acknowledgeWithinWorkingDays === null ? '' : String(rule.acknowledgeWithinWorkingDays);
      values[`${at}.respondWithinWorkingDays`] = String(rule.respondWithinWorkingDays);
      values[`${at}.respondCountedFrom`] = rule.respondCountedFrom;
      values[`${at}.maxExtensionWorkingDays`] = rule.maxExtensionWorkingDays === null ? '' : String(rule.maxExtensionWorkingDays);
      values[`${at}.escalateWhenMissedTo`] = rule.escalateWhenMissedTo ?? NOBODY;
    }
  });
  return values;
}

/** The policy the form describes: the copy with the form's values (empty days are `null`: no separate step, no cap). */
export function policyFromValues(copy: Policy, values: Values): unknown {
  const text = (name: string) => (values[name] ?? '').trim();
  const days = (name: string) => (text(name) === '' ? null : Number(text(name)));
  return {
    ...copy,
    id: text('id'),
    title: text('title'),
    source: text('source'),
    stages: copy.stages.map((stage, i) => ({
      ...stage,
      tiers: Object.fromEntries(
        SEVERITIES.map((tier) => {
          const at = `stages.${i}.tiers.${tier}`;
          const escalate = text(`${at}.escalateWhenMissedTo`);
          return [
            tier,
            {
              ...stage.tiers[tier],
              acknowledgeWithinWorkingDays: days(`${at}.acknowledgeWithinWorkingDays`),
              respondWithinWorkingDays: text(`${at}.respondWithinWorkingDays`) === '' ? undefined : Number(text(`${at}.respondWithinWorkingDays`)),
              respondCountedFrom: text(`${at}.respondCountedFrom`),
              maxExtensionWorkingDays: days(`${at}.maxExtensionWorkingDays`),
              escalateWhenMissedTo: escalate === NOBODY ? null : escalate,
            },
          ];
        }),
      ),
    })),
  };
}
