/* Shared by every page: strings, the API with the CSRF token, problem display, countdowns, logout. */
(function () {
  'use strict';
  var strings = JSON.parse(document.body.getAttribute('data-i18n') || '{}');
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';

  /** `{name}` placeholders in one pass (as render.ts translate), so a value's own braces stay as typed. */
  function fill(text, params) {
    var p = params || {};
    return text.replace(/\{(\w+)\}/g, function (m, name) { return Object.prototype.hasOwnProperty.call(p, name) ? String(p[name]) : m; });
  }
  /** The entry at a dotted key of the strings (`modeler.codes`), or undefined. */
  function lookup(key) {
    return key.split('.').reduce(function (node, part) { return node !== null && typeof node === 'object' ? node[part] : undefined; }, strings);
  }
  function t(key, params) { var s = lookup(key); return typeof s === 'string' ? fill(s, params) : key; }
  /** A group of strings by key (a code or type → its words), {} if there is none. */
  function section(key) { var s = lookup(key); return s !== null && typeof s === 'object' ? s : {}; }

  /** fetch JSON with the session cookie and CSRF token; resolves {status, body}. */
  function api(method, url, body, headers) {
    var h = { Accept: 'application/json', 'X-CSRF-Token': csrf };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch(url, { method: method, headers: h, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (res) {
        return res.text().then(function (text) {
          var parsed = null;
          try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
          if (res.status === 401 && url !== '/api/session') location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
          return { status: res.status, body: parsed };
        });
      });
  }

  function clearErrors(form) {
    form.querySelectorAll('[data-error-for]').forEach(function (el) { el.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
  }

  /** A field message of the API in Chinese (field-errors.ts: first matching pattern), else 填写有误 and the message. */
  function fieldError(message) {
    var text = String(message);
    var rules = strings.fieldErrorPatterns || [];
    for (var i = 0; i < rules.length; i++) {
      var match = new RegExp(rules[i].pattern).exec(text);
      if (match) return fill((strings.fieldErrors || {})[rules[i].key] || text, match.groups || {});
    }
    return t('invalid') + '：' + text;
  }

  /** A refusal in words: the code's sentence, the field errors at their fields, the first bad field focused. */
  function showProblem(form, messageEl, problem) {
    var p = problem || {};
    var codes = strings.codes || {};
    var text = codes[p.code] || (t('failed') + (p.detail ? '：' + p.detail : ''));
    var first = null;
    (p.errors || []).forEach(function (issue) {
      var path = String(issue.path).replace(/^body\./, '');
      var slot = form && form.querySelector('[data-error-for="' + CSS.escape(path) + '"]');
      if (!slot) { text += ' ' + issue.path + '：' + fieldError(issue.message); return; }
      slot.textContent = fieldError(issue.message);
      var input = document.getElementById(slot.id.replace(/-error$/, ''));
      if (input) { input.setAttribute('aria-invalid', 'true'); first = first || input; }
    });
    messageEl.className = 'form-message';
    messageEl.textContent = text;
    // a list of check boxes (联动部门) takes the focus at its first box
    if (first) (first.tagName === 'FIELDSET' ? first.querySelector('input') || first : first).focus();
  }

  function duration(seconds) {
    var s = Math.abs(seconds), d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    if (d > 0) return t('days', { n: d }) + (h ? t('hours', { n: h }) : '');
    if (h > 0) return t('hours', { n: h }) + (m ? t('minutes', { n: m }) : '');
    return t('minutes', { n: m });
  }

  /** Counts down from the server's remaining seconds by the time elapsed on this page. */
  var loaded = performance.now();
  function tick() {
    var elapsed = Math.floor((performance.now() - loaded) / 1000);
    document.querySelectorAll('.countdown[data-remaining]').forEach(function (el) {
      var raw = el.getAttribute('data-remaining');
      if (raw === '') return;
      var left = Number(raw) - elapsed;
      var overdue = left < 0 || el.classList.contains('countdown-overdue');
      el.textContent = overdue ? t('overdue', { t: duration(left) }) : t('remaining', { t: duration(left) });
      el.className = 'countdown countdown-' + (overdue ? 'overdue' : left <= 86400 || el.classList.contains('countdown-soon') ? 'soon' : 'ok');
    });
  }
  setInterval(tick, 30000);

  var logout = document.getElementById('logout-form');
  if (logout) logout.addEventListener('submit', function (e) {
    e.preventDefault();
    api('DELETE', '/api/session').then(function () { location.assign('/login'); });
  });

  /** A field's error goes once the person changes the field: a fixed field no longer says it is wrong. */
  function clearFieldError(e) {
    // the field itself, or the list of check boxes the changed box is in
    var input = e.target && e.target.closest ? e.target.closest('[aria-invalid="true"]') : null;
    if (!input) return;
    input.removeAttribute('aria-invalid');
    var slot = input.id ? document.getElementById(input.id + '-error') : null;
    if (slot) slot.textContent = '';
  }
  document.addEventListener('input', clearFieldError);
  document.addEventListener('change', clearFieldError);

  /** An instant (ISO text from the API) as the hotline reads it: 2026年12月3日 20:41, in the city's time zone. */
  function localTime(iso, timeZone) {
    if (!iso) return '';
    var parts = new Intl.DateTimeFormat('zh-CN', { timeZone: timeZone || 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
    var get = function (type) { var p = parts.find(function (x) { return x.type === type; }); return p ? p.value : ''; };
    return t('dateTime', { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute') });
  }

  /** Asks in a dialog of the page (never the browser's own): resolves true on the action's button, false on 取消. */
  function confirmAction(text, actionLabel) {
    return new Promise(function (resolve) {
      var d = document.createElement('dialog');
      d.className = 'dialog confirm-dialog';
      d.setAttribute('role', 'alertdialog');
      var p = document.createElement('p');
      p.textContent = text;
      var actions = document.createElement('div');
      actions.className = 'form-actions';
      var ok = document.createElement('button');
      ok.type = 'button';
      ok.className = 'btn btn-primary';
      ok.textContent = actionLabel;
      var cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.className = 'btn';
      cancel.textContent = t('cancel');
      actions.appendChild(ok);
      actions.appendChild(cancel);
      d.appendChild(p);
      d.appendChild(actions);
      document.body.appendChild(d);
      function end(answer) { d.close(); d.remove(); resolve(answer); }
      ok.addEventListener('click', function () { end(true); });
      cancel.addEventListener('click', function () { end(false); });
      d.addEventListener('cancel', function (e) { e.preventDefault(); end(false); });
      d.showModal();
      cancel.focus();
    });
  }

  window.minhu = { t: t, section: section, api: api, clearErrors: clearErrors, showProblem: showProblem, fieldError: fieldError, localTime: localTime, confirm: confirmAction };
})();
