/**
 * The satisfaction confirmation page (`GET /feedback/{id}?token=…&aspect=…&rating=…`):
 * ISO 10002 "closing" and "satisfaction with the complaints-handling process".
 * The follow-up email's one-click links land here. Opening the page records
 * NOTHING (mail scanners open links): it shows both scales with the clicked
 * one pre-selected, and only the Confirm button POSTs the rating to
 * `/api/v1/complaints/{id}/feedback?token=…`. A separate button, after a
 * confirm step, asks for a stage-2 review without a reason
 * (`/api/v1/complaints/{id}/stage-2?token=…`).
 *
 * The page reads the case through the tracking API (a read, records nothing)
 * to show the reference and, like the tracking page, to follow the language
 * the complainant chose unless `?lang=` was given.
 */
import { LANGUAGES, type Language } from '../domain/vocabulary';
import { markup, renderPage, type SafeHtml } from './pageLayout';
import { PLAUSIBLE_CASE_ID, MAX_TOKEN_LENGTH, trackingHref } from './trackingPage';
import { webCopy } from './webCopy';

export type FeedbackAspect = 'outcome' | 'process';

export interface FeedbackPageOptions {
  language: Language;
  /** The language came from `?lang=`: keep it rather than switching to the case's language. */
  explicitLanguage: boolean;
  caseId: string;
  token: string | undefined;
  /** The scale and the rating the complainant clicked in the email, as given in the link (checked here). */
  aspect: string | undefined;
  rating: string | undefined;
  nonce: string;
  /** The page's behaviour, a built browser entry (functions/web/browser/resident/feedbackPage.ts). */
  module?: { script: string; preload: string[] };
}

/** The outcome rating at or below which the case reopens as stage 2 (functions/domain/lifecycle/followUp.ts). */
const REOPENS_AT_OR_BELOW = 2;

export function feedbackHref(caseId: string, token: string | undefined, options: { aspect?: FeedbackAspect; rating?: number; language?: Language } = {}): string {
  const params = new URLSearchParams();
  if (token) params.set('token', token);
  if (options.aspect && options.rating) {
    params.set('aspect', options.aspect);
    params.set('rating', String(options.rating));
  }
  if (options.language) params.set('lang', options.language);
  const query = params.toString();
  return `/feedback/${encodeURIComponent(caseId)}${query ? `?${query}` : ''}`;
}

/** What the link pre-selects; anything else pre-selects nothing. */
export function preselection(aspect: string | undefined, rating: string | undefined): { aspect: FeedbackAspect; rating: number } | undefined {
  if (aspect !== 'outcome' && aspect !== 'process') return undefined;
  if (!rating || !/^[1-5]$/.test(rating)) return undefined;
  return { aspect, rating: Number(rating) };
}

const EXTRA_STYLES = `
.scale{display:grid;gap:.4rem;margin:.25rem 0 .5rem}
.scale .check{min-height:44px;align-items:center;border:2px solid var(--line);border-radius:.3rem;padding:.35rem .6rem}
.scale .check:has(input:checked){border-color:var(--brand);background:var(--tint)}
.scale .check label{flex:1;cursor:pointer}
.scale input[type=radio]{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:var(--brand)}
button.secondary{color:var(--brand);background:#fff}
button.secondary:hover{color:#fff}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
.separate{border-top:3px solid var(--line);margin-top:2.5rem;padding-top:.5rem}
.problem{border:4px solid var(--error);padding:.5rem 1rem;margin:0 0 1.5rem}
.problem h2{margin-top:.25rem}
`;

function scale(name: string, legend: SafeHtml, labels: readonly string[], checked: number | undefined, required: boolean): SafeHtml {
  const options = labels.map(
    (label, i) => markup`<div class="check"><input type="radio" id="${name}-${i + 1}" name="${name}" value="${i + 1}"${checked === i + 1 ? markup` checked` : ''}${required ? markup` required` : ''}><label for="${name}-${i + 1}">${label}</label></div>`,
  );
  return markup`<fieldset id="field-${name}" aria-describedby="${name}-error">
<legend>${legend}</legend>
<p class="field-error" id="${name}-error" hidden></p>
<div class="scale">${options}</div>
</fieldset>`;
}

