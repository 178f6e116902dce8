/*
 * The API tokens a person may see (GET /api/tokens: one's own; a city administrator: every token
 * of the city) as a table in words: owner, purpose, issued, last used, expiry, state, and a
 * 吊销 button for a token still valid (DELETE /api/tokens/{id}, after a confirmation).
 * Used by the users page and the account page: window.minhuTokens.mount(options).
 */
(function () {
  'use strict';
  var m = window.minhu;

  function el(tag, cls, content) { var x = document.createElement(tag); if (cls) x.className = cls; if (content) x.textContent = content; return x; }

  /**
   * options: body (the tbody), count (an element for 共 n 个, optional), message (for results),
   * timeZone, names (username → name shown), columns (how many), showOwner.
   */
  function mount(o) {
    var tz = o.timeZone;
    function state(tok, now) {
      if (tok.revokedAt) return { text: m.t('tokens.revoked', { at: m.localTime(tok.revokedAt, tz), by: o.names[tok.revokedBy] || tok.revokedBy || '' }), cls: 'badge-task-cancelled', valid: false };
      if (new Date(tok.expiresAt).getTime() <= now) return { text: m.t('tokens.expired'), cls: 'badge-task-cancelled', valid: false };
      return { text: m.t('tokens.valid'), cls: 'badge-task-completed', valid: true };
    }
    function row(tok, now) {
      var tr = el('tr');
      tr.setAttribute('data-token', tok.id);
      if (o.showOwner) tr.appendChild(el('td', null, o.names[tok.username] || tok.username));
      tr.appendChild(el('td', null, tok.name));
      tr.appendChild(el('td', 'nowrap', m.localTime(tok.createdAt, tz)));
      tr.appendChild(el('td', 'nowrap', tok.lastUsedAt ? m.localTime(tok.lastUsedAt, tz) : m.t('tokens.neverUsed')));
      tr.appendChild(el('td', 'nowrap', m.localTime(tok.expiresAt, tz)));
      var s = state(tok, now);
      var cell = el('td');
      cell.appendChild(el('span', 'badge ' + s.cls, s.text));
      tr.appendChild(cell);
      var act = el('td', 'nowrap');
      if (s.valid) {
        var b = el('button', 'btn btn-small', m.t('tokens.revoke'));
        b.type = 'button';
        b.setAttribute('data-action', 'revoke');
        b.addEventListener('click', function () {
          var owner = o.names[tok.username] || tok.username;
          m.confirm(m.t('tokens.confirmRevoke', { name: tok.name, owner: owner }), m.t('tokens.revoke')).then(function (yes) {
            if (!yes) return;
            b.disabled = true;
            m.api('DELETE', '/api/tokens/' + encodeURIComponent(tok.id)).then(function (r) {
              if (r.status === 200) { o.message.className = 'form-message ok'; o.message.textContent = m.t('tokens.revokedDone', { name: tok.name }); return load(); }
              b.disabled = false;
              o.message.className = 'form-message';
              o.message.textContent = m.t('failed');
            });
          });
        });
        act.appendChild(b);
      }
      tr.appendChild(act);
      return tr;
    }
    function load() {
      return m.api('GET', '/api/tokens').then(function (r) {
        o.body.replaceChildren();
        var list = r.status === 200 && Array.isArray(r.body) ? r.body : null;
        if (!list || !list.length) {
          var e = el('tr');
          var d = el('td', 'muted', list ? m.t('tokens.none') : m.t('failed'));
          d.colSpan = o.columns;
          e.appendChild(d);
          o.body.appendChild(e);
        } else {
          var now = Date.now();
          list.forEach(function (tok) { o.body.appendChild(row(tok, now)); });
        }
        if (o.count) o.count.textContent = list ? m.t('tokens.count', { n: list.length }) : '';
      });
    }
    load();
    return { reload: load };
  }

  window.minhuTokens = { mount: mount };
})();
