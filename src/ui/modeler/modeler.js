/* The administrator's BPMN modeler: /admin/processes/<city>/modeler. Loads the city's current
   diagram into bpmn-js's Modeler (with the minhu moddle extension served by the app), edits the
   minhu attributes in the side panel, validates and deploys through the processes API, and
   compares two versions. window.__modeler reports the state (for tests and screenshots). */
(async function startModeler() {
  const $ = (id) => document.getElementById(id);
  const city = decodeURIComponent(location.pathname.split('/')[3] || '');
  const state = { city, csrf: null, versions: [], current: 0, dirty: false, modeler: null, issues: [] };
  window.__modeler = state;

  const t = (key, params) => window.minhu.t('modeler.' + key, params);
  const CODE_WORDS = window.minhu.section('modeler.codes');
  const ATTR_WORDS = window.minhu.section('modeler.attrMissing');

  /** An issue in words: what is wrong, in Chinese, with the server's own message kept as detail. */
  function issueWords(issue) {
    if (issue.code === 'TASK_ATTRIBUTE_MISSING') {
      const attr = Object.keys(ATTR_WORDS).find((a) => issue.message.includes(a));
      if (attr) return ATTR_WORDS[attr];
    }
    return CODE_WORDS[issue.code] || issue.code || t('notAllowed');
  }

  function setStatus(text, kind) {
    const status = $('status');
    status.textContent = text;
    status.dataset.kind = kind || 'info';
  }

  function refuse(title, text, showLogin) {
    $('refusal-title').textContent = title;
    $('refusal-text').textContent = text;
    $('refusal-link').hidden = !showLogin;
    $('refusal').hidden = false;
    $('app').hidden = true;
    document.body.dataset.ready = 'refused';
  }

  async function api(method, url, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    const response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = { message: text }; }
    return { status: response.status, ok: response.ok, body: json || {} };
  }

  const base = '/api/processes/' + encodeURIComponent(city);
  const session = await api('GET', '/api/session');
  if (session.status === 401) return refuse(t('needLogin'), t('needLoginText'), true);
  const user = session.body.user || {};
  if (user.role !== 'admin' || user.city !== city) {
    return refuse(t('notAdmin'), t('notAdminText', { city, user: user.username || '—' }), false);
  }
  state.csrf = session.body.csrfToken;
  $('app').hidden = false;

  const [policyRes, versionsRes, descriptor] = await Promise.all([
    api('GET', '/api/policies/' + encodeURIComponent(city)),
    api('GET', base + '/versions'),
    fetch('/ui/modeler/minhu-moddle.json').then((r) => r.json()),
  ]);
  if (!policyRes.ok || !versionsRes.ok) return refuse(t('loadFailed'), (versionsRes.body.message || policyRes.body.message || t('serverError')) + '', false);
  const policy = policyRes.body.policy;
  state.versions = versionsRes.body;
  $('crumb-city').textContent = policy.name || city;
  document.title = t('documentTitle', { city: policy.name || city });

  const modeler = new window.MinhuModeler.Modeler({ container: '#canvas', additionalModules: window.MinhuModeler.additionalModules, moddleExtensions: { minhu: descriptor } });
  state.modeler = modeler;
  const canvas = modeler.get('canvas');
  const overlays = modeler.get('overlays');
  const registry = modeler.get('elementRegistry');
  const panel = window.MinhuPanel.createPanel($('props'), modeler, policy);

  const who = (v) => (v.deployedBy === 'file' ? t('initialVersion') : v.deployedBy);

  function showVersion() {
    $('version-badge').textContent = state.current ? t('currentVersion', { v: state.current }) : t('noVersion');
    $('dirty').hidden = !state.dirty;
  }

  async function xmlOf(version) {
    const res = await api('GET', base + '/versions/' + version);
    if (!res.ok) throw new Error(res.body.message || 'HTTP ' + res.status);
    return res.body.xml;
  }

  const latest = state.versions[state.versions.length - 1];
  if (!latest) return refuse(t('noProcess'), t('noProcessText'), false);
  state.current = latest.version;
  const { warnings } = await modeler.importXML(await xmlOf(latest.version));
  canvas.zoom('fit-viewport', 'auto');
  canvas.zoom(canvas.zoom() * 0.9, 'auto'); // a margin, and room for the palette on the left
  canvas.scroll({ dx: 30, dy: 0 });
  const root = canvas.getRootElement();
  $('title').textContent = (root.businessObject && root.businessObject.name) || city;
  state.warnings = warnings.map((w) => w.message);
  modeler.on('commandStack.changed', () => { state.dirty = true; showVersion(); });
  showVersion();
  setStatus(t('loaded', { v: latest.version, who: who(latest), at: new Date(latest.deployedAt).toLocaleString('zh-CN') }) + (warnings.length ? t('importWarnings', { n: warnings.length }) : ''), 'info');

  // --- issues: listed in words and marked on the elements ---------------------------------
  function clearIssues() {
    for (const issue of state.issues) if (issue.elementId && registry.get(issue.elementId)) canvas.removeMarker(issue.elementId, 'mh-invalid');
    overlays.remove({ type: 'mh-issue' });
    state.issues = [];
    $('issues').replaceChildren();
    $('issue-count').textContent = '';
  }

  function showIssues(errors, note) {
    clearIssues();
    state.issues = errors.map((e) => ({ ...e, elementId: /^element:/.test(e.path || '') ? e.path.slice('element:'.length) : null }));
    $('issues-note').textContent = note;
    $('issue-count').textContent = state.issues.length ? String(state.issues.length) : '';
    const perElement = new Map();
    for (const issue of state.issues) {
      const element = issue.elementId ? registry.get(issue.elementId) : null;
      const li = document.createElement('li');
      li.className = 'mh-issue';
      const title = document.createElement('button');
      title.type = 'button';
      title.className = 'mh-issue-title';
      const where = element ? t('where', { name: element.businessObject.name || element.id, id: element.id }) : issue.path || t('wholeProcess');
      title.textContent = t('issue', { where, words: issueWords(issue) });
      const detail = document.createElement('span');
      detail.className = 'mh-issue-detail';
      detail.textContent = issue.message || '';
      li.append(title, detail);
      if (element) {
        li.dataset.elementId = element.id;
        title.addEventListener('click', () => {
          canvas.scrollToElement(element);
          modeler.get('selection').select(element);
        });
        canvas.addMarker(element.id, 'mh-invalid');
        perElement.set(element.id, (perElement.get(element.id) || []).concat(issueWords(issue)));
      }
      $('issues').append(li);
    }
    for (const [id, words] of perElement) {
      const badge = document.createElement('div');
      badge.className = 'mh-issue-badge';
      badge.textContent = '!';
      badge.title = words.join(t('join'));
      overlays.add(id, 'mh-issue', { position: { top: -12, right: 12 }, html: badge });
    }
  }

  function showProblem(res, action) {
    if (res.body.code === 'BPMN_INVALID' && Array.isArray(res.body.errors)) {
      showIssues(res.body.errors, t('refusedNote', { action, n: res.body.errors.length }));
      return t('problems', { n: res.body.errors.length, list: state.issues.map(issueWords).join(t('join')) });
    }
    return res.body.message || 'HTTP ' + res.status;
  }

  async function currentXml() {
    const { xml } = await modeler.saveXML({ format: true });
    return xml;
  }

  function busy(on) {
    for (const id of ['btn-validate', 'btn-deploy']) $(id).disabled = on;
  }

  async function validate() {
    busy(true);
    try {
      const res = await api('POST', base + '/validate', { xml: await currentXml() });
      if (res.ok) {
        showIssues([], t('validNote'));
        setStatus(t('valid'), 'ok');
      } else setStatus(t('invalid', { problem: showProblem(res, t('validateAction')) }), 'error');
    } catch (err) {
      setStatus(t('validateFailed', { error: err.message }), 'error');
    } finally { busy(false); }
  }

  async function deploy() {
    busy(true);
    try {
      const res = await api('POST', base + '/versions', { xml: await currentXml() });
      if (res.status === 201) {
        state.current = res.body.version;
        state.dirty = false;
        state.versions = (await api('GET', base + '/versions')).body;
        showIssues([], t('deployedNote'));
        setStatus(t('deployed', { v: res.body.version }), 'ok');
      } else if (res.ok) {
        state.dirty = false;
        setStatus(t('unchanged', { v: res.body.version }), 'info');
      } else {
        setStatus(t('deployRefused', { problem: showProblem(res, t('deployAction')) }), 'error');
      }
      showVersion();
    } catch (err) {
      setStatus(t('deployFailed', { error: err.message }), 'error');
    } finally { busy(false); }
  }

  // --- compare -------------------------------------------------------------------------------
  function fillVersions() {
    const options = state.versions.map((v) => [String(v.version), t('version', { v: v.version, who: who(v) })]).concat([['draft', t('draft')]]);
    for (const [id, chosen] of [['compare-a', options.length > 2 ? options[options.length - 3][0] : options[0][0]], ['compare-b', options[options.length - 2][0]]]) {
      const select = $(id);
      select.replaceChildren(...options.map(([value, label]) => new Option(label, value, false, value === chosen)));
    }
  }

  async function runCompare() {
    const pick = async (value) => (value === 'draft' ? currentXml() : xmlOf(value));
    const a = $('compare-a').value;
    const b = $('compare-b').value;
    try {
      const rows = await window.MinhuCompare.diff(modeler.get('moddle'), await pick(a), await pick(b));
      window.MinhuCompare.renderRows($('compare-rows'), rows, panel.typeLabel);
      const count = (kind) => rows.filter((r) => r.kind === kind).length;
      $('compare-summary').textContent = rows.length ? t('compareSummary', { added: count('added'), removed: count('removed'), changed: count('changed') }) : t('compareSame');
      $('compare-table').hidden = rows.length === 0;
      state.compare = rows;
    } catch (err) {
      $('compare-summary').textContent = t('compareFailed', { error: err.message });
    }
  }

  $('btn-validate').addEventListener('click', validate);
  $('btn-deploy').addEventListener('click', deploy);
  $('btn-compare').addEventListener('click', () => {
    fillVersions();
    $('compare-summary').textContent = t('compareHint');
    $('compare-table').hidden = true;
    $('compare').showModal();
  });
  $('compare-run').addEventListener('click', runCompare);
  window.addEventListener('beforeunload', (event) => {
    if (state.dirty) event.preventDefault();
  });
  document.body.dataset.ready = 'true';
})().catch((err) => {
  const status = document.getElementById('status');
  if (status) status.textContent = window.minhu ? window.minhu.t('modeler.pageFailed', { error: err.message }) : err.message;
  document.body.dataset.ready = 'error';
});
