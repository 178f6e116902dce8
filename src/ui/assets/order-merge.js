/*
 * The order page's 并单与诉求人 section: every caller's phone shown on request (GET
 * /api/orders/{id}/callers, audited), this order merged into an earlier open one (POST
 * /api/orders/{id}/merge), a merge undone (POST /api/orders/{id}/unmerge).
 */
(function () {
  'use strict';
  var m = window.minhu;
  var panel = document.getElementById('merge-panel');
  if (!panel) return;
  var id = panel.getAttribute('data-order');
  var s = JSON.parse(panel.getAttribute('data-strings') || '{}');
  var message = document.getElementById('merge-message');
  function refused(r) {
    var code = r.body && r.body.code;
    message.textContent = (s.codes && s.codes[code]) || (m.t('failed') + (r.body && r.body.detail ? '：' + r.body.detail : ''));
  }

  var show = document.getElementById('show-callers');
  if (show) {
    show.addEventListener('click', function () {
      m.api('GET', '/api/orders/' + encodeURIComponent(id) + '/callers').then(function (r) {
        if (r.status !== 200) { refused(r); return; }
        var cells = panel.querySelectorAll('#merge-callers tbody td.caller');
        (r.body.items || []).forEach(function (c, i) { if (cells[i]) cells[i].textContent = c.name + ' ' + c.phone; });
        show.disabled = true;
      });
    });
  }

  panel.querySelectorAll('[data-merge-into]').forEach(function (b) {
    b.addEventListener('click', function () {
      var into = b.getAttribute('data-merge-into');
      m.confirm(b.getAttribute('data-confirm'), s.mergeInto).then(function (ok) {
        if (!ok) return;
        b.disabled = true;
        m.api('POST', '/api/orders/' + encodeURIComponent(id) + '/merge', { into: into }).then(function (r) {
          b.disabled = false;
          if (r.status === 200) { location.assign('/orders/' + encodeURIComponent(into)); return; }
          refused(r);
        });
      });
    });
  });

  panel.querySelectorAll('[data-unmerge]').forEach(function (b) {
    b.addEventListener('click', function () {
      m.confirm(s.undoConfirm, s.undo).then(function (ok) {
        if (!ok) return;
        b.disabled = true;
        m.api('POST', '/api/orders/' + encodeURIComponent(b.getAttribute('data-unmerge')) + '/unmerge').then(function (r) {
          b.disabled = false;
          if (r.status === 200) { location.reload(); return; }
          refused(r);
        });
      });
    });
  });
})();
