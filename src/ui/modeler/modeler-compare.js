/* 版本对比: the elements added, removed and changed between two diagrams, computed in the
   browser. Both XMLs are read with the modeler's own moddle (so the minhu: attributes are
   known) and compared by element id: type, name, minhu attributes, a flow's ends and condition. */
(function defineCompare() {
  const t = (key, params) => window.minhu.t('modeler.' + key, params);
  /** The compared minhu attributes with their labels, in the panel's order. */
  const ATTRS = Object.entries(window.minhu.section('modeler.attrs'));

  function describe(bo) {
    const facts = { type: bo.$type, name: bo.name || '' };
    for (const [attr] of ATTRS) {
      const value = bo.get(attr);
      if (value !== undefined && value !== null && value !== '') facts[attr] = String(value);
    }
    if (bo.$type === 'bpmn:SequenceFlow') {
      facts.from = bo.sourceRef ? bo.sourceRef.id : '';
      facts.to = bo.targetRef ? bo.targetRef.id : '';
      facts.condition = bo.conditionExpression ? bo.conditionExpression.body || '' : '';
    }
    if (bo.$type === 'bpmn:BoundaryEvent') facts.attachedTo = bo.attachedToRef ? bo.attachedToRef.id : '';
    return facts;
  }

  function collect(container, out) {
    for (const bo of container.flowElements || []) {
      out.set(bo.id, describe(bo));
      if (bo.flowElements) collect(bo, out);
    }
    return out;
  }

  /** Every flow element of the diagram's processes, by id. */
  async function elementsOf(moddle, xml) {
    const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
    const out = new Map();
    for (const root of rootElement.rootElements || []) if (root.$type === 'bpmn:Process') collect(root, out);
    return out;
  }

  const LABELS = { ...window.minhu.section('modeler.facts'), ...Object.fromEntries(ATTRS) };

  function changes(a, b) {
    const keys = new Set(Object.keys(a).concat(Object.keys(b)));
    const out = [];
    for (const key of keys) {
      if ((a[key] || '') !== (b[key] || '')) out.push({ key, label: LABELS[key] || key, from: a[key] || '', to: b[key] || '' });
    }
    return out;
  }

  /** The differences from `xmlA` to `xmlB`: [{ kind: 'added'|'removed'|'changed', id, type, name, changes }]. */
  async function diff(moddle, xmlA, xmlB) {
    const [a, b] = await Promise.all([elementsOf(moddle, xmlA), elementsOf(moddle, xmlB)]);
    const rows = [];
    for (const [id, facts] of b) {
      if (!a.has(id)) rows.push({ kind: 'added', id, type: facts.type, name: facts.name, facts, changes: [] });
      else {
        const changed = changes(a.get(id), facts);
        if (changed.length) rows.push({ kind: 'changed', id, type: facts.type, name: facts.name || a.get(id).name, facts, changes: changed });
      }
    }
    for (const [id, facts] of a) if (!b.has(id)) rows.push({ kind: 'removed', id, type: facts.type, name: facts.name, facts, changes: [] });
    const order = { added: 0, changed: 1, removed: 2 };
    return rows.sort((x, y) => order[x.kind] - order[y.kind] || x.id.localeCompare(y.id));
  }

  const KIND_LABELS = window.minhu.section('modeler.kinds');

  function detail(row) {
    if (row.kind === 'changed') return row.changes.map((c) => t('change', { label: c.label, from: c.from || t('none'), to: c.to || t('none') })).join(t('join'));
    return ATTRS.filter(([attr]) => row.facts[attr]).map(([attr, label]) => t('fact', { label, value: row.facts[attr] })).join(t('join'));
  }

  /** Fills the table body with the rows; typeLabel names a BPMN type in words. */
  function renderRows(tbody, rows, typeLabel) {
    tbody.replaceChildren();
    for (const row of rows) {
      const tr = document.createElement('tr');
      tr.dataset.kind = row.kind;
      tr.dataset.elementId = row.id;
      const cells = [KIND_LABELS[row.kind], (row.name ? row.name + ' ' : '') + '(' + row.id + ')', typeLabel(row.type), detail(row)];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        if (i === 0) {
          const tag = document.createElement('span');
          tag.className = 'mh-tag mh-' + row.kind;
          tag.textContent = text;
          td.append(tag);
        } else td.textContent = text;
        tr.append(td);
      });
      tbody.append(tr);
    }
  }

  window.MinhuCompare = { diff, renderRows, KIND_LABELS };
})();
