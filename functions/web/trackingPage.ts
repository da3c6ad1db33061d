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
          data: { caseId, token, language, explicit: options.explicitLanguage, languages: LANGUAGES, locale: webCopy(language).locale },
          script: TRACKING_SCRIPT,
        }
      : {}),
  });
  return { statusCode: plausible ? 200 : 404, body };
}

/** Plain ES2017; text is only ever set with textContent. */
const TRACKING_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('page-data').textContent);
  var STATES = ['loading', 'case', 'not-found', 'load-failed'];
  function byId(id) { return document.getElementById(id); }
  function show(state) { STATES.forEach(function (s) { byId(s).hidden = s !== state; }); }

  function formatDate(iso, withTime) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return iso;
    try {
      return new Intl.DateTimeFormat(data.locale, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'full' }).format(date);
    } catch (e) {
      return date.toLocaleString();
    }
  }
  function setDate(id, iso, withTime) {
    var el = byId(id);
    el.textContent = '';
    var time = document.createElement('time');
    time.dateTime = iso;
    time.textContent = formatDate(iso, withTime);
    el.appendChild(time);
  }

  function render(view) {
    byId('case-reference').textContent = view.reference;
    byId('case-estate').textContent = view.estate && view.estate.name;
    byId('case-status').textContent = view.statusLabel || view.status;
    setDate('case-received', view.receivedAt, true);
    setDate('case-due', view.responseDueBy, false);
    var list = byId('case-timeline');
    list.textContent = '';
    (view.timeline || []).forEach(function (entry) {
      var item = document.createElement('li');
      var time = document.createElement('time');
      time.dateTime = entry.at;
      time.textContent = formatDate(entry.at, true);
      var message = document.createElement('span');
      message.textContent = entry.message;
      item.appendChild(time);
      item.appendChild(message);
      list.appendChild(item);
    });
    /* Once we have responded, the complainant can rate the response or ask for a stage-2 review. */
    byId('feedback-link-box').hidden = view.status !== 'responded';
    document.title = view.reference + ' · ' + document.title;
    show('case');
  }

  function load() {
    show('loading');
    var url = '/api/v1/complaints/' + encodeURIComponent(data.caseId) + '?token=' + encodeURIComponent(data.token) +
      (data.explicit ? '&lang=' + encodeURIComponent(data.language) : '');
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer' })
      .then(function (response) {
        if (response.status === 404 || response.status === 400 || response.status === 422) { show('not-found'); return; }
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json().then(function (view) {
          /* Follow the language the complainant chose, unless they picked one on this page. */
          if (!data.explicit && view.language !== data.language && data.languages.indexOf(view.language) >= 0) {
            var next = new URL(window.location.href);
            next.searchParams.set('lang', view.language);
            window.location.replace(next.href);
            return;
          }
          render(view);
        });
      })
      .catch(function () { show('load-failed'); });
  }

  byId('retry').addEventListener('click', load);
  load();
})();
`;
