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
    return body;
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
