/*
 * The operator console: the intake form posts to /api/orders (an Idempotency-Key per form, so a
 * double submit records one order) and opens the new order; the knowledge base search beside it
 * answers a consultation at once (mode answer, with the entry's answer and id).
 */
(function () {
  'use strict';
  var m = window.minhu;
  var form = document.getElementById('intake-form');
  var message = document.getElementById('intake-message');
  var key = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)) + '-intake';

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

  /* 承办单位: the routing table's suggestion, first matching rule wins (as the engine's `route`). */
  var rules = [];
  try { rules = JSON.parse(form.getAttribute('data-routing') || '[]'); } catch (e) { rules = []; }
  var suggestion = document.getElementById('in-leadUnit-suggestion');
  function suggest() {
    var facts = { category: val('category'), channel: val('channel'), topic: val('topic'), district: val('district') };
    var rule = rules.find(function (r) {
      return Object.keys(r.when || {}).every(function (k) { var values = r.when[k]; return !values || values.indexOf(facts[k] || '') >= 0; });
    });
    var unit = rule && rule.lead;
    suggestion.setAttribute('data-unit', unit || '');
    suggestion.textContent = unit ? form.getAttribute('data-route-suggested').split('{unit}').join(unit) : form.getAttribute('data-route-none');
  }
  ['category', 'channel', 'district', 'topic'].forEach(function (name) {
    var el = form.elements[name];
    if (el) { el.addEventListener('change', suggest); el.addEventListener('input', suggest); }
  });
  suggest();

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
    var body = payload();
    Object.keys(extra).forEach(function (k) { body[k] = extra[k]; });
    button.disabled = true;
    m.api('POST', '/api/orders', body, { 'Idempotency-Key': key + (extra.mode ? '-' + extra.mode + '-' + extra.knowledgeId : '') }).then(function (r) {
      if (r.status === 201 || r.status === 200) { location.assign('/orders/' + r.body.order.id); return; }
      button.disabled = false;
      if (r.status === 422 && r.body && r.body.code === 'CALLER_BLOCKED') { showBlocked(r.body); return; }
      m.showProblem(form, message, r.body);
    }, function () { button.disabled = false; message.textContent = m.t('network'); });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    submit({}, document.getElementById('intake-submit'));
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
