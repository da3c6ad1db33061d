/**
 * The complaint form (`GET /`): ISO 10002 "communication" and "receipt" for a
 * resident. It states the procedure plainly (what happens next, when they
 * will hear back, free of charge, how their details are used), then posts the
 * complaint to `POST /api/v1/complaints` with an Idempotency-Key made once per
 * page load, so a retried or double-clicked submission is one complaint.
 * Field errors come from the API's `fields` and are shown beside each field in
 * the page's language.
 */
import { CURRENCIES, DEFAULT_RESPONSE_WORKING_DAYS, LANGUAGES, type Language } from '../domain/vocabulary';
import type { Estate, Jurisdiction } from '../domain/estate';
import { markup, renderPage, type SafeHtml } from './pageLayout';
import { FORM_FIELDS, type FormField, webCopy } from './webCopy';

/** What the form needs of an estate: its id, its names, and (for the default currency) its jurisdiction. */
export type EstateChoice = Pick<Estate, 'estateId' | 'names'> & { jurisdiction?: Jurisdiction; buildings?: Estate['buildings'] };

const CURRENCY_OF_JURISDICTION: Record<Jurisdiction, (typeof CURRENCIES)[number]> = { HK: 'HKD', CN: 'CNY', 'GB-ENG': 'GBP' };

/** The id of the control that shows each API field, so its error can be placed beside it. */
const INPUT_IDS: Record<FormField, string> = {
  estateId: 'estateId',
  buildingId: 'buildingId',
  unit: 'unit',
  name: 'name',
  email: 'email',
  phone: 'phone',
  language: 'reply-language',
  description: 'description',
  'compensationClaim.amount': 'claim-amount',
  'compensationClaim.currency': 'claim-currency',
  'compensationClaim.reason': 'claim-reason',
};

export interface ComplaintFormOptions {
  language: Language;
  estates: readonly EstateChoice[];
  nonce: string;
  workingDays?: number;
  /** The form's behaviour, a built browser entry (functions/web/browser/resident/complaintForm.ts, with the photos module). */
  formModule?: { script: string; preload: string[] };
}

export function estateName(estate: Pick<Estate, 'estateId' | 'names'>, language: Language): string {
  return estate.names[language] || estate.names.en || estate.estateId;
}

function fieldBlock(inputId: string, label: string, control: SafeHtml, options: { hint?: string; optional?: string } = {}): SafeHtml {
  return markup`<div class="field" id="field-${inputId}">
<label for="${inputId}">${label}${options.optional ? markup` <span class="optional">${options.optional}</span>` : ''}</label>
${options.hint ? markup`<p class="hint" id="${inputId}-hint">${options.hint}</p>\n` : ''}<p class="field-error" id="${inputId}-error" hidden></p>
${control}
</div>`;
}

function describedBy(inputId: string, hasHint: boolean): string {
  return hasHint ? `${inputId}-hint ${inputId}-error` : `${inputId}-error`;
}

