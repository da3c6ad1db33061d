/**
 * The complainant's tracking page (`GET /track/{id}?token=…`): ISO 10002
 * "tracking" and transparency. The page is a shell; its script reads the case
 * through `GET /api/v1/complaints/{id}`, the one place that checks the token,
 * and shows the reference, estate, status, the date they will hear back by and
 * the public timeline. A bad link gets a friendly not-found message.
 *
 * Without `?lang=` the page follows the language the complainant chose when
 * filing (it reloads once in that language); the switcher overrides it.
 */
import { LANGUAGES, type Language } from '../domain/vocabulary';
import { markup, renderPage } from './pageLayout';
import { webCopy } from './webCopy';

export interface TrackingPageOptions {
  language: Language;
  /** The language came from `?lang=`: keep it rather than switching to the case's language. */
  explicitLanguage: boolean;
  caseId: string;
  token: string | undefined;
  nonce: string;
  /** The built page module (functions/web/browser/resident/trackingPage.ts: status, story, additions, and the decisions). */
  pageModule?: { script: string; preload: string[] };
}

/** Only the shape is checked here; whether the link is right is for the API to say. */
export const PLAUSIBLE_CASE_ID = /^[0-9A-Za-z]{1,64}$/;
export const MAX_TOKEN_LENGTH = 128;

export function trackingHref(caseId: string, token: string | undefined, language?: Language): string {
  const params = new URLSearchParams();
  if (token) params.set('token', token);
  if (language) params.set('lang', language);
  const query = params.toString();
  return `/track/${encodeURIComponent(caseId)}${query ? `?${query}` : ''}`;
}

