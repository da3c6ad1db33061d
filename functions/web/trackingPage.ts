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
  /** The built module that offers the complainant's decisions (functions/web/browser/resident/trackingChoices.ts). */
  choicesModule?: { script: string; preload: string[] };
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
          script: TRACKING_SCRIPT,
          ...(options.choicesModule ? { moduleSrc: options.choicesModule.script } : {}),
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
    renderStory(view);
    document.title = view.reference + ' · ' + document.title;
    show('case');
  }

  function money(amount, currency) {
    try { return new Intl.NumberFormat(data.locale, { style: 'currency', currency: currency }).format(amount); } catch (e) { return currency + ' ' + amount; }
  }
  function fileList(files) {
    var list = document.createElement('ul');
    files.forEach(function (file) { var li = document.createElement('li'); li.textContent = file.name; list.appendChild(li); });
    return list;
  }
  function renderStory(view) {
    byId('complaint-text').textContent = view.complaint.description;
    var claim = view.complaint.compensationClaim;
    byId('complaint-claim').hidden = !claim;
    if (claim) byId('claim-amount').textContent = money(claim.amount, claim.currency);
    var additions = byId('additions-list');
    additions.textContent = '';
    (view.additions || []).forEach(function (addition) {
      var item = document.createElement('li');
      var time = document.createElement('time');
      time.dateTime = addition.at;
      time.textContent = formatDate(addition.at, true);
      item.appendChild(time);
      if (addition.text) { var text = document.createElement('p'); text.className = 'prewrap'; text.textContent = addition.text; item.appendChild(text); }
      if (addition.files.length) item.appendChild(fileList(addition.files));
      additions.appendChild(item);
    });
    byId('story-additions').hidden = !(view.additions && view.additions.length);
    var response = view.response;
    byId('story-response').hidden = !response;
    if (response) {
      byId('response-outcome').textContent = response.outcomeLabel;
      byId('response-decision').textContent = response.decision;
      byId('response-reasons').textContent = response.reasons;
      byId('response-remedy-label').hidden = byId('response-remedy').hidden = !response.remedy;
      byId('response-remedy').textContent = response.remedy || '';
      var outstanding = byId('response-outstanding');
      outstanding.textContent = '';
      response.outstandingActions.forEach(function (a) { var li = document.createElement('li'); li.textContent = a.action + ' (' + formatDate(a.dueBy, false) + ')'; outstanding.appendChild(li); });
      byId('response-outstanding-box').hidden = response.outstandingActions.length === 0;
    }
    var compensation = view.compensation;
    byId('story-compensation').hidden = !compensation;
    if (compensation) byId('compensation-text').textContent = data.text.compensationOutcome[compensation.outcome] + (compensation.outcome === 'rejected' ? '' : ': ' + money(compensation.amount, compensation.currency)) + '. ' + compensation.reasons;
    var escalation = view.escalation;
    byId('escalation-stage2').hidden = !escalation.stage2Available;
    byId('escalation-ombudsman').hidden = !escalation.ombudsman;
    byId('ombudsman-contact').textContent = escalation.ombudsman || '';
    byId('story-escalation').hidden = !escalation.stage2Available && !escalation.ombudsman;
  }

  /* Files go straight to storage by presigned POST (never through our API), then the addition names them. */
  function api(path, body) {
    return fetch('/api/v1/complaints/' + encodeURIComponent(data.caseId) + path + '?token=' + encodeURIComponent(data.token), {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body),
      credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer'
    }).then(function (response) {
      return response.json().then(function (json) { if (!response.ok) throw json; return json; });
    });
  }
  function uploadFile(slot, file) {
    var form = new FormData();
    Object.keys(slot.fields).forEach(function (name) { form.append(name, slot.fields[name]); });
    form.append('file', file);
    return fetch(slot.url, { method: 'POST', body: form, referrerPolicy: 'no-referrer' }).then(function (response) {
      if (!response.ok) throw new Error('upload ' + response.status);
      return { uploadId: slot.uploadId, name: file.name };
    });
  }
  byId('add-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var status = byId('add-status');
    var send = byId('add-send');
    var text = byId('add-text').value.trim();
    var files = Array.prototype.slice.call(byId('add-files').files || []);
    if (files.length > 5) { status.textContent = data.text.addTooMany; return; }
    if (files.some(function (f) { return f.size > 10 * 1024 * 1024; })) { status.textContent = data.text.addTooLarge; return; }
    if (!text && files.length === 0) return;
    send.disabled = true;
    status.textContent = data.text.addSending;
    var uploads = files.length === 0 ? Promise.resolve([]) : api('/uploads', { count: files.length }).then(function (answer) {
      return Promise.all(files.map(function (file, i) { return uploadFile(answer.uploads[i], file); }));
    });
    uploads
      .then(function (uploaded) { return api('/additions', { text: text, uploads: uploaded }); })
      .then(function () {
        byId('add-form').reset();
        status.textContent = data.text.addDone;
        return refresh();
      })
      .catch(function (error) {
        var fields = error && error.error && error.error.fields;
        status.textContent = data.text.addFailed + (fields ? ' ' + Object.keys(fields).map(function (k) { return fields[k]; }).join(' ') : '');
      })
      .then(function () { send.disabled = false; });
  });

  function refresh() {
    var url = '/api/v1/complaints/' + encodeURIComponent(data.caseId) + '?token=' + encodeURIComponent(data.token) + '&lang=' + encodeURIComponent(data.language);
    return fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer' })
      .then(function (response) { return response.ok ? response.json().then(render) : undefined; });
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
