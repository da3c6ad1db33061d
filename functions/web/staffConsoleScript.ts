/**
 * The staff console's script, served on its own (GET /staff/console.js, function
 * staffConsoleScript) so the page's function does not carry it: the page
 * loads it under its CSP nonce.
 */
/**
 * The console's behaviour. Plain ES2017, no dependencies; runs under the
 * page's CSP nonce, with no inline handlers. Text from the API is only ever
 * set with textContent.
 */
export const STAFF_CONSOLE_SCRIPT = `
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
    if (view.overdue) due.appendChild(el('span', copy.list.overdueBadge, 'badge'));
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
