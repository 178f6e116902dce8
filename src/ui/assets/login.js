/* The login form: POST /api/session, then the page asked for (a path of this site only). */
(function () {
  'use strict';
  var form = document.getElementById('login-form');
  var message = document.getElementById('login-message');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body = { username: form.elements.username.value.trim(), password: form.elements.password.value };
    window.minhu.api('POST', '/api/session', body).then(function (r) {
      if (r.status === 200) {
        var next = form.getAttribute('data-next') || '/';
        location.assign(/^\/(?!\/)/.test(next) ? next : '/');
        return;
      }
      var p = r.body || {};
      var wait = p.details && p.details.retryAfterSeconds;
      message.textContent = r.status === 429
        ? window.minhu.t('loginThrottled', { n: wait || 1 })
        : window.minhu.t(p.code === 'USER_DISABLED' ? 'loginDisabled' : 'loginFailed');
      form.elements.password.value = '';
      form.elements.password.focus();
    }, function () { message.textContent = window.minhu.t('network'); });
  });
})();
