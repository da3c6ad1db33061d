/**
 * The fields of each staff action (`POST /api/v1/cases/{id}/actions`, schema `staffActionSchema`
 * in functions/domain/lifecycle/staffActions.ts) and of the compensation decision, as the console
 * asks for them. Lengths and ranges are the schema's (test/unit/web/actionForms.test.ts keeps them
 * in step); choices come from the shared vocabulary and the case's estate.
 */
import type { StaffActionType } from '../../../domain/lifecycle/staffActions';
import { CAUSE_CATEGORIES, COMPLAINT_CLASSES, CURRENCIES, SEVERITIES } from '../../../domain/vocabulary';
import { t } from '../i18n';
import type { ConsoleEstate } from '../pageData';
import { language } from '../i18n';
import type { Choice, FieldSpec } from './forms';
import type { EstateStaffMember } from '../../../domain/estateStaff';

export const RESPONSE_OUTCOMES = ['upheld', 'partly-upheld', 'not-upheld'] as const;

export function departmentChoices(estate: ConsoleEstate | undefined): Choice[] {
  return (estate?.departments ?? []).map((d) => ({ value: d.departmentId, label: d.names[language.get()] }));
}

/** The estate's people a case may be assigned to (`GET /api/v1/estates/{estateId}/staff`), as picker choices: name, department, role. */
export function staffChoices(staff: readonly EstateStaffMember[], estate: ConsoleEstate | undefined): Choice[] {
  return staff.map((member) => {
    const department = estate?.departments.find((d) => d.departmentId === member.departmentId)?.names[language.get()];
    return { value: member.userId, label: [member.name, department, t(`roles.${member.role}`)].filter(Boolean).join(' · ') };
  });
}

