/**
 * The staff console (`GET /staff`): ISO 10002 asks that staff handle
 * complaints competently and accountably; this one page covers the lifecycle
 * actions. It is a shell served to anyone; everything it shows comes from the
 * staff API, which checks the bearer token on every call.
 *
 * Sign-in: the bearer token (a Cognito ID token in AWS) is kept in
 * sessionStorage — this tab only, gone when it closes — and sent only in the
 * Authorization header of the page's own fetch calls. There are no cookies,
 * so the browser never attaches credentials by itself and there is no CSRF
 * surface; the page's strict CSP (nonce'd script, no inline handlers,
 * connect-src 'self') limits what injected markup could do. Locally the page
 * also offers the demo users of `GET /local/demo-users`; that route does not
 * exist in AWS, so the picker stays hidden when it answers 404.
 *
 * The action forms are rendered here, on the server, from one description per
 * action of `staffActionSchema` (functions/domain/lifecycle/staffActions.ts);
 * the script shows those the case's `allowedActions` open (and the signed-in
 * role may use), serialises them to the schema's JSON and posts them with
 * If-Match = the case's ETag.
 */
import { STAFF_ROLES, type StaffRole } from '../domain/access/identity';
import { ROLE_PERMISSIONS } from '../domain/access/policy';
import { CASE_STATUSES, CAUSE_CATEGORIES, COMPLAINT_CLASSES, SEVERITIES } from '../domain/vocabulary';
import type { Estate } from '../domain/estate';
import { ACTION_PERMISSION } from '../domain/lifecycle/actionPermissions';
import type { StaffActionType } from '../domain/lifecycle/staffActions';
import { markup, renderPage, type SafeHtml } from './pageLayout';
import { STAFF_CONSOLE_SCRIPT_PATH } from './staffConsoleScriptPath';
import { type CompensationChoice, type ResponseOutcome, staffCopy } from './staffCopy';

const c = staffCopy;
const f = c.fields;

/** What the console needs of an estate: names and departments (never contact addresses). */
export type ConsoleEstate = Pick<Estate, 'estateId' | 'names'> & { departments: readonly Pick<Estate['departments'][number], 'departmentId' | 'names'>[] };

export interface StaffConsoleOptions {
  estates: readonly ConsoleEstate[];
  nonce: string;
}

// ---------------------------------------------------------------------------
// Form descriptions

interface Option {
  value: string;
  label: string;
}

interface Common {
  /** The JSON path the value goes to, e.g. `externalParty.email`. */
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  /** Shown only while another field of the form has this value. */
  showWhen?: { field: string; value: string };
}

export type Field =
  | (Common & { kind: 'select'; options: Option[] | 'departments'; valueType?: 'int'; placeholder?: string })
  | (Common & { kind: 'radio'; options: Option[] })
  | (Common & { kind: 'text' | 'email' | 'textarea'; maxLength: number; minLength?: number })
  | (Common & { kind: 'number'; valueType: 'int' | 'number'; min: number; max: number; step: string })
  | (Common & { kind: 'datetime' })
  | { kind: 'group'; name: string; legend: string; hint?: string; fields: Field[]; showWhen?: Common['showWhen']; roles?: readonly StaffRole[]; needsClaim?: boolean }
  | { kind: 'list'; name: string; legend: string; itemFields: (Common & { kind: 'text' | 'datetime'; maxLength?: number })[] };

export interface FormSpec {
  title: string;
  intro: string;
  submit: string;
  fields: Field[];
}

const options = <T extends string | number>(values: readonly T[], labels: Record<T, string>): Option[] => values.map((value) => ({ value: String(value), label: labels[value] }));

/** What happened to emails left in doubt: resuming a workflow and settling emails ask it alike; `sentLabel` words the "sent" answer. */
const inDoubtEmailsField = (sentLabel: string): Field => ({
  kind: 'radio',
  name: 'inDoubtEmails',
  label: f.inDoubtEmails,
  required: true,
  options: [
    { value: 'were-not-sent', label: f.wereNotSent },
    { value: 'were-sent', label: sentLabel },
  ],
});

