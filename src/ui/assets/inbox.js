/*
 * Inbox: claim a task (POST /api/tasks/{id}/claim); the tabs' counts as they change and a notice
 * of new work (events from live-counts.js), with a sound or desktop notification if the user
 * turned them on (remembered in localStorage); 批量签收 (POST /api/inbox/batch-sign).
 */
(function () {
  'use strict';
  var t = window.minhu.t;
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

  /* ---- Reminders: off unless the user turned them on in this browser. ---- */
  var KEYS = { sound: 'minhu.inbox.alertSound', notify: 'minhu.inbox.alertNotify' };
  function stored(key) { try { return localStorage.getItem(key) === 'on'; } catch (e) { return false; } }
  function store(key, on) { try { localStorage.setItem(key, on ? 'on' : 'off'); } catch (e) { /* private mode: not remembered */ } }
  var soundBox = document.getElementById('alert-sound');
  var notifyBox = document.getElementById('alert-notify');
  soundBox.checked = stored(KEYS.sound);
  notifyBox.checked = stored(KEYS.notify) && window.Notification !== undefined && Notification.permission === 'granted';
  soundBox.addEventListener('change', function () { store(KEYS.sound, soundBox.checked); });
  notifyBox.addEventListener('change', function () {
    if (!notifyBox.checked) { store(KEYS.notify, false); return; }
    if (!window.Notification) { notifyBox.checked = false; return; }
    Promise.resolve(Notification.permission === 'granted' ? 'granted' : Notification.requestPermission()).then(function (answer) {
      var ok = answer === 'granted';
      notifyBox.checked = ok;
      store(KEYS.notify, ok);
      if (!ok) { message.className = 'form-message'; message.textContent = t('live.notifyDenied'); }
    });
  });
  function ring() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    var ctx = new Ctx(), tone = ctx.createOscillator(), gain = ctx.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.6);
    tone.connect(gain); gain.connect(ctx.destination);
    tone.start(); tone.stop(ctx.currentTime + 0.6);
  }
  function remind(n) {
    if (soundBox.checked) ring();
    if (notifyBox.checked && window.Notification && Notification.permission === 'granted') new Notification(t('live.notifyTitle'), { body: t('live.notifyBody', { n: n }), tag: 'minhu-inbox' });
  }

  /* ---- Live counts and the notice of new work. ---- */
  var KEY_OF = { 'to-sign': 'toSign', 'in-progress': 'inProgress', 'due-soon': 'dueSoon', overdue: 'overdue', done: 'done' };
  var notice = document.getElementById('inbox-arrived');
  var refresh = document.getElementById('inbox-refresh');
  refresh.addEventListener('click', function () { location.reload(); });
  var first = null, arrived = 0;
  document.addEventListener('minhu:inbox', function (e) {
    var data = e.detail;
    document.querySelectorAll('.tabs .tab').forEach(function (tab) {
      var count = tab.querySelector('.count');
      var value = data.counts[KEY_OF[tab.getAttribute('data-tab')]];
      if (count && value !== undefined) count.textContent = String(value);
    });
    var counts = JSON.stringify(data.counts);
    if (first === null) first = counts;
    if (data.arrived > arrived) remind(data.arrived - arrived);
    arrived = data.arrived;
    if (arrived > 0) refresh.textContent = t('live.arrived', { n: arrived });
    else if (counts !== first) refresh.textContent = t('live.changed');
    notice.hidden = arrived === 0 && counts === first;
  });

  /* ---- 批量签收 ---- */
  var signButton = document.getElementById('batch-sign');
  if (!signButton) return;
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.js-batch'));
  var all = document.getElementById('batch-all');
  var report = document.getElementById('batch-report');
  function chosen() { return boxes.filter(function (b) { return b.checked; }); }
  function sync() {
    var n = chosen().length;
    signButton.disabled = n === 0;
    signButton.textContent = n > 0 ? t('live.sign') + '（' + n + '）' : signButton.getAttribute('data-label');
    all.checked = n > 0 && n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
  }
  signButton.setAttribute('data-label', signButton.textContent);
  boxes.forEach(function (b) { b.addEventListener('change', sync); });
  all.addEventListener('change', function () { boxes.forEach(function (b) { b.checked = all.checked; }); sync(); });

  function numberOf(taskId, given) {
    if (given) return given;
    var row = document.querySelector('tr[data-task="' + CSS.escape(taskId) + '"]');
    return row ? row.getAttribute('data-order') : '';
  }
  function reason(r) {
    var own = window.minhu.section('live.codes'), codes = window.minhu.section('codes');
    return own[r.code] || codes[r.code] || t('failed');
  }
  function showReport(body) {
    report.textContent = '';
    var head = document.createElement('p');
    head.textContent = t('live.report', { signed: body.signed, refused: body.refused });
    var list = document.createElement('ul');
    body.results.forEach(function (r) {
      var li = document.createElement('li');
      var number = numberOf(r.taskId, r.orderNumber);
      li.textContent = r.signed ? t('live.signed', { number: number }) : t('live.refused', { number: number, reason: reason(r) });
      if (!r.signed) li.className = 'refused';
      list.appendChild(li);
    });
    var again = document.createElement('button');
    again.type = 'button';
    again.className = 'btn btn-small';
    again.textContent = t('live.reload');
    again.addEventListener('click', function () { location.reload(); });
    report.appendChild(head); report.appendChild(list); report.appendChild(again);
    report.hidden = false;
  }

  signButton.addEventListener('click', function () {
    var picked = chosen();
    if (picked.length === 0) { message.textContent = t('live.noneSelected'); return; }
    window.minhu.confirm(t('live.confirmSign', { n: picked.length }), t('live.sign')).then(function (yes) {
      if (!yes) return;
      signButton.disabled = true;
      window.minhu.api('POST', '/api/inbox/batch-sign', { taskIds: picked.map(function (b) { return b.value; }) }).then(function (r) {
        if (r.status !== 200) { signButton.disabled = false; window.minhu.showProblem(null, message, r.body); return; }
        message.textContent = '';
        r.body.results.forEach(function (res) {
          var box = boxes.find(function (b) { return b.value === res.taskId; });
          if (!box) return;
          box.checked = false;
          if (!res.signed) return;
          box.disabled = true;
          box.closest('tr').classList.add('row-signed');
        });
        showReport(r.body);
        sync();
      });
    });
  });
})();