export function actionFields(
  type: StaffActionType,
  estate: ConsoleEstate | undefined,
  options: { managerial: boolean; claim: boolean; staff?: readonly EstateStaffMember[] | undefined; /** Letters of the case waiting to be sent. */ letters?: { letterKey: string; subject: string }[]; /** The response's outstanding actions not yet done, by their index. */ openActions?: { index: number; label: string }[]; /** How many outstanding-action rows the respond form shows. */ actionRows?: number },
): FieldSpec[] {
  const departments = departmentChoices(estate);
  switch (type) {
    case 'triage':
      return [
        { kind: 'select', name: 'caseClass', label: 'console.fields.caseClass', required: true, valueType: 'int', choices: COMPLAINT_CLASSES.map((c) => ({ value: String(c), label: t(`classes.${String(c) as '1'}`) })) },
        { kind: 'select', name: 'severity', label: 'console.fields.severity', required: true, choices: SEVERITIES.map((s) => ({ value: s, label: t(`severities.${s}`) })) },
        { kind: 'select', name: 'category', label: 'console.fields.category', required: true, choices: CAUSE_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) })) },
        { kind: 'select', name: 'departmentId', label: 'console.fields.departmentId', required: true, choices: departments },
        { kind: 'text', name: 'externalParty.name', label: 'console.fields.externalPartyName', required: true, maxLength: 200, showWhen: { field: 'caseClass', value: '3' } },
        { kind: 'email', name: 'externalParty.email', label: 'console.fields.externalPartyEmail', required: true, maxLength: 254, showWhen: { field: 'caseClass', value: '3' } },
        { kind: 'textarea', name: 'externalParty.impact', label: 'console.fields.externalPartyImpact', required: true, maxLength: 1000, showWhen: { field: 'caseClass', value: '3' } },
      ];
    case 'mark-invalid':
      return [{ kind: 'textarea', name: 'explanation', label: 'console.fields.explanation', hint: 'console.fields.explanationHint', required: true, minLength: 20, maxLength: 4000 }];
    case 'assign':
      return [
        // A picker of the estate's staff; the id typed by hand only if the list could not be read (the server checks either way).
        options.staff
          ? { kind: 'select', name: 'assigneeId', label: 'console.fields.assigneeId', required: true, choices: staffChoices(options.staff, estate) }
          : { kind: 'text', name: 'assigneeId', label: 'console.fields.assigneeId', required: true, maxLength: 64 },
        { kind: 'select', name: 'departmentId', label: 'console.fields.departmentId', choices: departments },
      ];
    case 'set-building':
      return [{ kind: 'select', name: 'buildingId', label: 'console.actions.set-building', required: true, choices: (estate?.buildings ?? []).map((b) => ({ value: b.buildingId, label: b.names[language.get()] })) }];
    case 'note':
      return [{ kind: 'textarea', name: 'text', label: 'console.fields.text', required: true, maxLength: 4000 }];
    case 'staff-statement':
      return [
        { kind: 'text', name: 'staffMember', label: 'console.fields.staffMember', required: true, maxLength: 64 },
        { kind: 'textarea', name: 'statement', label: 'console.fields.statement', required: true, maxLength: 8000 },
      ];
    case 'respond':
      return [
        { kind: 'select', name: 'outcome', label: 'console.fields.outcome', required: true, choices: RESPONSE_OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) })) },
        { kind: 'textarea', name: 'decision', label: 'console.fields.decision', required: true, maxLength: 4000 },
        { kind: 'textarea', name: 'reasons', label: 'console.fields.reasons', required: true, maxLength: 4000 },
        { kind: 'textarea', name: 'remedy', label: 'console.fields.remedy', maxLength: 4000 },
        { kind: 'textarea', name: 'rootCause', label: 'console.fields.rootCause', required: true, maxLength: 2000 },
        { kind: 'textarea', name: 'accountability', label: 'console.fields.accountability', required: true, maxLength: 2000 },
        // A claim, or goodwill offered without one (seed 001 §5.6): either goes to the compensation review.
        { kind: 'number', name: 'compensationProposal.amount', label: 'console.fields.proposalAmount', valueType: 'number', min: 0, max: 10_000_000, step: '0.01' },
        { kind: 'textarea', name: 'compensationProposal.note', label: 'console.fields.proposalNote', maxLength: 2000 },
        ...outstandingActionRows(options.actionRows ?? 0, options.staff, estate),
      ];
    case 'escalate':
      return [
        { kind: 'textarea', name: 'note', label: 'console.fields.note', required: true, maxLength: 2000 },
        ...(options.managerial
          ? ([
              { kind: 'textarea', name: 'handlingOpinion', label: 'console.fields.handlingOpinion', maxLength: 4000 },
              { kind: 'datetime', name: 'newDueBy', label: 'console.fields.newDueBy' },
            ] satisfies FieldSpec[])
          : []),
      ];
    case 'extend-deadline':
      return [
        { kind: 'number', name: 'workingDays', label: 'console.fields.workingDays', required: true, valueType: 'int', min: 1, max: 60, step: '1' },
        { kind: 'textarea', name: 'reason', label: 'console.fields.reason', required: true, maxLength: 2000 },
      ];
    case 'pause-clock':
      return [{ kind: 'textarea', name: 'reason', label: 'console.fields.reason', required: true, maxLength: 1000 }];
    case 'resume-clock':
      return [];
    case 'interim-response':
      return [
        { kind: 'textarea', name: 'reason', label: 'console.fields.reason', required: true, maxLength: 2000 },
        { kind: 'textarea', name: 'measures', label: 'console.fields.measures', required: true, maxLength: 4000 },
      ];
    case 'reopen':
      return [{ kind: 'textarea', name: 'reason', label: 'console.fields.reason', maxLength: 2000 }];
    case 'record-letter-sent':
      return [
        { kind: 'select', name: 'letterKey', label: 'console.letters.letter', required: true, choices: (options.letters ?? []).map((l) => ({ value: l.letterKey, label: l.subject })) },
        { kind: 'radio', name: 'delivery', label: 'console.letters.delivery', required: true, choices: [{ value: 'post', label: t('console.letters.posted') }, { value: 'by-hand', label: t('console.letters.handedOver') }] },
      ];
    case 'record-follow-up-call': {
      const ratings = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t('console.case.rating', { score: n }) }));
      return [
        { kind: 'radio', name: 'answer', label: 'console.letters.callAnswer', required: true, choices: [{ value: 'reached', label: t('console.letters.callReached') }, { value: 'no-answer', label: t('console.letters.callNotReached') }] },
        { kind: 'select', name: 'outcomeRating', label: 'console.case.outcomeRating', required: true, valueType: 'int', choices: ratings, showWhen: { field: 'answer', value: 'reached' } },
        { kind: 'select', name: 'processRating', label: 'console.case.processRating', valueType: 'int', choices: ratings, showWhen: { field: 'answer', value: 'reached' } },
        { kind: 'textarea', name: 'comment', label: 'console.fields.comment', maxLength: 2000, showWhen: { field: 'answer', value: 'reached' } },
      ];
    }
    case 'add-compensation-claim':
      return [
        { kind: 'number', name: 'claim.amount', label: 'console.closingReport.claimAmount', required: true, valueType: 'number', min: 0.01, max: 10_000_000, step: '0.01' },
        { kind: 'select', name: 'claim.currency', label: 'console.closingReport.claimCurrency', required: true, choices: CURRENCIES.map((c) => ({ value: c, label: c })) },
        { kind: 'textarea', name: 'claim.reason', label: 'console.closingReport.claimReason', maxLength: 1000 },
      ];
    case 'compensation-summary':
      // The CS lead's summary to the manager (seed 001 §5.6.3); lengths and range are compensationSummarySchema's.
      return [
        {
          kind: 'radio', name: 'recommendation', label: 'console.roleWork.recommendation', required: true,
          choices: [
            { value: 'approve', label: t('console.roleWork.recommendApprove') },
            { value: 'amend', label: t('console.roleWork.recommendAmend') },
            { value: 'reject', label: t('console.roleWork.recommendReject') },
          ],
        },
        { kind: 'number', name: 'amount', label: 'console.roleWork.recommendedAmount', required: true, valueType: 'number', min: 0, max: 10_000_000, step: '0.01', showWhen: { field: 'recommendation', value: 'amend' } },
        { kind: 'textarea', name: 'reasons', label: 'console.roleWork.reasons', required: true, minLength: 10, maxLength: 4000 },
      ];
    case 'closing-report': {
      const yesNo = [{ value: 'no', label: t('console.closingReport.no') }, { value: 'yes', label: t('console.closingReport.yes') }];
      return [
        { kind: 'radio', name: 'recurrence', label: 'console.closingReport.recurrence', required: true, choices: [{ value: 'one-off', label: t('console.closingReport.oneOff') }, { value: 'systemic', label: t('console.closingReport.systemic') }] },
        { kind: 'radio', name: 'procedureDefect', label: 'console.closingReport.procedureDefect', required: true, choices: yesNo },
        { kind: 'radio', name: 'ruleNotFollowed', label: 'console.closingReport.ruleNotFollowed', required: true, choices: yesNo },
        { kind: 'textarea', name: 'improvement', label: 'console.closingReport.improvement', maxLength: 4000 },
      ];
    }
    case 'rating': {
      // 1–5 as the complainant said it; the schema is the resident's own (feedbackSchema).
      const scores = [1, 2, 3, 4, 5].map((score) => ({ value: String(score), label: t('console.case.rating', { score }) }));
      return [
        { kind: 'radio', name: 'outcomeRating', label: 'console.fields.outcomeScore', required: true, valueType: 'int', choices: scores },
        { kind: 'radio', name: 'processRating', label: 'console.fields.processScore', valueType: 'int', choices: scores },
        { kind: 'textarea', name: 'comment', label: 'console.fields.comment', maxLength: 2000 },
      ];
    }
    case 'complete-action':
      return [
        { kind: 'select', name: 'index', label: 'console.outstandingActions.action', required: true, valueType: 'int', choices: (options.openActions ?? []).map((a) => ({ value: String(a.index), label: a.label })) },
        { kind: 'textarea', name: 'note', label: 'console.outstandingActions.note', maxLength: 2000 },
      ];
    case 'duty-log':
      return [
        { kind: 'datetime', name: 'observedAt', label: 'console.dutyLog.observedAt', required: true },
        { kind: 'textarea', name: 'observed', label: 'console.dutyLog.observed', required: true, maxLength: 4000 },
        { kind: 'textarea', name: 'actionTaken', label: 'console.dutyLog.actionTaken', required: true, maxLength: 4000 },
      ];
    case 'publish-outcome':
      // One to three languages; the server refuses a notice with none. Written for the public: no names, flats or contacts.
      return (['zh-Hant', 'zh-Hans', 'en'] as const).flatMap((lang) => [
        { kind: 'text', name: `texts.${lang}.title`, label: `console.dutyLog.noticeTitle_${lang}`, maxLength: 200 } satisfies FieldSpec,
        { kind: 'textarea', name: `texts.${lang}.summary`, label: `console.dutyLog.noticeSummary_${lang}`, maxLength: 2000 } satisfies FieldSpec,
      ]);
    case 'resume-workflow':
    case 'settle-emails':
      return [
        {
          kind: 'radio',
          name: 'inDoubtEmails',
          label: 'console.fields.inDoubtEmails',
          required: true,
          choices: [
            { value: 'were-not-sent', label: t('console.fields.wereNotSent') },
            { value: 'were-sent', label: t('console.fields.wereSent') },
          ],
        },
      ];
  }
}

