/* Shows a city's deployed diagram read-only with bpmn-js. The page's path names it:
   /diagrams/<key>. window.__diagram reports the import (for tests and screenshots). */
(async function showDiagram() {
  const key = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  const status = document.getElementById('status');
  const viewer = new window.BpmnJS({ container: '#canvas' });
  try {
    const response = await fetch('/diagrams/' + encodeURIComponent(key) + '.bpmn');
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const { warnings } = await viewer.importXML(await response.text());
    viewer.get('canvas').zoom('fit-viewport', 'auto');
    const elements = viewer.get('elementRegistry').getAll().map((e) => ({ id: e.id, type: e.type }));
    const root = viewer.get('canvas').getRootElement();
    document.getElementById('title').textContent = (root.businessObject && root.businessObject.name) || key;
    status.textContent = warnings.length ? warnings.length + ' 个警告' : '';
    window.__diagram = { ok: true, warnings: warnings.map((w) => w.message), elements };
  } catch (err) {
    status.textContent = '无法显示流程图：' + err.message;
    window.__diagram = { ok: false, warnings: [String(err.message)], elements: [] };
  }
  document.body.dataset.ready = 'true';
})();
