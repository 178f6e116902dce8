/*
 * The operator console: the intake form posts to /api/orders (an Idempotency-Key per form, so a
 * double submit records one order) and opens the new order, or offers at once a task of it that
 * is the operator's own; 承办单位 is suggested by GET /api/routing/{city}; the knowledge base
 * search beside it answers a consultation at once (mode answer, with the entry's answer and id);
 * 来电记录与并单 shows the caller's earlier orders and merges the call into an open one.
 */
(function () {
  'use strict';
  var m = window.minhu;
  var form = document.getElementById('intake-form');
  var message = document.getElementById('intake-message');
  function newKey() { return (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)) + '-intake'; }
  var key = newKey();

  function val(name) { var el = form.elements[name]; return el && el.value.trim() !== '' ? el.value.trim() : undefined; }

  function payload() {
    var body = {
      city: form.getAttribute('data-city'),
      category: val('category') || '',
      channel: val('channel') || '',
      content: val('content') || '',
      requester: { name: val('requesterName') || '', phone: val('requesterPhone') || '' },
    };
    if (val('topic')) body.topic = val('topic');
    var location = {};
    if (val('district')) location.district = val('district');
    if (val('address')) location.address = val('address');
    if (location.district || location.address) body.location = location;
    if (val('leadUnit')) body.leadUnit = val('leadUnit');
    var mode = currentMode();
    if (mode !== 'dispatch') body.mode = mode;
    if (mode === 'answer') body.answer = val('answer') || '';
    if (mode === 'not-accepted') body.reason = val('reason') || '';
    if (mode === 'transfer') body.transferTo = val('transferTo') || '';
    return body;
  }

  /* 受理方式: the radio chosen, and only that mode's own field shown. */
  function currentMode() {
    var checked = form.querySelector('input[name="mode"]:checked');
    return checked ? checked.value : 'dispatch';
  }
  function showMode() {
    var mode = currentMode();
    form.querySelectorAll('[data-mode-detail]').forEach(function (el) { el.hidden = el.getAttribute('data-mode-detail') !== mode; });
  }
  form.querySelectorAll('input[name="mode"]').forEach(function (r) { r.addEventListener('change', showMode); });
  showMode();

  /* 承办单位: where the order would go now, asked of the server (a topic's precedent, else the routing table). */
  var suggestion = document.getElementById('in-leadUnit-suggestion');
  var asked = 0;
  var timer = null;
  function showSuggestion(s) {
    var unit = s && s.leadUnit;
    var text = !unit ? form.getAttribute('data-route-none') : form.getAttribute(s.source === 'precedent' ? 'data-route-precedent' : 'data-route-suggested');
    suggestion.setAttribute('data-unit', unit || '');
    suggestion.setAttribute('data-source', (s && s.source) || 'none');
    suggestion.textContent = text.split('{unit}').join(unit || '');
  }
  function suggest() {
    var q = { category: val('category'), channel: val('channel'), topic: val('topic'), district: val('district') };
    if (!q.category || !q.channel) { showSuggestion(null); return; }
    var params = Object.keys(q).filter(function (k) { return q[k]; }).map(function (k) { return k + '=' + encodeURIComponent(q[k]); }).join('&');
    var mine = ++asked;
    m.api('GET', '/api/routing/' + encodeURIComponent(form.getAttribute('data-city')) + '?' + params).then(function (r) {
      if (mine === asked && r.status === 200) showSuggestion(r.body);
    });
  }
  function suggestSoon() { clearTimeout(timer); timer = setTimeout(suggest, 250); }
  ['category', 'channel', 'district', 'topic'].forEach(function (name) {
    var el = form.elements[name];
    if (el) { el.addEventListener('change', suggest); el.addEventListener('input', suggestSoon); }
  });
  suggest();

  /*
   * After intake: a task of the new order that this user may do at once (e.g. phoning the unit's
   * liaison for an emergency) is offered here; otherwise the new order opens.
   */
  var next = document.getElementById('intake-next');
  function myOpenTask(order) {
    var unit = form.getAttribute('data-unit'), role = form.getAttribute('data-role');
    return (order.tasks || []).filter(function (t) {
      return t.status === 'open' && t.unit === unit && t.roles.indexOf(role) >= 0 && !t.assignee;
    })[0];
  }
  /* The photos and files picked wait for the order's id: uploaded now, then the next step. */
  function recorded(body) {
    var picker = document.getElementById('intake-attach');
    var uploading = m.attachments && picker ? m.attachments.uploadPending(picker, body.order.id) : Promise.resolve([]);
    uploading.then(function (problems) { proceed(body, problems); });
  }
  function proceed(body, problems) {
    var task = myOpenTask(body);
    if (problems.length) message.textContent = m.t('attachments.intakeFailed', { number: body.order.number, names: problems.join('；') });
    if (!task && !problems.length) { location.assign('/orders/' + body.order.id); return; }
    if (!task) return;
    document.getElementById('intake-next-number').textContent = body.order.number;
    document.getElementById('intake-next-task').textContent = task.name;
    document.getElementById('intake-next-open').setAttribute('href', '/tasks/' + task.id);
    document.getElementById('intake-next-order').setAttribute('href', '/orders/' + body.order.id);
    next.hidden = false;
    form.reset();
    key = newKey();
    showMode();
    suggest();
    next.focus();
  }

  /* A barred caller (HZ-6): said at the phone field, from the problem's details {until, reason}; everything typed stays. */
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function showBlocked(problem) {
    var details = problem.details || {};
    var until = String(details.until || '');
    var reason = String(details.reason || '');
    var d = new Date(until);
    var date = isNaN(d.getTime()) ? until : d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
    var slot = document.getElementById('in-requesterPhone-error');
    slot.textContent = form.getAttribute('data-caller-blocked').split('{date}').join(date).split('{reason}').join(reason);
    var phone = document.getElementById('in-requesterPhone');
    phone.setAttribute('aria-invalid', 'true');
    phone.focus();
  }

  function submit(extra, button) {
    m.clearErrors(form);
    message.textContent = '';
    next.hidden = true;
    var body = payload();
    Object.keys(extra).forEach(function (k) { body[k] = extra[k]; });
    button.disabled = true;
    m.api('POST', '/api/orders', body, { 'Idempotency-Key': key + (extra.mode ? '-' + extra.mode + '-' + extra.knowledgeId : '') }).then(function (r) {
      button.disabled = false;
      if (r.status === 201 || r.status === 200) { recorded(r.body); return; }
      if (r.status === 422 && r.body && r.body.code === 'CALLER_BLOCKED') { showBlocked(r.body); return; }
      m.showProblem(form, message, r.body);
    }, function () { button.disabled = false; message.textContent = m.t('network'); });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    submit({}, document.getElementById('intake-submit'));
  });

  /*
   * 来电记录与并单: as the operator types the phone, area, topic, category or address, the caller's
   * earlier orders and open orders on the same matter nearby (GET /api/intake/related, debounced);
   * 并入此单 merges the call into an open one (POST /api/orders/{id}/appeals) instead of a second order.
   */
  var relPanel = document.getElementById('related-panel');
  var rs = JSON.parse(relPanel.getAttribute('data-strings') || '{}');
  var relMessage = document.getElementById('related-message');
  var relAsked = 0;
  var relTimer = null;
  function mergeCall(o, b) {
    m.clearErrors(form);
    message.textContent = '';
    relMessage.textContent = '';
    var p = payload();
    b.disabled = true;
    m.api('POST', '/api/orders/' + encodeURIComponent(o.id) + '/appeals', { requester: p.requester, channel: p.channel, content: p.content }).then(function (r) {
      b.disabled = false;
      if (r.status === 201) { location.assign('/orders/' + encodeURIComponent(o.id)); return; }
      var code = r.body && r.body.code;
      if (rs.codes && rs.codes[code]) { relMessage.textContent = rs.codes[code]; return; }
      m.showProblem(form, message, r.body);
    }, function () { b.disabled = false; relMessage.textContent = m.t('network'); });
  }
  function relatedItem(o) {
    var li = el('li', 'related-item');
    li.setAttribute('data-order', o.id);
    var head = el('p', 'kb-title');
    var a = el('a', null, o.number);
    a.href = '/orders/' + encodeURIComponent(o.id);
    a.target = '_blank';
    a.rel = 'noopener';
    head.appendChild(a);
    var line = rs.item.split('{number}').join('').split('{time}').join(m.localTime(o.receivedAt)).split('{status}').join((rs.status && rs.status[o.status]) || o.status).split('{unit}').join(o.unit || rs.noUnit);
    head.appendChild(document.createTextNode(line));
    li.appendChild(head);
    li.appendChild(el('p', 'kb-answer', o.title));
    if (o.open) {
      var b = el('button', 'btn btn-small btn-primary', rs.mergeCall);
      b.type = 'button';
      b.title = rs.mergeCallHelp;
      b.setAttribute('data-merge', o.id);
      b.addEventListener('click', function () { mergeCall(o, b); });
      li.appendChild(b);
    }
    return li;
  }
  function showRelated(list, items) {
    list.replaceChildren();
    if (!items.length) { list.appendChild(el('li', 'muted', rs.none)); return; }
    items.forEach(function (o) { list.appendChild(relatedItem(o)); });
  }
  function lookUp() {
    var q = { phone: val('requesterPhone'), district: val('district'), address: val('address'), topic: val('topic'), category: val('category') };
    var params = Object.keys(q).filter(function (k) { return q[k]; }).map(function (k) { return k + '=' + encodeURIComponent(q[k]); }).join('&');
    var mine = ++relAsked;
    if (!q.phone && !(q.district && (q.topic || q.category))) { showRelated(document.getElementById('related-by-phone'), []); showRelated(document.getElementById('related-nearby'), []); return; }
    m.api('GET', '/api/intake/related?' + params).then(function (r) {
      if (mine !== relAsked || r.status !== 200) return;
      showRelated(document.getElementById('related-by-phone'), r.body.byPhone || []);
      showRelated(document.getElementById('related-nearby'), r.body.nearby || []);
    });
  }
  function lookUpSoon() { clearTimeout(relTimer); relTimer = setTimeout(lookUp, 400); }
  ['requesterPhone', 'district', 'address', 'topic', 'category'].forEach(function (name) {
    var input = form.elements[name];
    if (input) { input.addEventListener('input', lookUpSoon); input.addEventListener('change', lookUpSoon); }
  });

  var kbForm = document.getElementById('kb-form');
  var results = document.getElementById('kb-results');
  function el(tag, cls, text) { var x = document.createElement(tag); if (cls) x.className = cls; if (text) x.textContent = text; return x; }
  kbForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var q = kbForm.elements.q.value.trim();
    m.api('GET', '/api/knowledge?pageSize=10&q=' + encodeURIComponent(q)).then(function (r) {
      results.replaceChildren();
      var items = (r.body && r.body.items) || [];
      if (!items.length) { results.appendChild(el('li', 'muted', m.t('kbEmpty'))); return; }
      items.forEach(function (entry) {
        var li = el('li');
        li.appendChild(el('p', 'kb-title', entry.title));
        li.appendChild(el('p', 'kb-answer', entry.answer));
        var b = el('button', 'btn btn-small btn-primary', m.t('kbAnswer'));
        b.type = 'button';
        b.addEventListener('click', function () { submit({ mode: 'answer', answer: entry.answer, knowledgeId: entry.id }, b); });
        li.appendChild(b);
        results.appendChild(li);
      });
    });
  });
})();
