/*
 * The users of the administrator's city: the table from GET /api/users with what may be done to
 * each (修改 role, unit and name; 停用 / 启用; 重置密码), the form that adds one (POST /api/users),
 * and every API token of the city with 吊销 (tokens-table.js). Each refusal is shown in words at
 * its field; one's own account is changed on 我的账户, not here.
 */
(function () {
  'use strict';
  var m = window.minhu;
  var root = document.getElementById('users-page');
  var S = JSON.parse(root.getAttribute('data-strings') || '{}');
  var self = root.getAttribute('data-self');
  var timeZone = root.getAttribute('data-time-zone');
  var body = document.getElementById('users-body');
  var countEl = document.getElementById('users-count');
  var listMessage = document.getElementById('users-message');
  var form = document.getElementById('user-form');
  var message = document.getElementById('user-message');
  var submit = document.getElementById('user-submit');
  var names = {};
  var tokens = null;

  function t(key, params) {
    var s = S[key] || key;
    Object.keys(params || {}).forEach(function (k) { s = s.split('{' + k + '}').join(String(params[k])); });
    return s;
  }
  function el(tag, cls, content) { var x = document.createElement(tag); if (cls) x.className = cls; if (content) x.textContent = content; return x; }
  function roleName(role) { return (S.roles && S.roles[role]) || role; }
  function notice(text) { listMessage.className = 'form-message ok'; listMessage.textContent = text; }
  function refusal(text) { listMessage.className = 'form-message'; listMessage.textContent = text; }
  function codeText(p) { return (p && S[p.code]) || t('failed'); }

  function button(label, action, onClick) {
    var b = el('button', 'btn btn-small', label);
    b.type = 'button';
    b.setAttribute('data-action', action);
    b.addEventListener('click', onClick);
    return b;
  }

  function setActive(u, active, b) {
    var asked = active ? Promise.resolve(true) : m.confirm(t('confirmDisable', { name: u.displayName }), t('disable'));
    asked.then(function (yes) {
      if (!yes) return;
      b.disabled = true;
      m.api('POST', '/api/users/' + encodeURIComponent(u.username) + (active ? '/enable' : '/disable')).then(function (r) {
        if (r.status === 200) { notice(t(active ? 'enabledDone' : 'disabledDone', { name: u.displayName })); return load(); }
        b.disabled = false;
        refusal(codeText(r.body));
      });
    });
  }

  function row(u) {
    var tr = el('tr');
    tr.setAttribute('data-username', u.username);
    tr.appendChild(el('td', 'nowrap', u.username));
    tr.appendChild(el('td', null, u.displayName));
    tr.appendChild(el('td', 'nowrap', roleName(u.role)));
    tr.appendChild(el('td', null, u.unit));
    var state = el('td', 'nowrap');
    state.appendChild(el('span', 'badge ' + (u.active ? 'badge-task-completed' : 'badge-task-cancelled'), u.active ? t('active') : t('inactive')));
    if (u.demo) { state.appendChild(document.createTextNode(' ')); state.appendChild(el('span', 'badge badge-cat', t('demo'))); }
    tr.appendChild(state);
    var act = el('td', 'nowrap actions');
    if (u.username === self) {
      act.appendChild(el('span', 'muted', t('self')));
    } else {
      act.appendChild(button(t('edit'), 'edit', function () { openEdit(u); }));
      var toggle = button(u.active ? t('disable') : t('enable'), u.active ? 'disable' : 'enable', function () { setActive(u, !u.active, toggle); });
      act.appendChild(toggle);
      act.appendChild(button(t('resetPassword'), 'reset', function () { openReset(u); }));
    }
    tr.appendChild(act);
    return tr;
  }

  function load() {
    return m.api('GET', '/api/users').then(function (r) {
      body.replaceChildren();
      var users = r.status === 200 && Array.isArray(r.body) ? r.body : [];
      if (r.status !== 200) { var f = el('tr'); var c = el('td', 'muted', t('failed')); c.colSpan = 6; f.appendChild(c); body.appendChild(f); return; }
      users.forEach(function (u) { names[u.username] = u.displayName; body.appendChild(row(u)); });
      if (!users.length) { var e = el('tr'); var d = el('td', 'muted', t('usersEmpty')); d.colSpan = 6; e.appendChild(d); body.appendChild(e); }
      countEl.textContent = t('usersCount', { n: users.length });
      if (tokens) return tokens.reload();
      tokens = window.minhuTokens.mount({
        body: document.getElementById('tokens-body'),
        count: document.getElementById('tokens-count'),
        message: document.getElementById('tokens-message'),
        timeZone: timeZone,
        names: names,
        columns: 7,
        showOwner: true,
      });
    });
  }

  /** A refusal's field issues at their fields of a form whose ids are `<prefix>-<field>`. */
  function fieldError(prefix, name, text) {
    var slot = document.getElementById(prefix + '-' + name + '-error');
    var input = document.getElementById(prefix + '-' + name);
    if (!slot || !input) return null;
    slot.textContent = text;
    input.setAttribute('aria-invalid', 'true');
    return input;
  }
  function showIssues(prefix, p, messageEl) {
    var focus = null;
    if (p.code === 'USERNAME_TAKEN') focus = fieldError(prefix, 'username', t('USERNAME_TAKEN'));
    (p.errors || []).forEach(function (issue) {
      var name = String(issue.path).replace(/^body\./, '');
      var input = fieldError(prefix, name, (S.userErrors && S.userErrors[name]) || m.fieldError(issue.message));
      focus = focus || input;
    });
    messageEl.className = 'form-message';
    messageEl.textContent = focus ? t('fixFields') : codeText(p);
    if (focus) focus.focus();
  }

  // Adding a user.
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    m.clearErrors(form);
    message.textContent = '';
    message.className = 'form-message';
    var data = {};
    ['username', 'displayName', 'password', 'role', 'unit'].forEach(function (n) { data[n] = form.elements[n].value.trim(); });
    var first = null;
    Object.keys(data).forEach(function (n) { if (!data[n]) first = first || fieldError('user', n, t('required')); });
    if (first) { message.textContent = t('fixFields'); first.focus(); return; }
    submit.disabled = true;
    m.api('POST', '/api/users', data).then(function (r) {
      submit.disabled = false;
      if (r.status === 201) {
        form.reset();
        message.className = 'form-message ok';
        message.textContent = t('userAdded', { name: r.body.displayName });
        return load();
      }
      showIssues('user', r.body || {}, message);
    }, function () { submit.disabled = false; message.textContent = t('failed'); });
  });

  // The dialogs: change a user, reset a password.
  var editDialog = document.getElementById('edit-dialog');
  var editForm = document.getElementById('edit-form');
  var resetDialog = document.getElementById('reset-dialog');
  var resetForm = document.getElementById('reset-form');
  var current = null;
  [editDialog, resetDialog].forEach(function (d) {
    d.querySelector('[data-close]').addEventListener('click', function () { d.close(); });
  });

  function openEdit(u) {
    current = u;
    m.clearErrors(editForm);
    document.getElementById('edit-message').textContent = '';
    document.getElementById('edit-heading').textContent = t('editHeading', { name: u.displayName });
    editForm.elements.displayName.value = u.displayName;
    editForm.elements.role.value = u.role;
    editForm.elements.unit.value = u.unit;
    editDialog.showModal();
  }
  editForm.addEventListener('submit', function (e) {
    e.preventDefault();
    m.clearErrors(editForm);
    var msg = document.getElementById('edit-message');
    var changes = {};
    ['displayName', 'role', 'unit'].forEach(function (n) {
      var v = editForm.elements[n].value.trim();
      if (v !== current[n]) changes[n] = v;
    });
    if (!Object.keys(changes).length) { editDialog.close(); return; }
    m.api('PATCH', '/api/users/' + encodeURIComponent(current.username), changes).then(function (r) {
      if (r.status === 200) { editDialog.close(); notice(t('changedDone', { name: r.body.displayName })); return load(); }
      showIssues('edit', r.body || {}, msg);
    });
  });

  function openReset(u) {
    current = u;
    resetForm.reset();
    m.clearErrors(resetForm);
    document.getElementById('reset-message').textContent = '';
    document.getElementById('reset-heading').textContent = t('resetHeading', { name: u.displayName });
    resetDialog.showModal();
  }
  resetForm.addEventListener('submit', function (e) {
    e.preventDefault();
    m.clearErrors(resetForm);
    var msg = document.getElementById('reset-message');
    var password = resetForm.elements.password.value;
    if (password.length < 10) { showIssues('reset', { errors: [{ path: 'password', message: '' }] }, msg); return; }
    if (resetForm.elements.confirm.value !== password) { fieldError('reset', 'confirm', t('passwordsDiffer')); msg.textContent = t('fixFields'); return; }
    m.api('POST', '/api/users/' + encodeURIComponent(current.username) + '/password', { password: password }).then(function (r) {
      if (r.status === 204) { resetDialog.close(); notice(t('resetDone', { name: current.displayName })); return; }
      showIssues('reset', r.body || {}, msg);
    });
  });

  load();
})();
