/*
 * A task's outcome forms: each submits its fields to POST /api/tasks/{id}/complete; refusals are
 * shown in words above the forms and field errors at their fields. Then the next task of the
 * same unit opens (e.g. 办理 after 签收), or else the order.
 */
(function () {
  'use strict';
  var m = window.minhu;
  var message = document.getElementById('task-message');

  function value(el, offset) {
    var type = el.getAttribute('data-type');
    if (type === 'boolean') return el.checked;
    if (type === 'units') return Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
    if (el.value === '') return undefined;
    if (type === 'number') return Number(el.value);
    if (type === 'datetime') return (el.value.length === 16 ? el.value + ':00' : el.value) + offset;
    return el.value;
  }

  function next(r, form) {
    var same = (r.body.openTasks || []).filter(function (t) { return t.unit === r.body.task.unit; })[0];
    location.assign(same ? '/tasks/' + same.id : '/orders/' + form.getAttribute('data-order'));
  }

  document.querySelectorAll('form.outcome-form').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      m.clearErrors(form);
      message.textContent = '';
      var data = {};
      form.querySelectorAll('[data-type]').forEach(function (el) {
        var v = value(el, form.getAttribute('data-offset') || '+08:00');
        if (v !== undefined) data[el.name] = v;
      });
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      var url = '/api/tasks/' + encodeURIComponent(form.getAttribute('data-task')) + '/complete';
      m.api('POST', url, { outcome: form.getAttribute('data-outcome'), data: data }).then(function (r) {
        if (r.status === 200) { next(r, form); return; }
        button.disabled = false;
        m.showProblem(form, message, r.body);
      }, function () { button.disabled = false; message.textContent = m.t('network'); });
    });
    form.querySelectorAll('textarea').forEach(function (area) {
      area.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
      });
    });
  });

  document.querySelectorAll('.js-claim').forEach(function (button) {
    button.addEventListener('click', function () {
      m.api('POST', '/api/tasks/' + encodeURIComponent(button.getAttribute('data-task')) + '/claim').then(function (r) {
        if (r.status === 200) location.reload();
        else m.showProblem(null, message, r.body);
      });
    });
  });
})();