/** Kept in step with `staffActionSchema` by test/unit/web/staffConsole.test.ts. */
export const RESPONSE_OUTCOMES: readonly ResponseOutcome[] = ['upheld', 'partly-upheld', 'not-upheld'];
const COMPENSATION_CHOICES: readonly CompensationChoice[] = ['approve', 'amend', 'reject'];
const MANAGERIAL: readonly StaffRole[] = ['estate-manager', 'hq'];

export const ACTION_FORMS: Record<StaffActionType, FormSpec> = {
  triage: {
    ...c.actions.triage,
    fields: [
      { kind: 'select', name: 'caseClass', label: f.caseClass, required: true, valueType: 'int', options: options(COMPLAINT_CLASSES, c.classes) },
      { kind: 'select', name: 'severity', label: f.severity, required: true, options: options(SEVERITIES, c.severities) },
      { kind: 'select', name: 'category', label: f.category, required: true, options: options(CAUSE_CATEGORIES, c.categories) },
      { kind: 'select', name: 'departmentId', label: f.departmentId, required: true, options: 'departments' },
      {
        kind: 'group',
        name: 'externalParty',
        legend: f.externalParty,
        showWhen: { field: 'caseClass', value: '3' },
        fields: [
          { kind: 'text', name: 'externalParty.name', label: f.externalPartyName, required: true, maxLength: 200 },
          { kind: 'email', name: 'externalParty.email', label: f.externalPartyEmail, required: true, maxLength: 254 },
          { kind: 'textarea', name: 'externalParty.impact', label: f.externalPartyImpact, required: true, maxLength: 1000 },
        ],
      },
    ],
  },
  'mark-invalid': { ...c.actions['mark-invalid'], fields: [{ kind: 'textarea', name: 'explanation', label: f.explanation, hint: f.explanationHint, required: true, minLength: 20, maxLength: 4000 }] },
  assign: {
    ...c.actions.assign,
    fields: [
      { kind: 'text', name: 'assigneeId', label: f.assigneeId, hint: f.assigneeHint, required: true, maxLength: 64 },
      { kind: 'select', name: 'departmentId', label: f.departmentId, options: 'departments', placeholder: c.form.keepDepartment },
    ],
  },
  note: { ...c.actions.note, fields: [{ kind: 'textarea', name: 'text', label: f.text, required: true, maxLength: 4000 }] },
  'staff-statement': {
    ...c.actions['staff-statement'],
    fields: [
      { kind: 'text', name: 'staffMember', label: f.staffMember, required: true, maxLength: 64 },
      { kind: 'textarea', name: 'statement', label: f.statement, required: true, maxLength: 8000 },
    ],
  },
  respond: {
    ...c.actions.respond,
    fields: [
      { kind: 'select', name: 'outcome', label: f.outcome, required: true, options: options(RESPONSE_OUTCOMES, c.outcomes) },
      { kind: 'textarea', name: 'decision', label: f.decision, required: true, maxLength: 4000 },
      { kind: 'textarea', name: 'reasons', label: f.reasons, required: true, maxLength: 4000 },
      { kind: 'textarea', name: 'remedy', label: f.remedy, maxLength: 4000 },
      {
        kind: 'list',
        name: 'outstandingActions',
        legend: f.outstandingActions,
        itemFields: [
          { kind: 'text', name: 'action', label: f.outstandingAction, required: true, maxLength: 500 },
          { kind: 'datetime', name: 'dueBy', label: f.outstandingDueBy, required: true },
        ],
      },
      { kind: 'textarea', name: 'rootCause', label: f.rootCause, required: true, maxLength: 2000 },
      { kind: 'textarea', name: 'accountability', label: f.accountability, required: true, maxLength: 2000 },
      {
        kind: 'group',
        name: 'compensationProposal',
        legend: f.compensationProposal,
        needsClaim: true,
        fields: [
          { kind: 'number', name: 'compensationProposal.amount', label: f.proposalAmount, valueType: 'number', min: 0, max: 10_000_000, step: '0.01' },
          { kind: 'textarea', name: 'compensationProposal.note', label: f.proposalNote, maxLength: 2000 },
        ],
      },
    ],
  },
  escalate: {
    ...c.actions.escalate,
    fields: [
      { kind: 'textarea', name: 'note', label: f.note, required: true, maxLength: 2000 },
      {
        kind: 'group',
        name: 'managerial',
        legend: f.managerOnly,
        roles: MANAGERIAL,
        fields: [
          { kind: 'textarea', name: 'handlingOpinion', label: f.handlingOpinion, maxLength: 4000 },
          { kind: 'datetime', name: 'newDueBy', label: f.newDueBy },
        ],
      },
    ],
  },
  'extend-deadline': {
    ...c.actions['extend-deadline'],
    fields: [
      { kind: 'number', name: 'workingDays', label: f.workingDays, required: true, valueType: 'int', min: 1, max: 60, step: '1' },
      { kind: 'textarea', name: 'reason', label: f.reason, required: true, maxLength: 2000 },
    ],
  },
  'pause-clock': { ...c.actions['pause-clock'], fields: [{ kind: 'textarea', name: 'reason', label: f.reason, required: true, maxLength: 1000 }] },
  'resume-clock': { ...c.actions['resume-clock'], fields: [] },
  'interim-response': {
    ...c.actions['interim-response'],
    fields: [
      { kind: 'textarea', name: 'reason', label: f.reason, required: true, maxLength: 2000 },
      { kind: 'textarea', name: 'measures', label: f.measures, required: true, maxLength: 4000 },
    ],
  },
  reopen: { ...c.actions.reopen, fields: [{ kind: 'textarea', name: 'reason', label: f.reopenReason, maxLength: 2000 }] },
  'resume-workflow': {
    ...c.actions['resume-workflow'],
    fields: [inDoubtEmailsField(f.wereSent)],
  },
  'settle-emails': {
    ...c.actions['settle-emails'],
    fields: [inDoubtEmailsField(f.wereSentOrReached)],
  },
};

