/* The order page's "记录问责事项" form: POST /api/assessments/{city}/findings on the order's lead unit. */
(function () {
  'use strict';
  var m = window.minhu;
  var form = document.getElementById('order-finding-form');
  if (!form) return;
  var S = JSON.parse(form.getAttribute('data-strings') || '{}');
  var msg = document.getElementById('order-finding-message');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    m.clearErrors(form);
    var reason = form.elements.reason.value.trim();
    if (!reason) { msg.className = 'form-message'; msg.textContent = S.required; form.elements.reason.focus(); return; }
    var kind = form.elements.kind;
    var body = { unit: form.getAttribute('data-unit'), orderId: form.getAttribute('data-order'), kind: kind.value, reason: reason };
    var evidence = form.elements.evidence.value.trim();
    if (evidence) body.evidence = evidence;
    form.querySelector('button').disabled = true;
    m.api('POST', '/api/assessments/' + encodeURIComponent(form.getAttribute('data-city')) + '/findings', body).then(function (r) {
      form.querySelector('button').disabled = false;
      if (r.status !== 201) { m.showProblem(form, msg, r.body); return; }
      form.reset();
      msg.className = 'form-message notice';
      msg.textContent = (S.recorded || '').split('{kind}').join(kind.options[kind.selectedIndex] ? kind.options[kind.selectedIndex].text : body.kind);
    });
  });
})();
