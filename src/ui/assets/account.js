/*
 * 我的账户: change one's password (PUT /api/session/password: the current one, the new one twice;
 * other sessions end), issue an API token of one's own (POST /api/tokens: its secret shown once
 * here), and one's tokens with 吊销 (tokens-table.js).
 */
(function () {
  'use strict';
  var m = window.minhu;
  var root = document.getElementById('account-page');
  var minLength = Number(root.getAttribute('data-min-length'));
  var username = root.getAttribute('data-username');

  function mark(form, name, text) {
    var slot = form.querySelector('[data-error-for="' + name + '"]');
    if (!slot) return null;
    slot.textContent = text;
    var input = document.getElementById(slot.id.replace(/-error$/, ''));
    if (input) input.setAttribute('aria-invalid', 'true');
    return input;
  }
  function done(el, text) { el.className = 'form-message ok'; el.textContent = text; }
  function refused(el, text, focus) { el.className = 'form-message'; el.textContent = text; if (focus) focus.focus(); }

  var names = {};
  names[username] = m.t('account.me');
  var tokens = window.minhuTokens.mount({
    body: document.getElementById('tokens-body'),
    count: document.getElementById('tokens-count'),
    message: document.getElementById('tokens-message'),
    timeZone: root.getAttribute('data-time-zone'),
    names: names,
    columns: 6,
    showOwner: false,
  });

  var pw = document.getElementById('password-form');
  var pwMessage = document.getElementById('password-message');
  pw.addEventListener('submit', function (e) {
    e.preventDefault();
    m.clearErrors(pw);
    var current = pw.elements.currentPassword.value;
    var next = pw.elements.newPassword.value;
    var first = null;
    if (!current) first = first || mark(pw, 'currentPassword', m.t('required'));
    if (next.length < minLength) first = first || mark(pw, 'newPassword', m.t('account.tooShort', { n: minLength }));
    else if (pw.elements.confirmPassword.value !== next) first = first || mark(pw, 'confirmPassword', m.t('account.differ'));
    if (first) return refused(pwMessage, m.t('fixFields'), first);
    var button = document.getElementById('password-submit');
    button.disabled = true;
    m.api('PUT', '/api/session/password', { currentPassword: current, newPassword: next }).then(function (r) {
      button.disabled = false;
      if (r.status === 204) { pw.reset(); return done(pwMessage, m.t('account.passwordChanged')); }
      var p = r.body || {};
      if (p.code === 'PASSWORD_WRONG') return refused(pwMessage, m.t('fixFields'), mark(pw, 'currentPassword', m.t('account.wrongPassword')));
      if (p.code === 'PASSWORD_UNCHANGED') return refused(pwMessage, m.t('fixFields'), mark(pw, 'newPassword', m.t('account.samePassword')));
      m.showProblem(pw, pwMessage, p);
    }, function () { button.disabled = false; refused(pwMessage, m.t('network')); });
  });

  var tf = document.getElementById('token-form');
  var tfMessage = document.getElementById('token-message');
  var secretBox = document.getElementById('token-secret');
  tf.addEventListener('submit', function (e) {
    e.preventDefault();
    m.clearErrors(tf);
    secretBox.hidden = true;
    var name = tf.elements.name.value.trim();
    var days = tf.elements.expiresInDays.value.trim();
    if (!name) return refused(tfMessage, m.t('fixFields'), mark(tf, 'name', m.t('required')));
    var body = { name: name };
    if (days) body.expiresInDays = Number(days);
    var button = document.getElementById('token-submit');
    button.disabled = true;
    m.api('POST', '/api/tokens', body).then(function (r) {
      button.disabled = false;
      if (r.status === 201) {
        tf.reset();
        document.getElementById('token-secret-value').textContent = r.body.token;
        secretBox.hidden = false;
        done(tfMessage, m.t('account.issued', { name: name, until: m.localTime(r.body.expiresAt, root.getAttribute('data-time-zone')) }));
        return tokens.reload();
      }
      m.showProblem(tf, tfMessage, r.body);
    }, function () { button.disabled = false; refused(tfMessage, m.t('network')); });
  });
})();