export const COMPENSATION_FORM: FormSpec = {
  title: c.compensation.title,
  intro: c.compensation.intro,
  submit: c.compensation.submit,
  fields: [
    { kind: 'radio', name: 'decision', label: c.compensation.decision, required: true, options: options(COMPENSATION_CHOICES, c.compensation.choices) },
    { kind: 'number', name: 'amount', label: c.compensation.amount, required: true, valueType: 'number', min: 0, max: 10_000_000, step: '0.01', showWhen: { field: 'decision', value: 'amend' } },
    { kind: 'textarea', name: 'reasons', label: c.compensation.reasons, required: true, minLength: 5, maxLength: 4000 },
    {
      kind: 'group',
      name: 'valueRecovery',
      legend: c.compensation.valueRecovery,
      hint: c.compensation.valueRecoveryHint,
      fields: [
        { kind: 'number', name: 'valueRecovery.originalServiceValueA', label: c.compensation.a, valueType: 'number', min: 0, max: 10_000_000, step: '0.01' },
        { kind: 'number', name: 'valueRecovery.complainingCostB', label: c.compensation.b, valueType: 'number', min: 0, max: 10_000_000, step: '0.01' },
        { kind: 'number', name: 'valueRecovery.proposedC', label: c.compensation.c, valueType: 'number', min: 0, max: 10_000_000, step: '0.01' },
      ],
    },
  ],
};

// ---------------------------------------------------------------------------
// Rendering

const idOf = (formId: string, name: string) => `${formId}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;

function showWhenAttrs(showWhen: Common['showWhen']): SafeHtml | string {
  return showWhen ? markup` data-show-field="${showWhen.field}" data-show-value="${showWhen.value}"` : '';
}

function fieldBlock(formId: string, field: Exclude<Field, { kind: 'group' } | { kind: 'list' }>): SafeHtml {
  const id = idOf(formId, field.name);
  const described = field.hint ? `${id}-hint ${id}-error` : `${id}-error`;
  const required = field.required ? markup` required aria-required="true"` : '';
  const optional = field.required ? '' : markup` <span class="optional">${c.form.optional}</span>`;
  const hint = field.hint ? markup`<p class="hint" id="${id}-hint">${field.hint}</p>` : '';
  const error = markup`<p class="field-error" id="${id}-error" hidden></p>`;
  const common = markup`id="${id}" name="${field.name}" data-field="${field.name}" aria-describedby="${described}"${required}`;
  if (field.kind === 'radio') {
    const radios = field.options.map(
      (option, i) =>
        markup`<div class="check"><input type="radio" id="${id}-${i}" name="${id}" value="${option.value}" data-field="${field.name}"${i === 0 && formId !== 'compensation-form' ? markup` checked` : ''}${required}><label for="${id}-${i}">${option.label}</label></div>`,
    );
    return markup`<fieldset class="field" data-block="${field.name}" id="field-${id}"${showWhenAttrs(field.showWhen)} aria-describedby="${described}">
