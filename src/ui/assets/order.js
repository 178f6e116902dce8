/* The order page: show the requester in full (GET …/requester, written to the audit log). */
(function () {
  'use strict';
  var button = document.getElementById('show-requester');
  if (!button) return;
  button.addEventListener('click', function () {
    window.minhu.api('GET', '/api/orders/' + encodeURIComponent(button.getAttribute('data-order')) + '/requester').then(function (r) {
      if (r.status !== 200) return;
      document.getElementById('requester-text').textContent = r.body.name + ' ' + r.body.phone;
      button.remove();
    });
  });
})();