export function renderComplaintForm(options: ComplaintFormOptions): string {
  const { language, nonce } = options;
  const copy = webCopy(language);
  const t = copy.form;
  const days = options.workingDays ?? DEFAULT_RESPONSE_WORKING_DAYS;
  const collator = new Intl.Collator(copy.locale);
  const estates = [...options.estates].sort((a, b) => collator.compare(estateName(a, language), estateName(b, language)) || a.estateId.localeCompare(b.estateId));
  const defaultCurrency = language === 'zh-Hans' ? 'CNY' : 'HKD';

  const estateOptions = estates.map((estate) => {
    const currency = estate.jurisdiction ? CURRENCY_OF_JURISDICTION[estate.jurisdiction] : undefined;
    return markup`<option value="${estate.estateId}"${currency ? markup` data-currency="${currency}"` : ''}>${estateName(estate, language)}</option>`;
  });
  // Every estate's buildings, each marked with its estate: the page's script offers those of the estate chosen.
  const buildingOptions = estates.flatMap((estate) =>
    (estate.buildings ?? []).map((b) => markup`<option value="${b.buildingId}" data-estate="${estate.estateId}" hidden disabled>${b.names[language] || b.names.en || b.buildingId}</option>`),
  );
  const languageOptions = LANGUAGES.map(
    (l) => markup`<option value="${l}" lang="${l}"${l === language ? markup` selected` : ''}>${webCopy(l).languageName}</option>`,
  );
  const currencyOptions = CURRENCIES.map((c) => markup`<option value="${c}"${c === defaultCurrency ? markup` selected` : ''}>${c}</option>`);

  const main = markup`<h1>${t.title}</h1>
<section id="success" class="panel" tabindex="-1" aria-labelledby="success-title" hidden>
<h2 id="success-title">${t.successTitle}</h2>
<p>${t.referenceLabel}</p>
<p class="reference" id="success-reference"></p>
<p>${t.successBody(days)}</p>
<p id="success-files" role="status" aria-live="polite"></p>
<p><a id="success-link" href="#">${t.trackLink}</a></p>
<p class="hint">${t.privateLink}</p>
<p><a href="?lang=${language}">${t.another}</a></p>
</section>
<p id="intro">${t.intro}</p>
<section class="procedure" aria-labelledby="procedure-title">
<h2 id="procedure-title">${t.procedureTitle}</h2>
<ol>${t.procedureSteps(days).map((step) => markup`<li>${step}</li>`)}</ol>
<p><strong>${t.noCharge}</strong></p>
<p>${t.dataUse}</p>
</section>
<noscript><p class="notice">${t.noscript}</p></noscript>
<div aria-live="assertive" id="form-alerts">
<div id="error-summary" class="summary" tabindex="-1" aria-labelledby="error-summary-title" hidden>
<h2 id="error-summary-title">${t.errorSummaryTitle}</h2>
<ul id="error-summary-list"></ul>
</div>
</div>
<form id="complaint-form" method="post" action="/api/v1/complaints" novalidate hidden>
${fieldBlock('estateId', t.estate, markup`<select id="estateId" name="estateId" required aria-describedby="${describedBy('estateId', false)}"><option value="">${t.estatePlaceholder}</option>${estateOptions}</select>`)}
<div id="building-choice" hidden>
${fieldBlock('buildingId', t.building, markup`<select id="buildingId" name="buildingId" aria-describedby="${describedBy('buildingId', true)}"><option value="">${t.buildingPlaceholder}</option>${buildingOptions}</select>`, { hint: t.buildingHint, optional: t.optional })}
</div>
${fieldBlock('unit', t.unit, markup`<input type="text" id="unit" name="unit" maxlength="64" autocomplete="address-line2" required aria-describedby="${describedBy('unit', true)}">`, { hint: t.unitHint })}
${fieldBlock('name', t.name, markup`<input type="text" id="name" name="name" maxlength="100" autocomplete="name" required aria-describedby="${describedBy('name', false)}">`)}
${fieldBlock('email', t.email, markup`<input type="email" id="email" name="email" maxlength="254" autocomplete="email" inputmode="email" spellcheck="false" required aria-describedby="${describedBy('email', true)}">`, { hint: t.emailHint })}
${fieldBlock('phone', t.phone, markup`<input type="tel" id="phone" name="phone" maxlength="24" autocomplete="tel" class="narrow" aria-describedby="${describedBy('phone', true)}">`, { hint: t.phoneHint, optional: t.optional })}
${fieldBlock('reply-language', t.language, markup`<select id="reply-language" name="language" class="narrow" aria-describedby="${describedBy('reply-language', true)}">${languageOptions}</select>`, { hint: t.languageHint })}
${fieldBlock('description', t.description, markup`<textarea id="description" name="description" rows="7" maxlength="5000" required aria-describedby="${describedBy('description', true)}"></textarea>`, { hint: t.descriptionHint })}
<div class="field check">
<input type="checkbox" id="danger-now" name="dangerNow" aria-describedby="danger-now-hint">
<label for="danger-now">${t.dangerNow}</label>
<p class="hint" id="danger-now-hint">${t.dangerNowHint}</p>
</div>
<div class="field check">
<input type="checkbox" id="claim-toggle" name="claim" aria-controls="claim-fields" aria-expanded="false">
<label for="claim-toggle">${t.claimToggle}</label>
</div>
<fieldset id="claim-fields" hidden>
<legend>${t.claimLegend}</legend>
<p class="hint">${t.claimHint}</p>
<div class="row">
${fieldBlock('claim-amount', t.amount, markup`<input type="text" id="claim-amount" name="amount" inputmode="decimal" maxlength="16" autocomplete="off" aria-describedby="${describedBy('claim-amount', true)}">`, { hint: t.amountHint })}
${fieldBlock('claim-currency', t.currency, markup`<select id="claim-currency" name="currency" aria-describedby="${describedBy('claim-currency', false)}">${currencyOptions}</select>`)}
</div>
${fieldBlock('claim-reason', t.reason, markup`<textarea id="claim-reason" name="reason" rows="3" maxlength="2000" aria-describedby="${describedBy('claim-reason', false)}"></textarea>`, { optional: t.optional })}
</fieldset>
${fieldBlock('complaint-files', copy.tracking.addFiles, markup`<input type="file" id="complaint-files" name="files" multiple accept="image/*,.pdf,.docx,.xlsx" aria-describedby="${describedBy('complaint-files', true)}">`, { hint: copy.tracking.addFilesHint, optional: t.optional })}
<button type="submit" id="submit">${t.submit}</button>
</form>`;

  return renderPage({
    language,
    title: t.title,
    nonce,
    main,
    languageHref: (l) => `?lang=${l}`,
    data: {
      fields: FORM_FIELDS,
      inputIds: INPUT_IDS,
      copy: {
        submit: t.submit,
        submitting: t.submitting,
        errors: t.errors,
        otherFieldError: t.otherFieldError,
        keyReused: t.keyReused,
        tooLarge: t.tooLarge,
        failed: t.failed,
        successTitle: t.successTitle,
      },
      files: {
        tooMany: copy.tracking.addTooMany,
        tooLarge: copy.tracking.addTooLarge,
        sending: copy.trackingChoices.formFilesSending,
        done: copy.trackingChoices.formFilesDone,
        failed: copy.trackingChoices.formFilesFailed,
      },
    },
    ...(options.formModule ? { moduleSrc: options.formModule.script } : {}),
  });
}
