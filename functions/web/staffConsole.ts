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
    fields: [
      {
        kind: 'radio',
        name: 'inDoubtEmails',
        label: f.inDoubtEmails,
        required: true,
        options: [
          { value: 'were-not-sent', label: f.wereNotSent },
          { value: 'were-sent', label: f.wereSent },
        ],
      },
    ],
  },
  'settle-emails': {
    ...c.actions['settle-emails'],
    fields: [
      {
        kind: 'radio',
        name: 'inDoubtEmails',
        label: f.inDoubtEmails,
        required: true,
        options: [
          { value: 'were-not-sent', label: f.wereNotSent },
          { value: 'were-sent', label: f.wereSentOrReached },
        ],
      },
    ],
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
    script: STAFF_SCRIPT,
  });
}

/**
 * The console's behaviour. Plain ES2017, no dependencies; runs under the
 * page's CSP nonce, with no inline handlers. Text from the API is only ever
 * set with textContent.
 */
const STAFF_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('page-data').textContent);
  var copy = data.copy;
  var TOKEN_KEY = 'complaints.staffToken';
  function byId(id) { return document.getElementById(id); }

  /* ---------- small DOM helpers (textContent only) ---------- */
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function formatDate(iso) {
    var date = new Date(iso);
    if (!iso || isNaN(date.getTime())) return iso || '';
    try { return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date); }
    catch (e) { return date.toLocaleString(); }
  }
  function timeNode(iso) {
    var t = el('time', formatDate(iso));
    t.dateTime = iso;
    return t;
  }
  function addFact(dl, label, value) {
    if (value === undefined || value === null || value === '') return;
    dl.appendChild(el('dt', label));
    var dd = el('dd');
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  function money(amount, currency) {
    if (typeof amount !== 'number') return '';
    return (currency ? currency + ' ' : '') + amount.toFixed(2);
  }
  function flash(node, text, isError) {
    node.textContent = text;
    node.className = 'message' + (isError ? ' error' : '');
    node.hidden = !text;
    if (text) node.focus();
  }

  /* ---------- session: the bearer token lives in sessionStorage only ---------- */
  var token = null;
  var claims = {};
  try { token = window.sessionStorage.getItem(TOKEN_KEY); } catch (e) { token = null; }

  function decodeClaims(jwt) {
    try {
      var part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      while (part.length % 4) part += '=';
      var bytes = Uint8Array.from(window.atob(part), function (ch) { return ch.charCodeAt(0); });
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) { return {}; }
  }
  function role() {
    var groups = claims['cognito:groups'];
    return Array.isArray(groups) && groups.length === 1 ? groups[0] : null;
  }
  function setToken(value) {
    token = value;
    claims = value ? decodeClaims(value) : {};
    try {
      if (value) window.sessionStorage.setItem(TOKEN_KEY, value); else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* private mode: the token lives in memory for this page only */ }
  }
  if (token) claims = decodeClaims(token);

  function signOut(message) {
    setToken(null);
    openId = null;
    current = null;
    cursor = null;
    byId('app').hidden = true;
    showSignIn();
    flash(byId('flash'), message || '', false);
    if (window.location.hash) history.replaceState(null, '', window.location.pathname);
  }

  function SignedOut() {}
  function api(method, path, body, headers) {
    var h = { accept: 'application/json', authorization: 'Bearer ' + token };
    if (body !== undefined) h['content-type'] = 'application/json';
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch(path, { method: method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store' })
      .then(function (response) {
        var etag = response.headers.get('etag');
        return response.json().then(
          function (json) { return { status: response.status, body: json, etag: etag }; },
          function () { return { status: response.status, body: null, etag: etag }; }
        );
      })
      .then(function (result) {
        if (result.status === 401) { signOut(copy.signIn.rejected); throw new SignedOut(); }
        return result;
      });
  }
  function apiError(result) { return (result.body && result.body.error) || { code: '', message: '' }; }

  /* ---------- sign-in ---------- */
  var demoChecked = false;
  function showSignIn() {
    byId('signin').hidden = false;
    if (!demoChecked) { demoChecked = true; loadDemoUsers(); }
  }

  /* The demo picker exists only on the local platform: GET /local/demo-users is 404 in AWS. */
  function loadDemoUsers() {
    fetch('/local/demo-users', { headers: { accept: 'application/json' }, credentials: 'omit', cache: 'no-store' })
      .then(function (response) {
        if (response.status !== 200) return null;
        return response.json();
      })
      .then(function (body) {
        if (!body || !Array.isArray(body.users) || body.users.length === 0) return;
        var select = byId('demo-user');
        clear(select);
        var groups = {};
        body.users.forEach(function (user) {
          var key = user.estates === '*' ? copy.signIn.groupWide : user.estates;
          if (!groups[key]) { groups[key] = document.createElement('optgroup'); groups[key].label = key; select.appendChild(groups[key]); }
          var option = el('option', user.name + ' — ' + (copy.roles[user.role] || user.role) + ' (' + user.userId + ')');
          option.value = user.userId;
          groups[key].appendChild(option);
        });
        byId('demo').hidden = false;
      })
      .catch(function () { /* no demo picker */ });
  }

  byId('token-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = byId('token').value.trim().replace(/^Bearer\\s+/i, '');
    var error = byId('token-error');
    var message = !value ? copy.signIn.tokenRequired : (/^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$/.test(value) ? '' : copy.signIn.tokenMalformed);
    error.textContent = message;
    error.hidden = !message;
    if (message) { byId('token').setAttribute('aria-invalid', 'true'); byId('token').focus(); return; }
    byId('token').removeAttribute('aria-invalid');
    byId('token').value = '';
    signedIn(value);
  });

  byId('demo-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var error = byId('demo-error');
    error.hidden = true;
    fetch('/local/demo-token', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ userId: byId('demo-user').value }), credentials: 'omit', cache: 'no-store' })
      .then(function (response) { return response.json().then(function (body) { return { status: response.status, body: body }; }); })
      .then(function (result) {
        if (result.status !== 200 || !result.body || !result.body.token) throw new Error('refused');
        signedIn(result.body.token);
      })
      .catch(function () { error.textContent = copy.signIn.demoFailed; error.hidden = false; });
  });

  function signedIn(value) {
    setToken(value);
    flash(byId('flash'), '', false);
    byId('signin').hidden = true;
    startApp();
  }

  byId('sign-out').addEventListener('click', function () { signOut(copy.signIn.signedOut); });

  function startApp() {
    byId('app').hidden = false;
    var name = claims.name || claims['cognito:username'] || claims.sub || '';
    var r = role();
    var served = typeof claims['custom:estates'] === 'string' ? claims['custom:estates'] : '';
    byId('who').textContent = name + (claims.sub && claims.sub !== name ? ' (' + claims.sub + ')' : '') + (r ? ' — ' + (copy.roles[r] || r) : '') + (served ? ' · ' + (served === '*' ? copy.signIn.groupWide : served) : '');
    /* Offer only the estates the person serves (the API enforces it either way). */
    var mine = served && served !== '*' ? served.split(',').map(function (e) { return e.trim(); }) : null;
    Array.prototype.forEach.call(byId('filter-estate').options, function (option) {
      option.hidden = option.disabled = !!option.value && !!mine && mine.indexOf(option.value) < 0;
    });
    route();
  }

  /* ---------- routing: #/cases and #/cases/{id} ---------- */
  function route() {
    if (!token) return;
    var match = /^#\\/cases\\/([0-9A-Za-z]{1,64})$/.exec(window.location.hash);
    if (match) { byId('list').hidden = true; byId('detail').hidden = false; openCase(match[1]); }
    else { openId = null; byId('detail').hidden = true; byId('list').hidden = false; loadList(); }
  }
  window.addEventListener('hashchange', route);

  /* ---------- case list ---------- */
  var estateNames = {};
  var departmentsOf = {};
  data.estates.forEach(function (e) {
    estateNames[e.estateId] = e.name;
    departmentsOf[e.estateId] = e.departments;
  });
  var filters = {};
  var cursor = null;
  var nextCursor = null;

  function loadList() {
    var params = new URLSearchParams();
    Object.keys(filters).forEach(function (k) { if (filters[k]) params.set(k, filters[k]); });
    if (cursor) params.set('cursor', cursor);
    var status = byId('list-status');
    status.textContent = copy.list.loading;
    api('GET', '/api/v1/cases' + (params.toString() ? '?' + params.toString() : ''))
      .then(function (result) {
        if (result.status !== 200) { status.textContent = copy.list.failed + ' ' + apiError(result).message; return; }
        var items = result.body.cases || result.body.items || [];
        nextCursor = result.body.nextCursor || null;
        renderRows(items);
        status.textContent = items.length === 0 ? copy.list.empty : '';
      })
      .catch(function (e) { if (!(e instanceof SignedOut)) status.textContent = copy.list.failed; });
  }

  function renderRows(items) {
    var rows = byId('case-rows');
    clear(rows);
    items.forEach(function (item) {
      var tr = el('tr');
      var ref = el('th');
      ref.scope = 'row';
      var link = el('a', item.reference);
      link.href = '#/cases/' + encodeURIComponent(item.caseId);
      ref.appendChild(link);
      tr.appendChild(ref);
      tr.appendChild(el('td', estateNames[item.estateId] || item.estateId));
      tr.appendChild(el('td', copy.statuses[item.status] || item.status));
      tr.appendChild(el('td', [item.caseClass ? 'Class ' + item.caseClass : '', item.severity ? (copy.severities[item.severity] || item.severity) : ''].filter(Boolean).join(' · ') || '—'));
      tr.appendChild(el('td', [departmentName(item.estateId, item.departmentId), item.assigneeId].filter(Boolean).join(' / ') || '—'));
      var received = el('td'); received.appendChild(timeNode(item.receivedAt)); tr.appendChild(received);
      var due = el('td'); due.appendChild(timeNode(item.responseDueBy));
      if (item.overdue) due.appendChild(el('span', copy.list.overdueBadge, 'badge'));
      if (item.emailAttention) due.appendChild(el('span', copy.list.emailAttentionBadge, 'badge'));
      tr.appendChild(due);
      rows.appendChild(tr);
    });
    byId('case-table').hidden = items.length === 0;
    byId('next-page').hidden = !nextCursor;
    byId('first-page').hidden = !cursor;
  }

  byId('filters').addEventListener('submit', function (event) {
    event.preventDefault();
    filters = { estateId: byId('filter-estate').value, status: byId('filter-status').value, overdue: byId('filter-overdue').value, emailAttention: byId('filter-emails').value };
    cursor = null;
    loadList();
  });
  byId('next-page').addEventListener('click', function () { if (nextCursor) { cursor = nextCursor; loadList(); } });
  byId('first-page').addEventListener('click', function () { cursor = null; loadList(); });

  function departmentName(estateId, departmentId) {
    if (!departmentId) return '';
    var list = departmentsOf[estateId] || [];
    for (var i = 0; i < list.length; i += 1) if (list[i].departmentId === departmentId) return list[i].name;
    return departmentId;
  }

  /* ---------- case detail ---------- */
  var current = null;   /* the case view */
  var etag = null;      /* its version, for If-Match */
  var openId = null;
  var loadSeq = 0;

  function openCase(caseId) {
    if (openId !== caseId) {
      openId = caseId;
      current = null;
      byId('case-body').hidden = true;
      flash(byId('action-message'), '', false);
      resetForms();
    }
    return loadCase();
  }

  function loadCase() {
    var seq = ++loadSeq;
    var status = byId('detail-status');
    if (!current) status.textContent = copy.detail.loading;
    return api('GET', '/api/v1/cases/' + encodeURIComponent(openId))
      .then(function (result) {
        if (seq !== loadSeq) return null;
        if (result.status === 404) { status.textContent = copy.detail.notFound; byId('case-body').hidden = true; return null; }
        if (result.status !== 200) { status.textContent = copy.detail.failed + ' ' + apiError(result).message; return null; }
        status.textContent = '';
        current = result.body;
        etag = result.etag;
        renderCase(current);
        watchWhileBusy(current);
        return current;
      })
      .catch(function (e) { if (!(e instanceof SignedOut)) status.textContent = copy.detail.failed; return null; });
  }
  byId('reload').addEventListener('click', function () { loadCase(); });

  /* While the workflow runs an automated step no action is open: look again, less and less often, until it waits for a person. */
  var busyTimer = null;
  var busyDelay = 500;
  function watchWhileBusy(view) {
    if (busyTimer) { clearTimeout(busyTimer); busyTimer = null; }
    if (view.waitingFor !== null || view.status === 'closed') { busyDelay = 500; return; }
    var caseId = view.caseId;
    busyTimer = setTimeout(function () {
      busyTimer = null;
      if (openId === caseId && token && !byId('detail').hidden) loadCase();
    }, busyDelay);
    busyDelay = Math.min(busyDelay * 2, 30000);
  }

  function renderCase(view) {
    byId('case-title').textContent = view.reference;
    byId('case-status').textContent = copy.statuses[view.status] || view.status;
    document.title = view.reference + ' · ' + copy.list.title;

    var facts = byId('case-facts');
    clear(facts);
    var d = copy.detail.facts;
    addFact(facts, d.reference, view.reference);
    addFact(facts, d.estate, (estateNames[view.estateId] || view.estateId) + ' (' + view.estateId + ')');
    addFact(facts, d.status, copy.statuses[view.status] || view.status);
    addFact(facts, d.stage, view.stage);
    addFact(facts, d.waitingFor, view.waitingFor ? (copy.waitingFor[view.waitingFor] || view.waitingFor) : copy.noWait);
    addFact(facts, d.caseClass, view.caseClass ? copy.classes[view.caseClass] : '—');
    addFact(facts, d.severity, view.severity ? copy.severities[view.severity] : '—');
    addFact(facts, d.category, view.category ? copy.categories[view.category] : '—');
    addFact(facts, d.department, departmentName(view.estateId, view.departmentId) || '—');
    addFact(facts, d.assignee, view.assigneeId || '—');
    addFact(facts, d.escalation, view.escalationLevel !== undefined ? copy.detail.escalationLevels[view.escalationLevel] : '—');
    var due = el('span');
    due.appendChild(timeNode(view.responseDueBy));
    if (view.status !== 'closed' && view.responseDueBy < new Date().toISOString()) due.appendChild(el('span', copy.list.overdueBadge, 'badge'));
    addFact(facts, d.responseDue, due);
    if (view.deadline && Array.isArray(view.deadline.pauses)) {
      var paused = view.deadline.pauses.some(function (p) { return !p.to; });
      addFact(facts, d.clock, paused ? copy.detail.clockPaused : copy.detail.clockRunning);
    }
    if (view.emailAttention) {
      addFact(facts, d.emailAttention, view.emailAttention.emails.map(function (e) { return e.notificationKey + ' (' + (copy.detail.emailAttentionReasons[e.reason] || e.reason) + ', ' + formatDate(e.at) + ')'; }).join('; '));
    }
    addFact(facts, d.received, timeNode(view.receivedAt));
    addFact(facts, d.channel, view.channel);
    addFact(facts, d.language, view.language);

    var proposed = view.proposedTriage;
    byId('proposed').hidden = !proposed || !!view.triage;
    if (proposed) {
      var pf = byId('proposed-facts');
      clear(pf);
      addFact(pf, d.caseClass, copy.classes[proposed.caseClass]);
      addFact(pf, d.severity, copy.severities[proposed.severity]);
      addFact(pf, d.category, copy.categories[proposed.category]);
      addFact(pf, d.department, departmentName(view.estateId, proposed.departmentId));
      var reasons = byId('proposed-reasons');
      clear(reasons);
      (proposed.reasons || []).forEach(function (r) { reasons.appendChild(el('li', r)); });
    }
    var triage = view.triage;
    byId('triage-record').hidden = !triage;
    if (triage) {
      var tf = byId('triage-facts');
      clear(tf);
      addFact(tf, copy.detail.valid, triage.valid ? 'yes' : 'no');
      addFact(tf, copy.detail.invalidExplanation, triage.invalidExplanation);
      addFact(tf, copy.detail.confirmedBy, triage.confirmedBy + ', ' + formatDate(triage.confirmedAt));
      addFact(tf, copy.detail.corrected, triage.corrected ? 'yes' : 'no');
      if (triage.externalParty) addFact(tf, copy.detail.externalParty, triage.externalParty.name + ' <' + triage.externalParty.email + '> — ' + triage.externalParty.impact);
    }

    var cf = byId('complainant-facts');
    clear(cf);
    var person = view.complainant || {};
    addFact(cf, copy.detail.name, person.name);
    addFact(cf, copy.detail.email, person.email);
    addFact(cf, copy.detail.phone, person.phone);
    addFact(cf, copy.detail.unit, view.unit);
    byId('case-description').textContent = view.description || '';

    var claim = view.compensationClaim;
    byId('claim').hidden = !claim;
    if (claim) {
      var kf = byId('claim-facts');
      clear(kf);
      addFact(kf, copy.compensation.claimed, money(claim.amount, claim.currency));
      addFact(kf, copy.detail.claimReason, claim.reason);
      var comp = view.compensation || {};
      if (comp.proposal) addFact(kf, copy.detail.proposal, money(comp.proposal.amount, claim.currency) + ' — ' + comp.proposal.note + ' (' + comp.proposal.by + ')');
      if (comp.decision) addFact(kf, copy.detail.decision, comp.decision.outcome + ', ' + money(comp.decision.amount, claim.currency) + ' — ' + comp.decision.reasons + ' (' + comp.decision.by + ')');
      if (comp.hqApproval) addFact(kf, copy.detail.hqApproval, comp.hqApproval.outcome + ', ' + money(comp.hqApproval.amount, claim.currency) + ' — ' + comp.hqApproval.reasons + ' (' + comp.hqApproval.by + ')');
    }

    var response = view.response;
    byId('response').hidden = !response;
    if (response) {
      var rf = byId('response-facts');
      clear(rf);
      var labels = copy.fieldLabels;
      addFact(rf, labels.outcome, copy.outcomes[response.outcome] || response.outcome);
      addFact(rf, labels.decision, response.decision);
      addFact(rf, labels.reasons, response.reasons);
      addFact(rf, labels.remedy, response.remedy);
      (response.outstandingActions || []).forEach(function (a) { addFact(rf, labels.outstandingAction, a.action + ' — ' + formatDate(a.dueBy)); });
      addFact(rf, labels.rootCause, response.rootCause);
      addFact(rf, labels.accountability, response.accountability);
      addFact(rf, copy.detail.by, response.by + ', ' + formatDate(response.at));
    }

    var satisfaction = view.satisfaction;
    byId('satisfaction').hidden = !satisfaction;
    if (satisfaction) {
      var sf = byId('satisfaction-facts');
      clear(sf);
      addFact(sf, copy.detail.facts.stage, satisfaction.stage);
      if (satisfaction.noResponse) addFact(sf, copy.detail.outcomeRating, copy.detail.noResponse);
      addFact(sf, copy.detail.outcomeRating, satisfaction.outcomeRating);
      addFact(sf, copy.detail.processRating, satisfaction.processRating);
      addFact(sf, copy.detail.comment, satisfaction.comment);
    }

    renderTimeline(view.timeline || []);
    renderActions(view);
    byId('case-body').hidden = false;
  }

  function actorName(actor) {
    if (!actor) return '';
    if (actor.type === 'resident') return copy.detail.resident;
    if (actor.type === 'system') return copy.detail.system + (actor.id ? ' (' + actor.id + ')' : '');
    return actor.id + (actor.role ? ' (' + (copy.roles[actor.role] || actor.role) + ')' : '');
  }
  function shortValue(value) {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'object') return '…';
    var text = String(value);
    return text.length > 80 ? text.slice(0, 79) + '…' : text;
  }
  var TEXT_KEYS = ['note', 'statement', 'staffMember', 'reason', 'measures', 'inDoubtEmails'];

  function renderTimeline(events) {
    var rows = byId('timeline-rows');
    clear(rows);
    events.forEach(function (event) {
      var tr = el('tr');
      var when = el('td'); when.appendChild(timeNode(event.at)); tr.appendChild(when);
      tr.appendChild(el('td', actorName(event.actor)));
      tr.appendChild(el('td', event.action));
      var details = el('td');
      (event.changes || []).forEach(function (change) {
        details.appendChild(el('div', change.field + ': ' + shortValue(change.before) + ' → ' + shortValue(change.after)));
      });
      var personal = event.personalData || {};
      TEXT_KEYS.forEach(function (key) {
        if (typeof personal[key] === 'string') details.appendChild(el('div', key + ': ' + personal[key]));
      });
      tr.appendChild(details);
      rows.appendChild(tr);
    });
  }

  /* ---------- action forms ---------- */
  var PRIMARY = { triage: 'triage', resolution: 'respond', recovery: 'resume-workflow' };
  var sections = Array.prototype.slice.call(document.querySelectorAll('details[data-action]'));
  var sectionOrder = sections.slice();

  function renderActions(view) {
    var myRole = role();
    var mine = myRole && data.actionsByRole[myRole] ? data.actionsByRole[myRole] : null;
    var allowed = view.allowedActions || [];
    var shown = allowed.filter(function (a) { return !mine || mine.indexOf(a) >= 0; });
    var notMine = allowed.filter(function (a) { return shown.indexOf(a) < 0; });
    /* The action the workflow waits for comes first, right after the compensation decision. */
    var anchor = byId('compensation');
    sectionOrder.forEach(function (section) { anchor.parentNode.insertBefore(section, byId('not-for-role')); });
    var primary = PRIMARY[view.waitingFor];
    sections.forEach(function (section) {
      if (section.getAttribute('data-action') === primary) anchor.parentNode.insertBefore(section, anchor.nextSibling);
    });
    sections.forEach(function (section) {
      var type = section.getAttribute('data-action');
      var visible = shown.indexOf(type) >= 0;
      section.hidden = !visible;
      if (visible && PRIMARY[view.waitingFor] === type && !section.hasAttribute('data-seen')) { section.open = true; section.setAttribute('data-seen', 'true'); }
      if (visible) prepareForm(section.querySelector('form'), view);
    });
    var compensationWait = view.waitingFor === 'compensation-decision' || view.waitingFor === 'compensation-hq-approval';
    var mayDecide = !myRole || (data.compensationRoles[view.waitingFor] || []).indexOf(myRole) >= 0;
    var compensation = byId('compensation');
    compensation.hidden = !(compensationWait && mayDecide);
    if (compensationWait && !mayDecide) notMine.push(view.waitingFor);
    if (!compensation.hidden) renderCompensation(view);
    byId('no-actions').hidden = shown.length > 0 || !compensation.hidden;
    byId('busy').hidden = !(view.waitingFor === null && view.status !== 'closed');
    var nfr = byId('not-for-role');
    nfr.textContent = notMine.length ? copy.detail.notForRole + ' ' + notMine.join(', ') : '';
    nfr.hidden = notMine.length === 0;
  }

  /* Fills choices that depend on the case, and hides parts that do not apply. Values the user typed stay. */
  function prepareForm(form, view) {
    Array.prototype.forEach.call(form.querySelectorAll('select[data-departments]'), function (select) {
      var wanted = view.estateId;
      if (select.getAttribute('data-estate') === wanted) return;
      select.setAttribute('data-estate', wanted);
      while (select.options.length > 1) select.remove(1);
      (departmentsOf[wanted] || []).forEach(function (dep) {
        var option = el('option', dep.name);
        option.value = dep.departmentId;
        select.appendChild(option);
      });
    });
    if (form.getAttribute('data-action-form') === 'triage' && form.getAttribute('data-prefilled') !== view.caseId) {
      form.setAttribute('data-prefilled', view.caseId);
      var proposal = view.proposedTriage;
      if (proposal) {
        setValue(form, 'caseClass', String(proposal.caseClass));
        setValue(form, 'severity', proposal.severity);
        setValue(form, 'category', proposal.category);
        setValue(form, 'departmentId', proposal.departmentId);
      }
    }
    Array.prototype.forEach.call(form.querySelectorAll('[data-roles]'), function (group) {
      var r = role();
      group.hidden = !!r && group.getAttribute('data-roles').split(' ').indexOf(r) < 0;
    });
    Array.prototype.forEach.call(form.querySelectorAll('[data-needs-claim]'), function (group) {
      group.hidden = !view.compensationClaim;
    });
    syncConditional(form);
  }

  function setValue(form, name, value) {
    var input = form.querySelector('[data-field="' + name + '"]');
    if (input && value !== undefined && value !== null) input.value = value;
  }
  function fieldValue(form, name) {
    var inputs = form.querySelectorAll('[data-field="' + name + '"]');
    for (var i = 0; i < inputs.length; i += 1) {
      var input = inputs[i];
      if (input.type === 'radio') { if (input.checked) return input.value; }
      else return input.value;
    }
    return '';
  }
  function syncConditional(form) {
    Array.prototype.forEach.call(form.querySelectorAll('[data-show-field]'), function (node) {
      node.hidden = fieldValue(form, node.getAttribute('data-show-field')) !== node.getAttribute('data-show-value');
    });
  }

  /* Builds the JSON body from the visible fields: dotted names nest, numeric parts make arrays, empty fields are left out. */
  function setPath(target, path, value) {
    var parts = path.split('.');
    var node = target;
    for (var i = 0; i < parts.length - 1; i += 1) {
      var key = /^\\d+$/.test(parts[i]) ? Number(parts[i]) : parts[i];
      if (node[key] === undefined) node[key] = /^\\d+$/.test(parts[i + 1]) ? [] : {};
      node = node[key];
    }
    var last = parts[parts.length - 1];
    node[/^\\d+$/.test(last) ? Number(last) : last] = value;
  }
  function convert(input) {
    var raw = input.value.trim();
    var type = input.getAttribute('data-type');
    if (type === 'int') return /^-?\\d+$/.test(raw) ? parseInt(raw, 10) : raw;
    if (type === 'number') return raw !== '' && isFinite(Number(raw)) ? Number(raw) : raw;
    if (type === 'datetime') { var date = new Date(raw); return isNaN(date.getTime()) ? raw : date.toISOString(); }
    return raw;
  }
  function serialise(form, base) {
    var body = base || {};
    Array.prototype.forEach.call(form.querySelectorAll('[data-field]'), function (input) {
      if (input.closest('[hidden]')) return;
      if (input.type === 'radio' && !input.checked) return;
      if (input.value.trim() === '') return;
      setPath(body, input.getAttribute('data-field'), convert(input));
    });
    return body;
  }

  /* Outstanding-actions list: rows copied from the template, ids made unique, names renumbered. */
  var itemCounter = 0;
  function renumber(list) {
    var name = list.getAttribute('data-list');
    Array.prototype.forEach.call(list.querySelectorAll('[data-items] > [data-item]'), function (row, index) {
      Array.prototype.forEach.call(row.querySelectorAll('[data-item-field]'), function (input) {
        input.setAttribute('data-field', name + '.' + index + '.' + input.getAttribute('data-item-field'));
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-list]'), function (list) {
    var template = list.querySelector('template[data-item-template]');
    list.querySelector('[data-add-item]').addEventListener('click', function () {
      var row = template.content.firstElementChild.cloneNode(true);
      itemCounter += 1;
      Array.prototype.forEach.call(row.querySelectorAll('[data-item-field]'), function (input) {
        var id = list.id + '-' + itemCounter + '-' + input.getAttribute('data-item-field');
        input.id = id;
        var label = row.querySelector('[data-item-label="' + input.getAttribute('data-item-field') + '"]');
        label.htmlFor = id;
        var error = row.querySelector('[data-item-error="' + input.getAttribute('data-item-field') + '"]');
        error.id = id + '-error';
        input.setAttribute('aria-describedby', error.id);
      });
      row.querySelector('[data-remove-item]').addEventListener('click', function () { row.parentNode.removeChild(row); renumber(list); });
      list.querySelector('[data-items]').appendChild(row);
      renumber(list);
      row.querySelector('[data-item-field]').focus();
    });
  });

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (p) { p.textContent = ''; p.hidden = true; });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (input) { input.removeAttribute('aria-invalid'); });
    var summary = form.querySelector('[data-summary]');
    clear(summary.querySelector('[data-summary-list]'));
    summary.hidden = true;
  }
  function labelFor(form, input) {
    var block = input.closest('.field');
    var label = block && (block.tagName === 'FIELDSET' ? block.querySelector('legend') : block.querySelector('label'));
    return label ? label.textContent.replace(/\\s*\\(optional\\)$/, '') : input.getAttribute('data-field');
  }
  /* 422: each field's message beside the field; the summary lists them all. */
  function showFieldErrors(form, fields, message) {
    var summary = form.querySelector('[data-summary]');
    var list = summary.querySelector('[data-summary-list]');
    var firstInput = null;
    Object.keys(fields || {}).forEach(function (path) {
      var input = form.querySelector('[data-field="' + path + '"]');
      var text = fields[path];
      var item = el('li');
      if (input) {
        var error = byId(input.id + '-error') || (input.closest('fieldset.field') && input.closest('fieldset.field').querySelector('.field-error'));
        var label = labelFor(form, input);
        if (error) { error.textContent = label + ': ' + text; error.hidden = false; }
        input.setAttribute('aria-invalid', 'true');
        var a = el('a', label + ': ' + text);
        a.href = '#' + input.id;
        a.addEventListener('click', function (event) { event.preventDefault(); input.focus(); });
        item.appendChild(a);
        if (!firstInput) firstInput = input;
      } else {
        item.textContent = path + ': ' + text;
      }
      list.appendChild(item);
    });
    if (!list.firstChild) list.appendChild(el('li', message || copy.messages.validation));
    summary.hidden = false;
    summary.focus();
  }

  function resetForm(form) {
    form.reset();
    clearErrors(form);
    Array.prototype.forEach.call(form.querySelectorAll('[data-items]'), clear);
    form.removeAttribute('data-prefilled');
    syncConditional(form);
  }
  function resetForms() {
    Array.prototype.forEach.call(document.querySelectorAll('form.action-form'), resetForm);
    sections.forEach(function (section) { section.open = false; section.removeAttribute('data-seen'); });
    updateValueRecovery();
  }

  /* After an action the workflow moves on in the background: reload until it waits for a person again. */
  function reloadUntilSettled(tries) {
    return loadCase().then(function (view) {
      if (!view || tries <= 0) return;
      if (view.waitingFor === null && view.status !== 'closed') {
        return new Promise(function (resolve) { setTimeout(resolve, 500); }).then(function () { return reloadUntilSettled(tries - 1); });
      }
    });
  }

  function submitAction(form, path, body, doneText) {
    var button = form.querySelector('button[type="submit"]');
    var message = byId('action-message');
    message.hidden = true;
    clearErrors(form);
    button.disabled = true;
    button.textContent = copy.form.sending;
    return api('POST', path, body, { 'if-match': etag })
      .then(function (result) {
        var error = apiError(result);
        if (result.status === 200) {
          busyDelay = 500;
          resetForm(form);
          var section = form.closest('details');
          if (section) section.open = false;
          flash(message, doneText + ' ' + copy.detail.processing, false);
          return reloadUntilSettled(20).then(function () { flash(message, doneText, false); });
        }
        if (result.status === 409 && (error.code === 'version_conflict' || error.code === 'workflow_moved_on')) {
          busyDelay = 500;
          return loadCase().then(function () { flash(message, copy.messages.versionConflict, true); });
        }
        if (result.status === 409 && error.code === 'action_not_allowed') {
          return loadCase().then(function () { flash(message, copy.messages.notAllowed + ' ' + error.message, true); });
        }
        if (result.status === 422 || result.status === 400) { showFieldErrors(form, error.fields, error.message); return; }
        if (result.status === 403) { flash(message, copy.messages.forbidden + ' ' + error.message, true); return; }
        flash(message, error.message || copy.messages.failed, true);
      })
      .catch(function (e) { if (!(e instanceof SignedOut)) flash(message, copy.messages.failed, true); })
      .then(function () {
        button.disabled = false;
        button.textContent = button.getAttribute('data-submit-label');
      });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-action-form]'), function (form) {
    var type = form.getAttribute('data-action-form');
    form.addEventListener('change', function () { syncConditional(form); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!current) return;
      submitAction(form, '/api/v1/cases/' + encodeURIComponent(current.caseId) + '/actions', serialise(form, { type: type }), copy.actions[type].done);
    });
  });

  /* ---------- compensation decision, with the live C >= A + B check ---------- */
  var compensationForm = byId('compensation-form');
  function cents(name) {
    var raw = fieldValue(compensationForm, name).trim();
    if (raw === '' || !isFinite(Number(raw))) return null;
    return Math.round(Number(raw) * 100);
  }
  function updateValueRecovery() {
    var a = cents('valueRecovery.originalServiceValueA');
    var b = cents('valueRecovery.complainingCostB');
    var cc = cents('valueRecovery.proposedC');
    var out = byId('vr-check');
    if (a === null || b === null || cc === null) { out.textContent = copy.compensation.ruleIncomplete; out.className = 'vr-check'; return; }
    var sum = a + b;
    var sumText = 'A + B = ' + (sum / 100).toFixed(2) + ', C = ' + (cc / 100).toFixed(2) + '. ';
    if (cc >= sum) { out.textContent = sumText + copy.compensation.ruleMet; out.className = 'vr-check ok'; }
    else { out.textContent = sumText + copy.compensation.ruleShort + ' ' + ((sum - cc) / 100).toFixed(2) + '.'; out.className = 'vr-check short'; }
  }
  compensationForm.addEventListener('input', updateValueRecovery);
  compensationForm.addEventListener('change', function () { syncConditional(compensationForm); updateValueRecovery(); });

  function renderCompensation(view) {
    var title = byId('compensation-title');
    title.textContent = view.waitingFor === 'compensation-hq-approval' ? title.getAttribute('data-hq-title') : title.getAttribute('data-title');
    var facts = byId('compensation-facts');
    clear(facts);
    var claim = view.compensationClaim || {};
    var comp = view.compensation || {};
    addFact(facts, copy.compensation.claimed, money(claim.amount, claim.currency) + (claim.reason ? ' — ' + claim.reason : ''));
    if (comp.proposal) addFact(facts, copy.compensation.proposed, money(comp.proposal.amount, claim.currency) + ' — ' + comp.proposal.note);
    if (comp.decision) addFact(facts, copy.compensation.estateDecision, comp.decision.outcome + ', ' + money(comp.decision.amount, claim.currency) + ' — ' + comp.decision.reasons);
    syncConditional(compensationForm);
    updateValueRecovery();
  }

  compensationForm.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!current) return;
    var body = serialise(compensationForm, {});
    /* The value-recovery figures go together or not at all. */
    if (body.valueRecovery && Object.keys(body.valueRecovery).length === 0) delete body.valueRecovery;
    submitAction(compensationForm, '/api/v1/cases/' + encodeURIComponent(current.caseId) + '/compensation', body, copy.compensation.done);
  });

  /* ---------- start ---------- */
  if (token) startApp(); else showSignIn();
})();
`;