export function compensationFields(): FieldSpec[] {
  return [
    {
      kind: 'radio',
      name: 'decision',
      label: 'console.fields.compensationDecision',
      required: true,
      choices: (['approve', 'amend', 'reject'] as const).map((value) => ({ value, label: t(`console.fields.${value}`) })),
    },
    { kind: 'number', name: 'amount', label: 'console.fields.amount', required: true, valueType: 'number', min: 0, max: 10_000_000, step: '0.01', showWhen: { field: 'decision', value: 'amend' } },
    { kind: 'textarea', name: 'reasons', label: 'console.fields.reasons', required: true, minLength: 5, maxLength: 4000 },
    { kind: 'number', name: 'valueRecovery.originalServiceValueA', label: 'console.fields.valueA', valueType: 'number', min: 0, max: 10_000_000, step: '0.01' },
    { kind: 'number', name: 'valueRecovery.complainingCostB', label: 'console.fields.valueB', valueType: 'number', min: 0, max: 10_000_000, step: '0.01' },
    { kind: 'number', name: 'valueRecovery.proposedC', label: 'console.fields.valueC', valueType: 'number', min: 0, max: 10_000_000, step: '0.01' },
  ];
}

/** C ≥ A + B, in cents so 0.1 + 0.2 adds up; null until all three are given. */
export function valueRecoveryCheck(values: Record<string, string>): { sum: number; c: number; gap: number } | null {
  const cents = (name: string) => {
    const raw = (values[name] ?? '').trim();
    return raw !== '' && Number.isFinite(Number(raw)) ? Math.round(Number(raw) * 100) : null;
  };
  const a = cents('valueRecovery.originalServiceValueA');
  const b = cents('valueRecovery.complainingCostB');
  const c = cents('valueRecovery.proposedC');
  if (a === null || b === null || c === null) return null;
  return { sum: (a + b) / 100, c: c / 100, gap: Math.max(0, a + b - c) / 100 };
}