export function renderFeedbackPage(options: FeedbackPageOptions): { statusCode: number; body: string } {
  const { language, nonce, caseId, token } = options;
  const t = webCopy(language).feedback;
  const plausible = PLAUSIBLE_CASE_ID.test(caseId) && !!token && token.length <= MAX_TOKEN_LENGTH;
  const picked = preselection(options.aspect, options.rating);

  const form = markup`<form id="feedback-form" novalidate hidden>
<p>${t.intro}</p>
${scale('outcome', markup`${t.outcomeQuestion}`, t.ratingLabels, picked?.aspect === 'outcome' ? picked.rating : undefined, true)}
${scale('process', markup`${t.processQuestion} <span class="optional">${t.optional}</span>`, t.ratingLabels, picked?.aspect === 'process' ? picked.rating : undefined, false)}
<p class="notice" id="reopen-note">${t.reopenNote}</p>
<div class="field" id="field-comment">
<label for="comment">${t.comment} <span class="optional">${t.optional}</span></label>
<p class="hint" id="comment-hint">${t.commentHint}</p>
<textarea id="comment" name="comment" rows="4" maxlength="2000" aria-describedby="comment-hint"></textarea>
</div>
<p class="field-error" id="form-error" role="alert" hidden></p>
<button type="submit" id="confirm">${t.confirm}</button>
</form>`;

  const main = markup`<h1 id="page-title">${t.title}</h1>
<p id="reference-line" hidden>${t.reference}: <strong id="case-reference"></strong></p>
<div aria-live="polite">
<p id="loading" role="status" hidden>${t.loading}</p>
<section id="thanks" class="panel" tabindex="-1" aria-labelledby="thanks-title" hidden>
<h2 id="thanks-title">${t.thanksTitle}</h2>
<p id="thanks-body">${t.thanksBody}</p>
<p id="thanks-reopened" hidden>${t.thanksReopened}</p>
</section>
<section id="already" class="panel" tabindex="-1" aria-labelledby="already-title" hidden>
<h2 id="already-title">${t.alreadyTitle}</h2>
<p>${t.alreadyBody}</p>
</section>
<section id="not-awaiting" class="problem" tabindex="-1" aria-labelledby="not-awaiting-title" hidden>
<h2 id="not-awaiting-title">${t.notAwaitingTitle}</h2>
<p>${t.notAwaitingBody}</p>
</section>
<section id="not-found" class="problem" tabindex="-1" aria-labelledby="not-found-title"${plausible ? markup` hidden` : ''}>
<h2 id="not-found-title">${t.notFoundTitle}</h2>
<p>${t.notFoundBody}</p>
</section>
<section id="stage2-done" class="panel" tabindex="-1" aria-labelledby="stage2-done-title" hidden>
<h2 id="stage2-done-title">${t.stage2DoneTitle}</h2>
<p>${t.stage2DoneBody}</p>
</section>
</div>
${plausible ? markup`<noscript><p class="notice">${t.noscript}</p></noscript>\n${form}
<section id="stage2" class="separate" aria-labelledby="stage2-title" hidden>
<h2 id="stage2-title">${t.stage2Title}</h2>
<p>${t.stage2Body}</p>
<p><button type="button" class="secondary" id="stage2-start" aria-controls="stage2-confirm" aria-expanded="false">${t.stage2Button}</button></p>
<div id="stage2-confirm" role="group" aria-labelledby="stage2-question" hidden>
<p id="stage2-question"><strong>${t.stage2ConfirmQuestion}</strong></p>
<div class="actions"><button type="button" id="stage2-yes">${t.stage2ConfirmYes}</button><button type="button" class="secondary" id="stage2-cancel">${t.stage2Cancel}</button></div>
</div>
<p class="field-error" id="stage2-error" role="alert" hidden></p>
</section>
<p><a href="${trackingHref(caseId, token, options.explicitLanguage ? language : undefined)}">${t.trackLink}</a></p>` : ''}`;

  const body = renderPage({
    language,
    title: t.title,
    nonce,
    main,
    noindex: true,
    extraStyles: EXTRA_STYLES,
    languageHref: (l) => feedbackHref(caseId, token, { ...(picked ?? {}), language: l }),
    ...(plausible
      ? {
          data: {
            caseId,
            token,
            language,
            explicit: options.explicitLanguage,
            languages: LANGUAGES,
            reopensAtOrBelow: REOPENS_AT_OR_BELOW,
            copy: {
              confirm: t.confirm,
              sending: t.sending,
              outcomeRequired: t.outcomeRequired,
              failed: t.failed,
              stage2Already: t.stage2Already,
              stage2NotYet: t.stage2NotYet,
              notAwaitingBody: t.notAwaitingBody,
            },
          },
          ...(options.module ? { moduleSrc: options.module.script } : {}),
        }
      : {}),
  });
  return { statusCode: plausible ? 200 : 404, body };
}