<legend>${field.label}${optional}</legend>${hint}${error}
${radios}
</fieldset>`;
  }
  let control: SafeHtml;
  switch (field.kind) {
    case 'select': {
      const opts = field.options === 'departments' ? [] : field.options.map((o) => markup`<option value="${o.value}">${o.label}</option>`);
      control = markup`<select ${common}${field.valueType ? markup` data-type="${field.valueType}"` : ''}${field.options === 'departments' ? markup` data-departments="true"` : ''}><option value="">${field.placeholder ?? c.form.choose}</option>${opts}</select>`;
      break;
    }
    case 'textarea':
      control = markup`<textarea ${common} rows="3" maxlength="${field.maxLength}"${field.minLength ? markup` minlength="${field.minLength}"` : ''}></textarea>`;
      break;
    case 'text':
    case 'email':
      control = markup`<input type="${field.kind}" ${common} maxlength="${field.maxLength}" autocomplete="off" spellcheck="${field.kind === 'text' ? 'true' : 'false'}">`;
      break;
    case 'number':
      control = markup`<input type="number" ${common} data-type="${field.valueType}" min="${field.min}" max="${field.max}" step="${field.step}" inputmode="${field.valueType === 'int' ? 'numeric' : 'decimal'}" class="narrow">`;
      break;
    case 'datetime':
      control = markup`<input type="datetime-local" ${common} data-type="datetime" class="narrow">`;
      break;
  }
  return markup`<div class="field" data-block="${field.name}" id="field-${id}"${showWhenAttrs(field.showWhen)}>
<label for="${id}">${field.label}${optional}</label>${hint}${error}
${control}
</div>`;
}

function renderField(formId: string, field: Field): SafeHtml {
  if (field.kind === 'group') {
    return markup`<fieldset class="group" data-group="${field.name}"${showWhenAttrs(field.showWhen)}${field.roles ? markup` data-roles="${field.roles.join(' ')}"` : ''}${field.needsClaim ? markup` data-needs-claim="true"` : ''}>
<legend>${field.legend}</legend>
${field.hint ? markup`<p class="hint">${field.hint}</p>` : ''}
${field.fields.map((inner) => renderField(formId, inner))}
</fieldset>`;
  }
  if (field.kind === 'list') {
    const listId = idOf(formId, field.name);
    // The row the script copies for each item; its ids are made unique when it is added.
    const row = markup`<div class="list-item row" data-item>
${field.itemFields.map(
  (item) => markup`<div class="field"><label data-item-label="${item.name}">${item.label}</label><p class="field-error" data-item-error="${item.name}" hidden></p>${
    item.kind === 'datetime'
      ? markup`<input type="datetime-local" data-item-field="${item.name}" data-type="datetime" required>`
      : markup`<input type="text" data-item-field="${item.name}" maxlength="${item.maxLength ?? 500}" required>`
  }</div>`,
)}
<p><button type="button" class="secondary small" data-remove-item>${c.form.removeItem}</button></p>
</div>`;
    return markup`<fieldset class="group" data-list="${field.name}" id="${listId}">
<legend>${field.legend} <span class="optional">${c.form.optional}</span></legend>
<p class="field-error" id="${listId}-error" hidden></p>
<div data-items></div>
<template data-item-template>${row}</template>
<p><button type="button" class="secondary small" data-add-item>${c.form.addItem}</button></p>
</fieldset>`;
  }
  return fieldBlock(formId, field);
}

function renderForm(formId: string, spec: FormSpec, attrs: SafeHtml, beforeSubmit: SafeHtml | string = ''): SafeHtml {
  return markup`<form id="${formId}" class="action-form" novalidate ${attrs}>
