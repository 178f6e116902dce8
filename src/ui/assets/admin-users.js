/*
 * The users of the administrator's city: the table from GET /api/users, and the form that adds
 * one (POST /api/users), each refusal shown in words at its field.
 */
(function () {
  'use strict';
  var m = window.minhu;
  var root = document.getElementById('users-page');
  var S = JSON.parse(root.getAttribute('data-strings') || '{}');
  var body = document.getElementById('users-body');
  var countEl = document.getElementById('users-count');
  var form = document.getElementById('user-form');
  var message = document.getElementById('user-message');
  var submit = document.getElementById('user-submit');

  function t(key, params) {
    var s = S[key] || key;
    Object.keys(params || {}).forEach(function (k) { s = s.split('{' + k + '}').join(String(params[k])); });
    return s;
  }
  function el(tag, cls, content) { var x = document.createElement(tag); if (cls) x.className = cls; if (content) x.textContent = content; return x; }

  function row(u) {
    var tr = el('tr');
    tr.setAttribute('data-username', u.username);
    tr.appendChild(el('td', 'nowrap', u.username));
    tr.appendChild(el('td', null, u.displayName));
    tr.appendChild(el('td', 'nowrap', (S.roles && S.roles[u.role]) || u.role));
    tr.appendChild(el('td', null, u.unit));
    var state = el('td', 'nowrap');
    state.appendChild(el('span', 'badge ' + (u.active ? 'badge-task-completed' : 'badge-task-cancelled'), u.active ? t('active') : t('inactive')));
    if (u.demo) { state.appendChild(document.createTextNode(' ')); state.appendChild(el('span', 'badge badge-cat', t('demo'))); }
    tr.appendChild(state);
    return tr;
  }

  function load() {
    return m.api('GET', '/api/users').then(function (r) {
      body.replaceChildren();
      var users = r.status === 200 && Array.isArray(r.body) ? r.body : [];
      if (r.status !== 200) { var f = el('tr'); var c = el('td', 'muted', t('failed')); c.colSpan = 5; f.appendChild(c); body.appendChild(f); return; }
      users.forEach(function (u) { body.appendChild(row(u)); });
      if (!users.length) { var e = el('tr'); var d = el('td', 'muted', t('usersEmpty')); d.colSpan = 5; e.appendChild(d); body.appendChild(e); }
      countEl.textContent = t('usersCount', { n: users.length });
    });
  }

  function fieldError(name, text) {
    var slot = document.getElementById('user-' + name + '-error');
    var input = document.getElementById('user-' + name);
    if (!slot || !input) return null;
    slot.textContent = text;
    input.setAttribute('aria-invalid', 'true');
    return input;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    m.clearErrors(form);
    message.textContent = '';
    message.className = 'form-message';
    var data = {};
    ['username', 'displayName', 'password', 'role', 'unit'].forEach(function (n) { data[n] = form.elements[n].value.trim(); });
    var first = null;
    Object.keys(data).forEach(function (n) { if (!data[n]) first = first || fieldError(n, t('required')); });
    if (first) { message.textContent = t('fixFields'); first.focus(); return; }
    submit.disabled = true;
    m.api('POST', '/api/users', data).then(function (r) {
      submit.disabled = false;
      if (r.status === 201) {
        form.reset();
        message.className = 'form-message notice';
        message.textContent = t('userAdded', { name: r.body.displayName });
        return load();
      }
      var p = r.body || {};
      var focus = null;
      if (p.code === 'USERNAME_TAKEN') focus = fieldError('username', t('USERNAME_TAKEN'));
      (p.errors || []).forEach(function (issue) {
        var name = String(issue.path).replace(/^body\./, '');
        var words = (S.userErrors && S.userErrors[name]) || issue.message;
        var input = fieldError(name, words);
        focus = focus || input;
      });
      message.textContent = focus ? t('fixFields') : t('failed') + (p.code ? '（' + p.code + '）' : '');
      if (focus) focus.focus();
    }, function () { submit.disabled = false; message.textContent = t('failed'); });
  });

  load();
})();
