/*
 * The monthly assessment pages: compute a month (POST /api/assessments/{city}/runs), publish a
 * run, enter a manual score item (PUT …/scores), record a finding (POST …/findings, an order
 * named by number or id) and a measure on a list entry (POST /api/assessment-runs/{id}/measures).
 * Every write goes through window.minhu.api with the CSRF token; refusals are shown in words.
 */
(function () {
  'use strict';
  var m = window.minhu;
  var root = document.getElementById('assessment-page');
  if (!root) return;
  var S = JSON.parse(root.getAttribute('data-strings') || '{}');
  var city = root.getAttribute('data-city');
  var period = root.getAttribute('data-period');
  var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  function say(el, text, ok) {
    if (!el) return;
    el.className = 'form-message' + (ok ? ' notice' : '');
    el.textContent = text;
  }

  /** The API's refusal: field errors at their fields (app.js), the code in this page's words. */
  function refused(form, el, r) {
    var p = r.body || {};
    m.showProblem(form, el, p);
    if (S.codes && S.codes[p.code]) el.textContent = S.codes[p.code];
  }

  function submitting(form, on) {
    form.querySelectorAll('button').forEach(function (b) { b.disabled = on; });
  }

  var runForm = document.getElementById('run-form');
  if (runForm) runForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var msg = document.getElementById('run-message');
    say(msg, S.saving, true);
    submitting(runForm, true);
    m.api('POST', '/api/assessments/' + encodeURIComponent(city) + '/runs', { period: period }).then(function (r) {
      submitting(runForm, false);
      if (r.status === 201) { say(msg, S.computed, true); location.assign('/assessment/runs/' + r.body.id); return; }
      refused(runForm, msg, r);
    });
  });

  document.querySelectorAll('.publish-run').forEach(function (button) {
    button.addEventListener('click', function () {
      var msg = document.getElementById('run-message');
      button.disabled = true;
      m.api('POST', '/api/assessment-runs/' + encodeURIComponent(button.getAttribute('data-run')) + '/publish').then(function (r) {
        if (r.status === 200) { say(msg, S.publishedOk, true); location.reload(); return; }
        button.disabled = false;
        refused(null, msg, r);
      });
    });
  });

  var scoreForm = document.getElementById('score-form');
  if (scoreForm) scoreForm.addEventListener('submit', function (e) {
    e.preventDefault();
    m.clearErrors(scoreForm);
    var msg = document.getElementById('score-message');
    var points = scoreForm.elements.points.value.trim();
    if (points === '') { say(msg, S.required); scoreForm.elements.points.focus(); return; }
    var body = { unit: scoreForm.elements.unit.value, item: scoreForm.elements.item.value, points: Number(points) };
    var note = scoreForm.elements.note.value.trim();
    if (note) body.note = note;
    submitting(scoreForm, true);
    m.api('PUT', '/api/assessments/' + encodeURIComponent(city) + '/' + period + '/scores', body).then(function (r) {
      submitting(scoreForm, false);
      if (r.status === 200) { say(msg, S.saved, true); location.reload(); return; }
      refused(scoreForm, msg, r);
    });
  });

  /** An order named by its id, or by its number looked up in the city's orders. */
  function orderIdOf(ref) {
    if (!ref) return Promise.resolve(null);
    if (UUID.test(ref)) return Promise.resolve(ref);
    return m.api('GET', '/api/orders?q=' + encodeURIComponent(ref)).then(function (r) {
      var items = (r.body && r.body.items) || [];
      var found = items.filter(function (o) { return o.number === ref; })[0];
      return found ? found.id : undefined;
    });
  }

  var findingForm = document.getElementById('finding-form');
  if (findingForm) findingForm.addEventListener('submit', function (e) {
    e.preventDefault();
    m.clearErrors(findingForm);
    var msg = document.getElementById('finding-message');
    var reason = findingForm.elements.reason.value.trim();
    if (!reason) { say(msg, S.required); findingForm.elements.reason.focus(); return; }
    submitting(findingForm, true);
    orderIdOf(findingForm.elements.orderId.value.trim()).then(function (orderId) {
      if (orderId === undefined) { submitting(findingForm, false); say(msg, S.orderNotFound); findingForm.elements.orderId.focus(); return; }
      var body = { kind: findingForm.elements.kind.value, unit: findingForm.elements.unit.value, reason: reason };
      if (orderId) body.orderId = orderId;
      var evidence = findingForm.elements.evidence.value.trim();
      if (evidence) body.evidence = evidence;
      return m.api('POST', '/api/assessments/' + encodeURIComponent(city) + '/findings', body).then(function (r) {
        submitting(findingForm, false);
        if (r.status === 201) { say(msg, S.saved, true); location.reload(); return; }
        refused(findingForm, msg, r);
      });
    });
  });

  var runId = root.getAttribute('data-run');
  document.querySelectorAll('.measure-form').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var msg = form.querySelector('.form-message');
      var body = { unit: form.getAttribute('data-unit'), ruleId: form.getAttribute('data-rule'), measure: form.elements.measure.value };
      var note = form.elements.note.value.trim();
      if (note) body.note = note;
      submitting(form, true);
      m.api('POST', '/api/assessment-runs/' + encodeURIComponent(runId) + '/measures', body).then(function (r) {
        submitting(form, false);
        if (r.status === 201) { say(msg, S.saved, true); location.reload(); return; }
        refused(form, msg, r);
      });
    });
  });
})();