<p class="hint">${spec.intro}</p>
<div class="summary" data-summary tabindex="-1" hidden><h3>${c.form.errorsTitle}</h3><ul data-summary-list></ul></div>
${spec.fields.map((field) => renderField(formId, field))}
${beforeSubmit}<button type="submit" data-submit-label="${spec.submit}">${spec.submit}</button>
</form>`;
}

function actionSection(type: StaffActionType): SafeHtml {
  const spec = ACTION_FORMS[type];
  const formId = `action-${type}`;
  return markup`<details class="action" data-action="${type}" hidden>
<summary>${spec.title}</summary>
${renderForm(formId, spec, markup`data-action-form="${type}" aria-label="${spec.title}"`)}
</details>`;
}

const EXTRA_STYLES = `
input[type=number],input[type=datetime-local]{display:block;width:100%;font:inherit;font-size:1rem;color:var(--ink);background:#fff;border:2px solid var(--ink);border-radius:.25rem;padding:.55rem .6rem;min-height:44px}
[aria-invalid="true"]{border-color:var(--error)!important}
.staff-bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;background:var(--tint);padding:.5rem 1rem;margin:0 0 1rem}
.staff-bar p{margin:0}
button.secondary{color:var(--brand);background:#fff}
button.secondary:hover{color:#fff}
button.small{font-size:.9375rem;padding:.35rem .9rem;min-height:40px}
button.link{background:none;border:none;color:var(--brand);text-decoration:underline;padding:0;min-height:0;font-weight:700;font-size:inherit;cursor:pointer}
button.link:hover{background:none;color:var(--brand-dark)}
.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end;border:none;padding:0;margin:0 0 1rem}
.filters .field{flex:0 1 14rem;margin-bottom:.75rem}
.filters button{margin-bottom:.75rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9375rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:.4rem .5rem}
thead th{background:var(--tint)}
.table-wrap{overflow-x:auto}
.badge{display:inline-block;background:var(--error);color:#fff;font-weight:700;font-size:.8125rem;padding:0 .5rem;border-radius:1rem;margin-left:.25rem}
.columns{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 2rem}
@media (max-width:60rem){.columns{grid-template-columns:1fr}}
.pre{white-space:pre-wrap;word-break:break-word;background:var(--tint);padding:.5rem .75rem;margin:.25rem 0 1rem}
details.action{border:2px solid var(--line);border-radius:.3rem;margin:0 0 .75rem;padding:0 1rem}
details.action[open]{border-color:var(--brand)}
details.action summary{font-weight:700;cursor:pointer;padding:.6rem 0;min-height:44px}
.action-form{padding-bottom:1rem}
fieldset.group{margin-top:.5rem}
.check{margin:.25rem 0}
.message{padding:.5rem 1rem;margin:0 0 1rem;border-left:5px solid var(--ok);background:var(--tint)}
.message.error{border-color:var(--error)}
.vr-check{font-weight:700;margin:.25rem 0 1rem}
.vr-check.ok{color:var(--ok)}
.vr-check.short{color:var(--error)}
ul.reasons{margin:.25rem 0 1rem;padding-left:1.25rem}
.case-head{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline}
.case-head h2{margin:.5rem 0}
`;

export function renderStaffConsole(options: StaffConsoleOptions): string {
  const { nonce } = options;
  const estates = [...options.estates]
    .sort((a, b) => a.estateId.localeCompare(b.estateId))
    .map((e) => ({ estateId: e.estateId, name: e.names.en || e.estateId, departments: e.departments.map((d) => ({ departmentId: d.departmentId, name: d.names.en || d.departmentId })) }));
  const estateOptions = estates.map((e) => markup`<option value="${e.estateId}">${e.name} (${e.estateId})</option>`);
  const statusOptions = CASE_STATUSES.map((s) => markup`<option value="${s}">${c.statuses[s]}</option>`);
  const allActions = Object.keys(ACTION_FORMS) as StaffActionType[];
  const actionsByRole = Object.fromEntries(STAFF_ROLES.map((role) => [role, allActions.filter((a) => ROLE_PERMISSIONS[role].includes(ACTION_PERMISSION[a]))]));
  const compensationRoles = {
    'compensation-decision': STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('compensation.decide')),
    'compensation-hq-approval': STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('compensation.approveAboveThreshold')),
  };

  const main = markup`<h1 id="page-title">${c.title}</h1>
<noscript><p class="notice">${c.noscript}</p></noscript>
<div id="flash" class="message" role="status" tabindex="-1" hidden></div>

<section id="signin" aria-labelledby="signin-title" hidden>
<h2 id="signin-title">${c.signIn.title}</h2>
<p>${c.signIn.intro}</p>
<form id="token-form" novalidate>
<div class="field" id="field-token">
<label for="token">${c.signIn.tokenLabel}</label>
<p class="hint" id="token-hint">${c.signIn.tokenHint}</p>
<p class="field-error" id="token-error" hidden></p>
<textarea id="token" name="token" rows="3" autocomplete="off" spellcheck="false" aria-describedby="token-hint token-error"></textarea>
</div>
<button type="submit">${c.signIn.submit}</button>
</form>
<section id="demo" class="procedure" aria-labelledby="demo-title" hidden>
<h2 id="demo-title">${c.signIn.demoTitle}</h2>
<p>${c.signIn.demoIntro}</p>
<form id="demo-form" novalidate>
<div class="field">
<label for="demo-user">${c.signIn.demoLabel}</label>
<p class="field-error" id="demo-error" hidden></p>
<select id="demo-user" name="userId" aria-describedby="demo-error"></select>
</div>
<button type="submit">${c.signIn.demoSubmit}</button>
</form>
</section>
</section>

<div id="app" hidden>
<div class="staff-bar"><p>${c.session.signedInAs} <strong id="who"></strong></p><button type="button" class="secondary small" id="sign-out">${c.session.signOut}</button></div>

<section id="list" aria-labelledby="list-title" hidden>
<h2 id="list-title">${c.list.title}</h2>
<form id="filters" class="filters" novalidate aria-label="${c.list.filters}">
<div class="field"><label for="filter-estate">${c.list.estate}</label><select id="filter-estate" name="estateId"><option value="">${c.list.allEstates}</option>${estateOptions}</select></div>
<div class="field"><label for="filter-status">${c.list.status}</label><select id="filter-status" name="status"><option value="">${c.list.anyStatus}</option>${statusOptions}</select></div>
<div class="field"><label for="filter-overdue">${c.list.overdue}</label><select id="filter-overdue" name="overdue"><option value="">${c.list.anyOverdue}</option><option value="true">${c.list.overdueOnly}</option><option value="false">${c.list.notOverdue}</option></select></div>
<div class="field"><label for="filter-emails">${c.list.emails}</label><select id="filter-emails" name="emailAttention"><option value="">${c.list.anyEmails}</option><option value="true">${c.list.emailAttentionOnly}</option></select></div>
<button type="submit">${c.list.apply}</button>
</form>
<p id="list-status" role="status"></p>
<div class="table-wrap"><table id="case-table" hidden>
<caption>${c.list.caption}</caption>
<thead><tr><th scope="col">${c.list.columns.reference}</th><th scope="col">${c.list.columns.estate}</th><th scope="col">${c.list.columns.status}</th><th scope="col">${c.list.columns.classSeverity}</th><th scope="col">${c.list.columns.owner}</th><th scope="col">${c.list.columns.received}</th><th scope="col">${c.list.columns.due}</th></tr></thead>
<tbody id="case-rows"></tbody>
</table></div>
<p class="actions-row"><button type="button" class="secondary small" id="first-page" hidden>${c.list.first}</button> <button type="button" class="small" id="next-page" hidden>${c.list.next}</button></p>
</section>

<section id="detail" aria-labelledby="case-title" hidden>
<p><a href="#/cases" id="back">${c.detail.back}</a></p>
<p id="detail-status" role="status"></p>
<div id="case-body" hidden>
<div class="case-head"><h2 id="case-title"></h2><span class="status" id="case-status"></span><button type="button" class="secondary small" id="reload">${c.detail.reload}</button></div>
<div class="columns">
<div>
<h3>${c.detail.summary}</h3>
<dl class="facts" id="case-facts"></dl>
<div id="proposed" hidden><h3>${c.detail.proposedTitle}</h3><p class="hint">${c.detail.proposedIntro}</p><dl class="facts" id="proposed-facts"></dl><p><strong>${c.detail.reasons}</strong></p><ul class="reasons" id="proposed-reasons"></ul></div>
<div id="triage-record" hidden><h3>${c.detail.triageTitle}</h3><dl class="facts" id="triage-facts"></dl></div>
<h3>${c.detail.complainantTitle}</h3>
<dl class="facts" id="complainant-facts"></dl>
<h3>${c.detail.descriptionTitle}</h3>
<p class="pre" id="case-description"></p>
<div id="additions" hidden><h3>${c.detail.additionsTitle}</h3><ol id="additions-list"></ol></div>
<div id="files" hidden><h3>${c.detail.filesTitle}</h3><ul id="files-list"></ul></div>
<div id="claim" hidden><h3>${c.detail.claimTitle}</h3><dl class="facts" id="claim-facts"></dl></div>
<div id="response" hidden><h3>${c.detail.responseTitle}</h3><dl class="facts" id="response-facts"></dl></div>
<div id="satisfaction" hidden><h3>${c.detail.satisfactionTitle}</h3><dl class="facts" id="satisfaction-facts"></dl></div>
</div>
<div>
<h3 id="actions-title">${c.detail.actionsTitle}</h3>
<div id="action-message" class="message" role="status" tabindex="-1" hidden></div>
<p id="no-actions" hidden>${c.detail.noActions}</p>
<p id="busy" class="notice" hidden>${c.detail.busy}</p>
<section id="compensation" class="action" aria-labelledby="compensation-title" hidden>
<h3 id="compensation-title" data-title="${c.compensation.title}" data-hq-title="${c.compensation.hqTitle}">${c.compensation.title}</h3>
<dl class="facts" id="compensation-facts"></dl>
${renderForm('compensation-form', COMPENSATION_FORM, markup`data-compensation-form="true" aria-labelledby="compensation-title"`, markup`<p class="vr-check" id="vr-check" role="status" aria-live="polite">${c.compensation.ruleIncomplete}</p>
`)}
</section>
${allActions.map(actionSection)}
<p id="not-for-role" class="hint" hidden></p>
</div>
</div>
<h3 id="timeline-title">${c.detail.timelineTitle}</h3>
<div class="table-wrap"><table>
<caption>${c.detail.timelineCaption}</caption>
<thead><tr><th scope="col">${c.detail.columns.when}</th><th scope="col">${c.detail.columns.who}</th><th scope="col">${c.detail.columns.what}</th><th scope="col">${c.detail.columns.details}</th></tr></thead>
<tbody id="timeline-rows"></tbody>
</table></div>
</div>
</section>
</div>`;

  return renderPage({
    language: 'en',
    title: c.title,
    siteName: c.siteName,
    footer: c.footer,
    nonce,
    main,
    noindex: true,
    wide: true,
    extraStyles: EXTRA_STYLES,
    data: {
      estates,
      actionsByRole,
      compensationRoles,
      copy: {
        signIn: c.signIn,
        session: c.session,
        list: c.list,
        detail: c.detail,
        waitingFor: c.waitingFor,
        noWait: c.noWait,
        statuses: c.statuses,
        classes: c.classes,
        severities: c.severities,
        categories: c.categories,
        outcomes: c.outcomes,
        roles: c.roles,
        actions: c.actions,
        compensation: { ruleMet: c.compensation.ruleMet, ruleShort: c.compensation.ruleShort, ruleIncomplete: c.compensation.ruleIncomplete, done: c.compensation.done, claimed: c.compensation.claimed, proposed: c.compensation.proposed, estateDecision: c.compensation.estateDecision },
        form: c.form,
        messages: c.messages,
        fieldLabels: c.fields,
      },
    },
    scriptSrc: STAFF_CONSOLE_SCRIPT_PATH,
  });
}
