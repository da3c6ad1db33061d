/**
 * A custom deadline policy as a form of its own fields (./policies.tsx). The values describe the whole
 * policy: id, title, source; per stage its id and title; per stage and severity the working days to
 * acknowledge, respond and extend, where the response deadline counts from, who approves an extension,
 * what an extension notice states and who the case escalates to. A copy of a preset or policy fills them;
 * stages are inserted (a copy of the stage before, to be named) and removed at any position; the policy
 * the values describe goes to the API, which validates it with the one schema (deadlinePolicySchema).
 */
import { DEADLINE_ROLES } from '../../../../domain/deadlinePolicy';
import type { DeadlinePolicy, ExtensionNotice } from '../../../../domain/deadlinePolicySchema';
import { SEVERITIES } from '../../../../domain/vocabulary';
import { t } from '../../i18n';
import type { FieldSpec, Values } from '../../ui/forms';

type Policy = DeadlinePolicy;
const NOBODY = 'nobody';
const YES = 'yes';
const NO = 'no';

/** The extension notice's statements, each a yes/no field, with its label. */
const NOTICE_FIELDS = [
  ['statesReason', 'console.admin2.noticeStatesReason'],
  ['statesMeasuresTaken', 'console.admin2.noticeStatesMeasures'],
  ['statesNewDate', 'console.admin2.noticeStatesNewDate'],
  ['includesOmbudsmanContact', 'console.admin2.noticeOmbudsman'],
] as const satisfies readonly (readonly [keyof ExtensionNotice, string])[];

/** Per stage and severity, the fields of its rule (names after `stages.<i>.tiers.<tier>.`). */
const RULE_FIELDS = [
  'acknowledgeWithinWorkingDays',
  'respondWithinWorkingDays',
  'respondCountedFrom',
  'maxExtensionWorkingDays',
  'extensionApprovedBy',
  ...NOTICE_FIELDS.map(([name]) => `extensionNotice.${name}` as const),
  'escalateWhenMissedTo',
] as const;

const STAGE_KEY = /^stages\.(\d+)\.(.+)$/;

/** How many stages the values describe: one more than the highest stage index in them (at least one). */
export function stageCount(values: Values): number {
  const indexes = Object.keys(values).map((name) => STAGE_KEY.exec(name)?.[1]).filter((i): i is string => i !== undefined).map(Number);
  return Math.max(1, ...indexes.map((i) => i + 1));
}

const roleChoices = () => DEADLINE_ROLES.map((role) => ({ value: role, label: role === 'handler' ? t('console.adminForms.deadlineRoleHandler') : t(`roles.${role}`) }));

/** The form's fields for the policy the values describe: its identity, then each stage and its severities' rules. */
export function policyFields(values: Values): FieldSpec[] {
  const fields: FieldSpec[] = [
    { kind: 'text', name: 'id', label: 'console.adminForms.policyIdField', hint: 'console.adminForms.policyIdHint', required: true, maxLength: 64 },
    { kind: 'text', name: 'title', label: 'console.adminForms.policyTitleField', required: true, maxLength: 200 },
    { kind: 'textarea', name: 'source', label: 'console.adminForms.policySourceField', required: true, maxLength: 2000 },
  ];
  const yesNo = [{ value: YES, label: t('console.admin2.yes') }, { value: NO, label: t('console.admin2.no') }];
  for (let i = 0; i < stageCount(values); i += 1) {
    const n = { n: i + 1 };
    fields.push(
      { kind: 'text', name: `stages.${i}.id`, label: 'console.admin2.stageId', labelVars: n, hint: 'console.admin2.stageIdHint', required: true, maxLength: 32 },
      { kind: 'text', name: `stages.${i}.title`, label: 'console.admin2.stageTitle', labelVars: n, required: true, maxLength: 200 },
    );
    const stageName = (values[`stages.${i}.title`] ?? '').trim() || t('console.admin2.stageTitle', n).replace(/[:：].*$/, '');
    for (const tier of SEVERITIES) {
      const at = `stages.${i}.tiers.${tier}`;
      const labelVars = { stage: stageName, tier: t(`severities.${tier}`) };
      const days = { kind: 'number', valueType: 'int', min: 0, max: 250, step: '1', labelVars } as const;
      fields.push(
        { ...days, name: `${at}.acknowledgeWithinWorkingDays`, label: 'console.adminForms.acknowledgeDays', hint: 'console.adminForms.acknowledgeHint' },
        { ...days, name: `${at}.respondWithinWorkingDays`, label: 'console.adminForms.respondDays', required: true },
        { kind: 'select', name: `${at}.respondCountedFrom`, label: 'console.adminForms.countedFrom', labelVars, required: true, choices: [{ value: 'receipt', label: t('console.adminForms.countedFromReceipt') }, { value: 'acknowledgement', label: t('console.adminForms.countedFromAcknowledgement') }] },
        { ...days, name: `${at}.maxExtensionWorkingDays`, label: 'console.adminForms.maxExtensionDays', hint: 'console.adminForms.maxExtensionHint' },
        { kind: 'select', name: `${at}.extensionApprovedBy`, label: 'console.admin2.extensionApprovedBy', labelVars, required: true, choices: roleChoices() },
        ...NOTICE_FIELDS.map(([name, label]): FieldSpec => ({ kind: 'select', name: `${at}.extensionNotice.${name}`, label, labelVars, required: true, choices: yesNo })),
        { kind: 'select', name: `${at}.escalateWhenMissedTo`, label: 'console.adminForms.escalateTo', labelVars, required: true, choices: [{ value: NOBODY, label: t('console.adminForms.escalateNobody') }, ...roleChoices()] },
      );
    }
  }
  return fields;
}