/** The satisfaction page without a pre-selected rating (functions/web/feedbackPage.ts). */
function feedbackLinkHref(caseId: string, token: string | undefined, language: Language | undefined): string {
  return trackingHref(caseId, token, language).replace(/^\/track\//, '/feedback/');
}

export function renderTrackingPage(options: TrackingPageOptions): { statusCode: number; body: string } {
  const { language, nonce, caseId, token } = options;
  const t = webCopy(language).tracking;
  const c = webCopy(language).trackingChoices;
  const plausible = PLAUSIBLE_CASE_ID.test(caseId) && !!token && token.length <= MAX_TOKEN_LENGTH;

  const main = markup`<h1 id="page-title">${t.title}</h1>
<div aria-live="polite">
<p id="loading" role="status"${plausible ? '' : markup` hidden`}>${t.loading}</p>
<section id="case" aria-labelledby="page-title" hidden>
<dl class="facts">
<dt>${t.reference}</dt><dd id="case-reference"></dd>
<dt>${t.estate}</dt><dd id="case-estate"></dd>
<dt>${t.status}</dt><dd><span class="status" id="case-status"></span></dd>
<dt>${t.received}</dt><dd id="case-received"></dd>
<dt>${t.replyBy}</dt><dd id="case-due"></dd>
</dl>
<h2 id="timeline-title">${t.timeline}</h2>
<ol class="timeline" id="case-timeline" aria-labelledby="timeline-title"></ol>
<p id="feedback-link-box" hidden><a id="feedback-link" href="${feedbackLinkHref(caseId, token, options.explicitLanguage ? language : undefined)}">${t.rateOrReview}</a></p>
<section id="story-complaint" aria-labelledby="story-complaint-title">
<h2 id="story-complaint-title">${t.yourComplaint}</h2>
<p id="complaint-text" class="prewrap"></p>
<p id="complaint-claim" hidden>${t.claimed}: <span id="claim-amount"></span></p>
</section>
<section id="story-additions" aria-labelledby="story-additions-title" hidden>
<h2 id="story-additions-title">${t.youAdded}</h2>
<ol id="additions-list"></ol>
</section>
<section id="story-response" aria-labelledby="story-response-title" hidden>
<h2 id="story-response-title">${t.ourResponse}</h2>
<dl class="facts">
<dt>${t.outcome}</dt><dd id="response-outcome"></dd>
<dt>${t.decision}</dt><dd id="response-decision" class="prewrap"></dd>
<dt>${t.reasons}</dt><dd id="response-reasons" class="prewrap"></dd>
<dt id="response-remedy-label" hidden>${t.remedy}</dt><dd id="response-remedy" class="prewrap" hidden></dd>
</dl>
<div id="response-outstanding-box" hidden><h3>${t.outstanding}</h3><ul id="response-outstanding"></ul></div>
</section>
<section id="story-compensation" aria-labelledby="story-compensation-title" hidden>
<h2 id="story-compensation-title">${t.compensation}</h2>
<p id="compensation-text"></p>
<div id="compensation-choice" hidden>
<p id="compensation-question">${c.offerQuestion}</p>
<p><button type="button" id="compensation-accept">${c.accept}</button> <button type="button" id="compensation-decline" class="secondary">${c.decline}</button></p>
<div id="compensation-confirm" role="group" aria-labelledby="compensation-confirm-text" hidden>
<p id="compensation-confirm-text"></p>
<p><button type="button" id="compensation-confirm-yes">${c.confirm}</button> <button type="button" id="compensation-confirm-no" class="secondary">${c.cancel}</button></p>
</div>
</div>
<p id="compensation-answer" role="status" aria-live="polite"></p>
</section>
<section id="story-escalation" aria-labelledby="story-escalation-title" hidden>
<h2 id="story-escalation-title">${t.takeFurther}</h2>
<p id="escalation-stage2" hidden>${t.stage2}</p>
<p id="escalation-ombudsman" hidden>${t.ombudsman} <span id="ombudsman-contact"></span></p>
</section>
<section id="add-info" aria-labelledby="add-title">
<h2 id="add-title">${t.addTitle}</h2>
<p>${t.addHint}</p>
<form id="add-form" novalidate>
<p><label for="add-text">${t.addText}</label><br><textarea id="add-text" name="text" rows="4" maxlength="5000"></textarea></p>
<p><label for="add-files">${t.addFiles}</label><br><input type="file" id="add-files" name="files" multiple accept="image/*,.pdf,.docx,.xlsx" aria-describedby="add-files-hint"><br><span class="hint" id="add-files-hint">${t.addFilesHint}</span></p>
<p><button type="submit" id="add-send">${t.addSend}</button></p>
<p id="add-status" role="status" aria-live="polite"></p>
</form>
</section>
<section id="withdraw" aria-labelledby="withdraw-title" hidden>
<h2 id="withdraw-title">${c.withdrawTitle}</h2>
<p>${c.withdrawHint}</p>
<form id="withdraw-form" novalidate>
<p><label for="withdraw-reason">${c.withdrawReason}</label><br><textarea id="withdraw-reason" name="reason" rows="3" maxlength="1000"></textarea></p>
<p><button type="submit" id="withdraw-send" class="secondary">${c.withdrawSend}</button></p>
<div id="withdraw-confirm" role="group" aria-labelledby="withdraw-confirm-text" hidden>
<p id="withdraw-confirm-text">${c.withdrawConfirm}</p>
<p><button type="button" id="withdraw-confirm-yes">${c.withdrawConfirmYes}</button> <button type="button" id="withdraw-confirm-no" class="secondary">${c.cancel}</button></p>
</div>
</form>
</section>
<p id="withdraw-status" role="status" aria-live="polite"></p>
<p class="notice">${t.privateNote}</p>
</section>
<section id="not-found" aria-labelledby="not-found-title"${plausible ? markup` hidden` : ''}>
<h2 id="not-found-title">${t.notFoundTitle}</h2>
<p>${t.notFoundBody}</p>
</section>
<section id="load-failed" hidden>
<p>${t.loadFailed}</p>
<p><button type="button" id="retry">${t.retry}</button></p>
</section>
</div>
${plausible ? markup`<noscript><p class="notice">${t.noscript}</p></noscript>\n` : ''}<p><a href="/?lang=${language}">${t.newComplaint}</a></p>`;

  const body = renderPage({
    language,
    title: t.title,
    nonce,
    main,
    noindex: true,
    languageHref: (l) => trackingHref(caseId, token, l),
    ...(plausible
      ? {
          data: {
            caseId,
            token,
            language,
            explicit: options.explicitLanguage,
            languages: LANGUAGES,
            locale: webCopy(language).locale,
            text: { compensationOutcome: t.compensationOutcome, addSending: t.addSending, addDone: t.addDone, addFailed: t.addFailed, addTooMany: t.addTooMany, addTooLarge: t.addTooLarge, addSend: t.addSend },
            choices: c,
          },
          // The page's module (functions/web/browser/resident/trackingPage.ts, with the decisions bundled in).
          ...(options.pageModule ? { moduleSrc: options.pageModule.script } : {}),
        }
      : {}),
  });
  return { statusCode: plausible ? 200 : 404, body };
}