/** At most this many outstanding actions on a response (the schema's `maxLength(20)`). */
export const MAX_OUTSTANDING_ACTIONS = 20;

/**
 * The respond form's outstanding actions (seed 000 subsystem 4): a row per action promised, each what is to be done,
 * its owner (the estate's staff picker; typed by hand if the list could not be read) and its due date. Rows are
 * added and removed by the case page; `respondBody` turns them into the API's `outstandingActions` list.
 */
export function outstandingActionRows(rows: number, staff: readonly EstateStaffMember[] | undefined, estate: ConsoleEstate | undefined): FieldSpec[] {
  return Array.from({ length: Math.min(rows, MAX_OUTSTANDING_ACTIONS) }, (_, i): FieldSpec[] => {
    const labelVars = { n: i + 1 };
    return [
      { kind: 'text', name: `outstandingActions.${i}.action`, label: 'console.actionRows.action', labelVars, required: true, maxLength: 500 },
      staff
        ? { kind: 'select', name: `outstandingActions.${i}.owner`, label: 'console.actionRows.owner', labelVars, required: true, choices: staffChoices(staff, estate) }
        : { kind: 'text', name: `outstandingActions.${i}.owner`, label: 'console.actionRows.owner', labelVars, maxLength: 64 },
      { kind: 'datetime', name: `outstandingActions.${i}.dueBy`, label: 'console.actionRows.dueBy', labelVars, required: true },
    ];
  }).flat();
}

/** The respond action's body: the rows `outstandingActions.<i>.*` that `serialise` nested by index become the API's list, in row order. */
export function respondBody(body: Record<string, unknown>): Record<string, unknown> {
  const rows = body.outstandingActions as Record<string, Record<string, unknown>> | undefined;
  if (!rows || Array.isArray(rows)) return body;
  const ordered = Object.keys(rows).sort((a, b) => Number(a) - Number(b)).map((key) => rows[key]!);
  return { ...body, outstandingActions: ordered };
}
