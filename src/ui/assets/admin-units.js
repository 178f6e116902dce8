/* The units page: each unit's number of users, counted from GET /api/users (the city's accounts). */
(function () {
  'use strict';
  var m = window.minhu;
  m.api('GET', '/api/users').then(function (r) {
    var counts = {};
    (r.status === 200 && Array.isArray(r.body) ? r.body : []).forEach(function (u) { counts[u.unit] = (counts[u.unit] || 0) + 1; });
    document.querySelectorAll('td.unit-users').forEach(function (cell) {
      cell.textContent = r.status === 200 ? String(counts[cell.getAttribute('data-unit')] || 0) : m.t('failed');
    });
  });
})();
