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
      message.textContent = window.minhu.t(r.status === 429 ? 'loginThrottled' : 'loginFailed');
      form.elements.password.value = '';
      form.elements.password.focus();
    }, function () { message.textContent = window.minhu.t('network'); });
  });
})();
