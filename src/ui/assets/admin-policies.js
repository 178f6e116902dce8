/*
 * The policy editor: loads the YAML in force, validates it as it is typed (400 ms after the last
 * key) with the server's own check (POST /api/policies/:city/validate), lists each problem in
 * words with its path and the line it points at (marked in the gutter), and saves a valid text
 * as a new version. The text in the editor is never replaced after loading: nothing typed is lost.
 */
(function () {
  'use strict';
  var m = window.minhu;
  var root = document.getElementById('policy-editor');
  var S = JSON.parse(root.getAttribute('data-strings') || '{}');
  var city = root.getAttribute('data-city');
  var text = document.getElementById('policy-yaml');
  var gutter = document.getElementById('policy-gutter');
  var save = document.getElementById('policy-save');
  var status = document.getElementById('policy-status');
  var list = document.getElementById('problem-list');
  var count = document.getElementById('problem-count');
  var versionEl = document.getElementById('policy-version');
  var DEBOUNCE = 400;
  var timer = null;
  var seq = 0;
  var valid = false;
  var busy = false;
  var marked = {};

  function t(key, params) {
    var s = S[key] || key;
    Object.keys(params || {}).forEach(function (k) { s = s.split('{' + k + '}').join(String(params[k])); });
    return s;
  }
  function el(tag, cls, content) { var x = document.createElement(tag); if (cls) x.className = cls; if (content) x.textContent = content; return x; }
  function setStatus(msg, kind) { status.textContent = msg; status.className = 'policy-status' + (kind ? ' policy-status-' + kind : ''); }
  function updateSave() { save.disabled = !valid || busy; }

  /* ---- where a path of the policy is in the YAML text (indentation-based, block style) ---- */
  function indentOf(line) { return line.length - line.replace(/^ +/, '').length; }
  function isContent(line) { var s = line.trim(); return s !== '' && s.charAt(0) !== '#' && s !== '---'; }
  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  function lineOfPath(source, path) {
    var lines = source.split('\n');
    var segs = String(path).split('.');
    var start = 0, end = lines.length, found = -1;
    for (var s = 0; s < segs.length; s++) {
      var first = -1;
      for (var i = start; i < end; i++) if (isContent(lines[i])) { first = i; break; }
      if (first < 0) return found;
      var ind = indentOf(lines[first]);
      var seg = segs[s], hit = -1;
      if (/^\d+$/.test(seg)) {
        var k = -1;
        for (var j = start; j < end && hit < 0; j++) {
          if (isContent(lines[j]) && indentOf(lines[j]) === ind && /^\s*-(\s|$)/.test(lines[j])) { k++; if (k === Number(seg)) hit = j; }
        }
        if (hit < 0) return found;
        lines[hit] = lines[hit].replace(/^(\s*)-/, '$1 '); // the item's first key now sits at the item's indent
        start = hit;
      } else {
        var re = new RegExp('^\\s*(["\']?)' + escapeRe(seg) + '\\1\\s*:(\\s|$)');
        for (var q = start; q < end && hit < 0; q++) {
          if (isContent(lines[q]) && indentOf(lines[q]) === ind && re.test(lines[q])) hit = q;
        }
        if (hit < 0) return found;
        start = hit + 1;
      }
      found = hit;
      var blockIndent = indentOf(lines[hit]);
      var stop = start;
      while (stop < end) {
        var l = lines[stop];
        if (isContent(l) && indentOf(l) <= blockIndent && !(indentOf(l) === blockIndent && /^\s*-(\s|$)/.test(l) && !/^\d+$/.test(seg))) break;
        stop++;
      }
      end = stop;
    }
    return found;
  }

  /* ---- a problem in words (the server's messages are English) ---- */
  function inWords(message) {
    var r;
    if ((r = /^line (\d+), column (\d+): YAML syntax: (.*)$/.exec(message))) return { line: Number(r[1]), text: t('syntax', { line: r[1], col: r[2], msg: r[3] }) };
    if ((r = /^expected a whole number of working days ≥ 1, or one of (.*), got (.*)$/.exec(message))) return { text: t('wholeNumberDaysOr', { forms: r[1], got: r[2] }) };
    if ((r = /^expected a whole number of working days ≥ 1, got (.*)$/.exec(message))) return { text: t('wholeNumberDays', { got: r[1] }) };
    if ((r = /^expected a whole number ≥ 1, got (.*)$/.exec(message))) return { text: t('wholeNumber', { got: r[1] }) };
    if ((r = /^expected a real date written YYYY-MM-DD, got (.*)$/.exec(message))) return { text: t('date', { got: r[1] }) };
    if (/^expected non-empty text/.test(message)) return { text: t('nonEmpty') };
    if ((r = /^Unrecognized keys?: (.*)$/i.exec(message))) return { text: t('unknownKey', { keys: r[1] }) };
    if ((r = /^expected one of (.*), got (.*)$/.exec(message))) return { text: t('oneOf', { forms: r[1], got: r[2] }) };
    if ((r = /^expected (.*), got (.*)$/.exec(message))) return { text: t('expected', { what: r[1], got: r[2] }) };
    return { text: message };
  }

  /* ---- gutter: line numbers, problem lines marked ---- */
  function drawGutter() {
    var n = text.value.split('\n').length;
    var frag = document.createDocumentFragment();
    for (var i = 1; i <= n; i++) {
      var span = el('span', marked[i] ? 'gutter-line gutter-bad' : 'gutter-line', (marked[i] ? '● ' : '') + i);
      span.setAttribute('data-line', String(i));
      if (marked[i]) span.title = marked[i];
      frag.appendChild(span);
      frag.appendChild(document.createTextNode('\n'));
    }
    gutter.replaceChildren(frag);
    gutter.scrollTop = text.scrollTop;
  }

  function goToLine(n) {
    var lines = text.value.split('\n');
    var from = 0;
    for (var i = 0; i < n - 1 && i < lines.length; i++) from += lines[i].length + 1;
    text.focus();
    text.setSelectionRange(from, from + (lines[n - 1] || '').length);
    var lh = parseFloat(getComputedStyle(text).lineHeight) || 20;
    text.scrollTop = Math.max(0, (n - 5) * lh);
  }

  function showProblems(errors) {
    marked = {};
    list.replaceChildren();
    errors.forEach(function (issue) {
      var words = inWords(String(issue.message));
      var line = words.line || (issue.path && issue.path !== 'yaml' ? lineOfPath(text.value, issue.path) + 1 : 0);
      var li = el('li', 'problem');
      li.setAttribute('data-path', String(issue.path));
      if (line > 0) {
        li.setAttribute('data-line', String(line));
        marked[line] = (marked[line] ? marked[line] + '；' : '') + words.text;
        var go = el('button', 'btn btn-small problem-line', t('line', { n: line }));
        go.type = 'button';
        go.addEventListener('click', function () { goToLine(line); });
        li.appendChild(go);
      }
      var p = el('p', 'problem-text');
      if (issue.path !== 'yaml') p.appendChild(el('code', 'problem-path', String(issue.path)));
      p.appendChild(document.createTextNode((issue.path !== 'yaml' ? '：' : '') + words.text));
      li.appendChild(p);
      list.appendChild(li);
    });
    count.textContent = errors.length ? String(errors.length) : '';
    count.className = errors.length ? 'badge badge-overdue' : 'badge';
    text.setAttribute('aria-invalid', errors.length ? 'true' : 'false');
    if (!errors.length) list.appendChild(el('li', 'problem-none', t('noProblems')));
    drawGutter();
  }

  function validate() {
    var mine = ++seq;
    setStatus(t('checking'));
    m.api('POST', '/api/policies/' + encodeURIComponent(city) + '/validate', { yaml: text.value }).then(function (r) {
      if (mine !== seq) return; // typed again since: a newer check follows
      if (r.status === 200) { valid = true; showProblems([]); setStatus(t('valid'), 'ok'); }
      else if (r.status === 400 && r.body && r.body.errors) {
        valid = false;
        showProblems(r.body.errors);
        setStatus(t('invalid', { n: r.body.errors.length }), 'bad');
      } else { valid = false; setStatus(t('failed'), 'bad'); }
      updateSave();
    }, function () { if (mine === seq) { valid = false; updateSave(); setStatus(t('network'), 'bad'); } });
  }

  text.addEventListener('input', function () {
    valid = false;
    seq++; // any answer still on its way is for an older text
    updateSave();
    drawGutter();
    clearTimeout(timer);
    timer = setTimeout(validate, DEBOUNCE);
  });
  text.addEventListener('scroll', function () { gutter.scrollTop = text.scrollTop; });

  save.addEventListener('click', function () {
    if (!valid || busy) return;
    busy = true;
    updateSave();
    setStatus(t('saving'));
    m.api('POST', '/api/policies/' + encodeURIComponent(city) + '/versions', { yaml: text.value }).then(function (r) {
      busy = false;
      if (r.status === 201 || r.status === 200) {
        versionEl.textContent = '· ' + t('loaded', { v: r.body.version });
        setStatus(t(r.status === 201 ? 'saved' : 'unchanged', { v: r.body.version }), 'ok');
      } else if (r.status === 400 && r.body && r.body.errors) {
        valid = false;
        showProblems(r.body.errors);
        setStatus(t('saveRefused'), 'bad');
      } else {
        setStatus(t('failed') + (r.body && r.body.code ? '（' + r.body.code + '）' : ''), 'bad');
      }
      updateSave();
    }, function () { busy = false; updateSave(); setStatus(t('network'), 'bad'); });
  });

  m.api('GET', '/api/policies/' + encodeURIComponent(city)).then(function (r) {
    if (r.status !== 200) { setStatus(t('failed'), 'bad'); return; }
    text.value = r.body.yaml;
    text.disabled = false;
    versionEl.textContent = '· ' + t('loaded', { v: r.body.version });
    valid = true;
    showProblems([]);
    setStatus(t('loaded', { v: r.body.version }));
    updateSave();
  }, function () { setStatus(t('network'), 'bad'); });
})();
