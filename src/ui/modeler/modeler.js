/* The administrator's BPMN modeler: /admin/processes/<city>/modeler. Loads the city's current
   diagram into bpmn-js's Modeler (with the minhu moddle extension served by the app), edits the
   minhu attributes in the side panel, validates and deploys through the processes API, and
   compares two versions. window.__modeler reports the state (for tests and screenshots). */
(async function startModeler() {
  const $ = (id) => document.getElementById(id);
  const city = decodeURIComponent(location.pathname.split('/')[3] || '');
  const state = { city, csrf: null, versions: [], current: 0, dirty: false, modeler: null, issues: [] };
  window.__modeler = state;

  const CODE_WORDS = {
    TASK_ATTRIBUTE_MISSING: '缺少必填属性', TASK_FORM_UNKNOWN: '任务表单在政策中不存在', TASK_UNIT_UNKNOWN: '承办单位无效',
    TASK_DUE_INVALID: '办理时限格式不正确', END_STATUS_INVALID: '工单状态无效', SCRIPT_TASK_REFUSED: '不允许脚本任务',
    SERVICE_TASK_REFUSED: '不允许服务类任务', CALL_ACTIVITY_REFUSED: '不支持调用活动', EXPRESSION_NOT_ALLOWED: '表达式不在允许范围内',
    SCRIPT_CONDITION_REFUSED: '不允许脚本条件', PROCESS_KEY_MISMATCH: '流程 ID 必须是城市代码', BPMN_MALFORMED: '不是有效的 BPMN 文档',
    BPMN_NO_PROCESS: '图中没有流程', BPMN_TOO_LARGE: '文件过大', BPMN_DOCTYPE_REFUSED: '不允许 DOCTYPE 声明', BPMN_WARNING: 'BPMN 警告',
  };
  const ATTR_WORDS = { 'minhu:form': '未设置“任务表单”', 'minhu:unit': '未设置“承办单位”' };

  /** An issue in words: what is wrong, in Chinese, with the server's own message kept as detail. */
  function issueWords(issue) {
    if (issue.code === 'TASK_ATTRIBUTE_MISSING') {
      const attr = Object.keys(ATTR_WORDS).find((a) => issue.message.includes(a));
      if (attr) return ATTR_WORDS[attr];
    }
    return CODE_WORDS[issue.code] || issue.code || '不符合要求';
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
  if (session.status === 401) return refuse('请先登录', '流程建模仅限管理员使用，请先以本市管理员账号登录。', true);
  const user = session.body.user || {};
  if (user.role !== 'admin' || user.city !== city) {
    return refuse('无权使用流程建模', '只有本市（' + city + '）的管理员可以编辑和发布流程。当前账号：' + (user.username || '—') + '。', false);
  }
  state.csrf = session.body.csrfToken;
  $('app').hidden = false;

  const [policyRes, versionsRes, descriptor] = await Promise.all([
    api('GET', '/api/policies/' + encodeURIComponent(city)),
    api('GET', base + '/versions'),
    fetch('/ui/modeler/minhu-moddle.json').then((r) => r.json()),
  ]);
  if (!policyRes.ok || !versionsRes.ok) return refuse('无法加载流程', (versionsRes.body.message || policyRes.body.message || '服务器错误') + '', false);
  const policy = policyRes.body.policy;
  state.versions = versionsRes.body;
  $('crumb-city').textContent = policy.name || city;
  document.title = '流程建模 · ' + (policy.name || city) + ' — 民呼';

  const modeler = new window.BpmnJS({ container: '#canvas', moddleExtensions: { minhu: descriptor } });
  state.modeler = modeler;
  const canvas = modeler.get('canvas');
  const overlays = modeler.get('overlays');
  const registry = modeler.get('elementRegistry');
  const panel = window.MinhuPanel.createPanel($('props'), modeler, policy);

  const who = (v) => (v.deployedBy === 'file' ? '初始版本' : v.deployedBy);

  function showVersion() {
    $('version-badge').textContent = state.current ? '当前版本 v' + state.current : '尚无版本';
    $('dirty').hidden = !state.dirty;
  }

  async function xmlOf(version) {
    const res = await api('GET', base + '/versions/' + version);
    if (!res.ok) throw new Error(res.body.message || 'HTTP ' + res.status);
    return res.body.xml;
  }

  const latest = state.versions[state.versions.length - 1];
  if (!latest) return refuse('尚无流程', '本市还没有已发布的流程版本。', false);
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
  setStatus('已载入第 ' + latest.version + ' 版（' + who(latest) + '，' + new Date(latest.deployedAt).toLocaleString('zh-CN') + '）。' + (warnings.length ? warnings.length + ' 个导入警告。' : ''), 'info');

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
      const where = element ? (element.businessObject.name || element.id) + '（' + element.id + '）' : issue.path || '整个流程';
      title.textContent = where + '：' + issueWords(issue);
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
      badge.title = words.join('；');
      overlays.add(id, 'mh-issue', { position: { top: -12, right: 12 }, html: badge });
    }
  }

  function showProblem(res, action) {
    if (res.body.code === 'BPMN_INVALID' && Array.isArray(res.body.errors)) {
      showIssues(res.body.errors, action + '未通过：共 ' + res.body.errors.length + ' 处问题，已在图上标出。');
      return '共 ' + res.body.errors.length + ' 处问题：' + state.issues.map(issueWords).join('；');
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
        showIssues([], '校验通过：流程符合引擎规则和本市政策，可以发布。');
        setStatus('校验通过。', 'ok');
      } else setStatus('校验未通过：' + showProblem(res, '校验'), 'error');
    } catch (err) {
      setStatus('校验失败：' + err.message, 'error');
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
        showIssues([], '已发布。');
        setStatus('已发布为第 ' + res.body.version + ' 版：新受理的工单按此版本办理，在办工单仍按原版本。', 'ok');
      } else if (res.ok) {
        state.dirty = false;
        setStatus('与当前第 ' + res.body.version + ' 版相同，未产生新版本。', 'info');
      } else {
        setStatus('发布被拒绝（未产生新版本，编辑内容仍保留在画布上）：' + showProblem(res, '发布'), 'error');
      }
      showVersion();
    } catch (err) {
      setStatus('发布失败（编辑内容仍保留在画布上）：' + err.message, 'error');
    } finally { busy(false); }
  }

  // --- 版本对比 ------------------------------------------------------------------------------
  function fillVersions() {
    const options = state.versions.map((v) => [String(v.version), '第 ' + v.version + ' 版（' + who(v) + '）']).concat([['draft', '编辑中（未发布）']]);
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
      $('compare-summary').textContent = rows.length ? '新增 ' + count('added') + ' 个、删除 ' + count('removed') + ' 个、修改 ' + count('changed') + ' 个元素。' : '两个版本的流程元素相同。';
      $('compare-table').hidden = rows.length === 0;
      state.compare = rows;
    } catch (err) {
      $('compare-summary').textContent = '无法对比：' + err.message;
    }
  }

  $('btn-validate').addEventListener('click', validate);
  $('btn-deploy').addEventListener('click', deploy);
  $('btn-compare').addEventListener('click', () => {
    fillVersions();
    $('compare-summary').textContent = '选择两个版本后点击“对比”。';
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
  if (status) status.textContent = '无法加载流程建模：' + err.message;
  document.body.dataset.ready = 'error';
});
