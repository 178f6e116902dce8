/*
 * File pickers that upload to an order (POST /api/orders/{id}/attachments, the bytes as the body).
 * - In a task form (the `files` field partial): each file is uploaded at once; its id becomes a
 *   selected option of the field's hidden list, which the form sends like any field.
 * - On the order page (`data-reload`): uploads, then reloads the page.
 * - At intake (`data-pending`): files wait until the order is recorded; intake.js then calls
 *   minhu.attachments.uploadPending(orderId).
 * Files over 10 MB are refused here before any upload; every other refusal is the server's.
 */
(function () {
  'use strict';
  if (window.minhu && window.minhu.attachments) return; // the partial may include this script more than once
  var m = window.minhu;
  var MAX = 10 * 1024 * 1024;
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var t = function (key, params) { return m.t('attachments.' + key, params); };

  function orderOf(picker) {
    var holder = picker.closest('[data-order]');
    return holder ? holder.getAttribute('data-order') : '';
  }

  function errorSlot(picker) {
    var input = picker.querySelector('input[type=file]');
    return input ? document.getElementById(input.id + '-error') : null;
  }

  function say(picker, text) {
    var slot = errorSlot(picker);
    if (slot) slot.textContent = text;
  }

  /** Resolves {ok, body}: the stored attachment, or the refusal in words. */
  function upload(orderId, file) {
    if (file.size > MAX) return Promise.resolve({ ok: false, reason: t('tooLarge', { name: file.name }) });
    return fetch('/api/orders/' + encodeURIComponent(orderId) + '/attachments', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name), 'X-CSRF-Token': csrf, Accept: 'application/json' },
      body: file,
    }).then(function (res) {
      return res.json().then(function (body) {
        if (res.status === 201) return { ok: true, body: body };
        var reason = (m.section('codes')[body && body.code]) || (body && body.detail) || m.t('failed');
        return { ok: false, reason: t('failed', { name: file.name, reason: reason }) };
      }, function () { return { ok: false, reason: t('failed', { name: file.name, reason: m.t('failed') }) }; });
    }, function () { return { ok: false, reason: t('failed', { name: file.name, reason: m.t('network') }) }; });
  }

  function chosen(picker, stored) {
    var ids = picker.querySelector('select.attach-ids');
    var option = document.createElement('option');
    option.value = stored.id;
    option.selected = true;
    option.textContent = stored.name;
    ids.appendChild(option);
    var li = document.createElement('li');
    li.textContent = stored.name + ' ';
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'btn btn-small';
    remove.textContent = t('remove');
    remove.addEventListener('click', function () { option.remove(); li.remove(); });
    li.appendChild(remove);
    picker.querySelector('.attach-chosen').appendChild(li);
  }

  /** Uploads the files one after the other; resolves the refusals' words. */
  function uploadAll(orderId, files, onStored) {
    var problems = [];
    return files.reduce(function (done, file) {
      return done.then(function () {
        return upload(orderId, file).then(function (r) { if (r.ok) onStored(r.body); else problems.push(r.reason); });
      });
    }, Promise.resolve()).then(function () { return problems; });
  }

  /** Beside the button: the names of the files waiting (intake), or 未选择文件. */
  function showNames(picker, input) {
    var slot = picker.querySelector('.file-pick-names');
    if (!slot) return;
    var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
    slot.textContent = names.length ? t('chosen', { count: names.length, names: names.join('、') }) : t('noneChosen');
  }

  function wire(picker) {
    var input = picker.querySelector('input[type=file]');
    if (!input || input.getAttribute('data-wired')) return;
    input.setAttribute('data-wired', '1');
    if (picker.hasAttribute('data-pending')) {
      input.addEventListener('change', function () {
        showNames(picker, input);
        var big = Array.prototype.filter.call(input.files, function (f) { return f.size > MAX; });
        say(picker, big.map(function (f) { return t('tooLarge', { name: f.name }); }).join('；'));
      });
      return;
    }
    input.addEventListener('change', function () {
      var files = Array.prototype.slice.call(input.files);
      if (!files.length) return;
      say(picker, t('uploading', { name: files.map(function (f) { return f.name; }).join('、') }));
      input.disabled = true;
      uploadAll(orderOf(picker), files, function (stored) { if (!picker.hasAttribute('data-reload')) chosen(picker, stored); }).then(function (problems) {
        input.disabled = false;
        input.value = '';
        say(picker, problems.join('；'));
        if (picker.hasAttribute('data-reload') && problems.length < files.length) location.reload();
      });
    });
  }

  document.querySelectorAll('.attach-picker').forEach(wire);

  m.attachments = {
    /** Uploads the intake's waiting files to the new order; resolves the names that failed. */
    uploadPending: function (picker, orderId) {
      var input = picker && picker.querySelector('input[type=file]');
      var files = input ? Array.prototype.slice.call(input.files) : [];
      if (!files.length) return Promise.resolve([]);
      return uploadAll(orderId, files, function () {}).then(function (problems) {
        input.value = '';
        showNames(picker, input);
        return problems;
      });
    },
  };
})();
