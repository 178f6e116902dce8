/* Inbox: claim a task (POST /api/tasks/{id}/claim), then show the inbox again. */
(function () {
  'use strict';
  var message = document.getElementById('inbox-message');
  document.querySelectorAll('.js-claim').forEach(function (button) {
    button.addEventListener('click', function () {
      button.disabled = true;
      window.minhu.api('POST', '/api/tasks/' + encodeURIComponent(button.getAttribute('data-task')) + '/claim').then(function (r) {
        if (r.status === 200) { location.reload(); return; }
        button.disabled = false;
        window.minhu.showProblem(null, message, r.body);
      });
    });
  });
})();
