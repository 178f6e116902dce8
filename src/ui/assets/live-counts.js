/*
 * Every page with 待办工单 in its navigation: the number of tasks to do on that entry, kept up to
 * date by the inbox's event stream (GET /api/inbox/stream). Each `inbox` event is passed on to the
 * page as a `minhu:inbox` event (the inbox page updates its tabs and tells of new work).
 */
(function () {
  'use strict';
  var badge = document.getElementById('nav-todo');
  if (!badge) return;
  var t = window.minhu.t;
  var holder = document.getElementById('inbox-live');
  var query = holder ? '?scope=' + encodeURIComponent(holder.getAttribute('data-scope')) + '&since=' + encodeURIComponent(holder.getAttribute('data-since')) : '';

  function show(todo) {
    badge.textContent = todo > 99 ? '99+' : String(todo);
    badge.title = t('live.badge', { n: todo });
    badge.hidden = todo === 0;
  }

  /** Without a stream (an old browser, too many pages open): the counts every 30 seconds. */
  function poll() {
    window.minhu.api('GET', '/api/inbox/counts').then(function (r) {
      if (r.status === 200 && r.body) show(r.body.toSign + r.body.inProgress);
    });
  }
  function fallBack() { poll(); setInterval(poll, 30000); }

  if (!window.EventSource) { fallBack(); return; }
  var source = new EventSource('/api/inbox/stream' + query);
  source.addEventListener('inbox', function (e) {
    var data = JSON.parse(e.data);
    show(data.todo);
    document.dispatchEvent(new CustomEvent('minhu:inbox', { detail: data }));
  });
  // The session ended (logout, expiry): nothing more comes; the next click goes to the login page.
  source.addEventListener('end', function () { source.close(); });
  source.addEventListener('error', function () {
    if (source.readyState === EventSource.CLOSED) fallBack();
  });
})();
