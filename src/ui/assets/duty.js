/*
 * The duty page and the leader-days page: every form with data-api posts its fields as JSON to
 * that address (empty optional fields left out; datetime-local fields sent with +08:00, the
 * hotline's zone), reloads the page when accepted, and shows a refusal in words with the rule.
 * The rota's 移除 buttons post the reason typed in the 排班 form's 变更原因 field.
 */
(function () {
  'use strict';
  var m = window.minhu;
  var root = document.getElementById('duty-page') || document.getElementById('leader-days-page');
  if (!root) return;

  function refusal(form, message, body) {
    m.showProblem(form, message, body);
  }

  function fields(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      var v = el.value.trim();
      if (v === '' && el.hasAttribute('data-optional')) return;
      if (el.hasAttribute('data-local-time') && v) v = (v.length === 16 ? v + ':00' : v) + '+08:00';
      data[el.name] = v;
    });
    return data;
  }

  function send(url, body, form, message, button) {
    if (button) button.disabled = true;
    message.className = 'form-message';
    message.textContent = m.t('saving');
    return m.api('POST', url, body).then(function (r) {
      if (r.status === 200 || r.status === 201) { location.reload(); return; }
      if (button) button.disabled = false;
      refusal(form, message, r.body);
    }, function () {
      if (button) button.disabled = false;
      message.textContent = m.t('network');
    });
  }

  document.querySelectorAll('form[data-api]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      m.clearErrors(form);
      send(form.getAttribute('data-api'), fields(form), form, form.querySelector('[data-message]'), form.querySelector('button[type=submit]'));
    });
  });

  var rotaForm = document.getElementById('rota-form');
  document.querySelectorAll('button[data-remove]').forEach(function (button) {
    button.addEventListener('click', function () {
      var reason = document.getElementById('rota-reason');
      var body = reason && reason.value.trim() ? { reason: reason.value.trim() } : {};
      m.clearErrors(rotaForm);
      send(button.getAttribute('data-remove'), body, rotaForm, rotaForm.querySelector('[data-message]'), button);
    });
  });
})();