/** A copy's values in the form: a new id and title, everything else as the copy has it. */
export function policyValues(policy: Policy): Values {
  const values: Values = { id: `${policy.id}-custom`.slice(0, 64), title: `${policy.title} (custom)`.slice(0, 200), source: policy.source };
  policy.stages.forEach((stage, i) => {
    values[`stages.${i}.id`] = stage.id;
    values[`stages.${i}.title`] = stage.title;
    for (const tier of SEVERITIES) {
      const rule = stage.tiers[tier];
      const at = `stages.${i}.tiers.${tier}`;
      values[`${at}.acknowledgeWithinWorkingDays`] = rule.acknowledgeWithinWorkingDays === null ? '' : String(rule.acknowledgeWithinWorkingDays);
      values[`${at}.respondWithinWorkingDays`] = String(rule.respondWithinWorkingDays);
      values[`${at}.respondCountedFrom`] = rule.respondCountedFrom;
      values[`${at}.maxExtensionWorkingDays`] = rule.maxExtensionWorkingDays === null ? '' : String(rule.maxExtensionWorkingDays);
      values[`${at}.extensionApprovedBy`] = rule.extensionApprovedBy;
      for (const [name] of NOTICE_FIELDS) values[`${at}.extensionNotice.${name}`] = rule.extensionNotice[name] ? YES : NO;
      values[`${at}.escalateWhenMissedTo`] = rule.escalateWhenMissedTo ?? NOBODY;
    }
  });
  return values;
}

/** The values with stage indexes renumbered by `renumber` (undefined: the stage's values are dropped). */
function renumbered(values: Values, renumber: (index: number) => number | undefined): Values {
  const next: Values = {};
  for (const [name, value] of Object.entries(values)) {
    const stage = STAGE_KEY.exec(name);
    if (!stage) {
      next[name] = value;
      continue;
    }
    const index = renumber(Number(stage[1]));
    if (index !== undefined) next[`stages.${index}.${stage[2]}`] = value;
  }
  return next;
}

/** A new stage after stage `index` (0-based): a copy of that stage's rules, with its id and title left to be named. */
export function insertStageAfter(values: Values, index: number): Values {
  const next = renumbered(values, (i) => (i > index ? i + 1 : i));
  for (const tier of SEVERITIES) {
    for (const field of RULE_FIELDS) {
      const name = `tiers.${tier}.${field}`;
      next[`stages.${index + 1}.${name}`] = values[`stages.${index}.${name}`] ?? '';
    }
  }
  next[`stages.${index + 1}.id`] = '';
  next[`stages.${index + 1}.title`] = '';
  return next;
}

/** The values without stage `index` (0-based), the later stages moved up; the last stage is never removed. */
export function removeStage(values: Values, index: number): Values {
  if (stageCount(values) <= 1) return values;
  return renumbered(values, (i) => (i === index ? undefined : i > index ? i - 1 : i));
}

/**
 * The policy the form describes, whole (nothing kept from the copy): empty days are `null` (no separate
 * acknowledgement, no cap); an empty required day stays absent so the schema names it.
 */
export function policyFromValues(values: Values): unknown {
  const text = (name: string) => (values[name] ?? '').trim();
  const days = (name: string) => (text(name) === '' ? null : Number(text(name)));
  const flag = (name: string) => (text(name) === YES ? true : text(name) === NO ? false : undefined);
  return {
    id: text('id'),
    title: text('title'),
    source: text('source'),
    stages: Array.from({ length: stageCount(values) }, (_, i) => ({
      id: text(`stages.${i}.id`),
      title: text(`stages.${i}.title`),
      tiers: Object.fromEntries(
        SEVERITIES.map((tier) => {
          const at = `stages.${i}.tiers.${tier}`;
          const escalate = text(`${at}.escalateWhenMissedTo`);
          return [
            tier,
            {
              acknowledgeWithinWorkingDays: days(`${at}.acknowledgeWithinWorkingDays`),
              respondWithinWorkingDays: text(`${at}.respondWithinWorkingDays`) === '' ? undefined : Number(text(`${at}.respondWithinWorkingDays`)),
              respondCountedFrom: text(`${at}.respondCountedFrom`),
              maxExtensionWorkingDays: days(`${at}.maxExtensionWorkingDays`),
              extensionApprovedBy: text(`${at}.extensionApprovedBy`) || undefined,
              extensionNotice: Object.fromEntries(NOTICE_FIELDS.map(([name]) => [name, flag(`${at}.extensionNotice.${name}`)])),
              escalateWhenMissedTo: escalate === NOBODY ? null : escalate || undefined,
            },
          ];
        }),
      ),
    })),
  };
}
