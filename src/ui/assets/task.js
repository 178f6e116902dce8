/*
 * A task's actions: one form at a time behind tabs (click, or ←/→ on the tabs); each form
 * submits to POST /api/tasks/{id}/complete and shows a refusal in words beside its own button
 * and field errors at their fields. Then the user lands where they can go on: the order's next
 * task if it is theirs to do (e.g. 办理 after 签收), else their inbox, with ?done= telling the
 * page to say what happened and where the order went.
 */
(function () {
  'use strict';
  var m = window.minhu;
  var message = document.getElementById('task-message');
  var actions = document.querySelector('.task-actions');

  function value(el, offset) {
    var type = el.getAttribute('data-type');
    if (type === 'boolean') return el.checked;
    if (el.tagName === 'FIELDSET') return Array.prototype.filter.call(el.querySelectorAll('input[type=checkbox]'), function (c) { return c.checked; }).map(function (c) { return c.value; });
    if (type === 'units' || type === 'files') {
      var chosen = Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
      // no file chosen: the field is left out (an optional 附件), as an empty text is
      return type === 'files' && chosen.length === 0 ? undefined : chosen;
    }
    if (el.value === '') return undefined;
    if (type === 'number') return Number(el.value);
    if (type === 'datetime') return (el.value.length === 16 ? el.value + ':00' : el.value) + offset;
    return el.value;
  }

  /** An open task of the order this user may do: their unit, one of its roles, not claimed by someone else. */
  function mine(t) {
    if (!actions) return false;
    var me = actions.getAttribute('data-me');
    return t.unit === actions.getAttribute('data-unit') && t.roles.indexOf(actions.getAttribute('data-role')) >= 0 && (!t.assignee || t.assignee === me);
  }

  function next(r, doneId) {
    var same = (r.body.openTasks || []).filter(mine)[0];
    var done = 'done=' + encodeURIComponent(doneId);
    location.assign(same ? '/tasks/' + encodeURIComponent(same.id) + '?' + done : '/inbox?' + done);
  }

  var tabs = Array.prototype.slice.call(document.querySelectorAll('.action-tabs [role=tab]'));
  function select(tab, focus) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.setAttribute('tabindex', on ? '0' : '-1');
      t.classList.toggle('current', on);
      document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    });
    if (focus) tab.focus();
  }
  tabs.forEach(function (tab, i) {
    tab.addEventListener('click', function () { select(tab, false); });
    tab.addEventListener('keydown', function (e) {
      var to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
      if (to === null) return;
      e.preventDefault();
      select(tabs[(to + tabs.length) % tabs.length], true);
    });
  });

  document.querySelectorAll('form.outcome-form').forEach(function (form) {
    var own = form.querySelector('.outcome-message');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      m.clearErrors(form);
      own.textContent = '';
      message.textContent = '';
      var data = {};
      form.querySelectorAll('[data-type]').forEach(function (el) {
        var v = value(el, form.getAttribute('data-offset') || '+08:00');
        if (v !== undefined) data[el.name] = v;
      });
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      var taskId = form.getAttribute('data-task');
      var url = '/api/tasks/' + encodeURIComponent(taskId) + '/complete';
      m.api('POST', url, { outcome: form.getAttribute('data-outcome'), data: data }).then(function (r) {
        if (r.status === 200) { next(r, taskId); return; }
        button.disabled = false;
        m.showProblem(form, own, r.body);
      }, function () { button.disabled = false; own.textContent = m.t('network'); });
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
