/* The modeler's properties panel: the selected element's name and minhu attributes, with
   Chinese labels and the choices of the city's policy. Every edit goes through bpmn-js
   `modeling.updateProperties`, so undo/redo and saveXML see it. */
(function definePanel() {
  const t = (key, params) => window.minhu.t('modeler.' + key, params);
  const TYPE_LABELS = window.minhu.section('modeler.types');
  const ATTRS = window.minhu.section('modeler.attrs');
  const STATUSES = Object.entries(window.minhu.section('modeler.statuses'));
  const FLAGS = Object.entries(window.minhu.section('modeler.flags'));
  const DURATION = /^[1-9][0-9]*(min|h|wd|d)$/;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children || []) if (c) node.append(c);
    return node;
  }

  function option(value, label, selected) {
    return el('option', { value, text: label, selected: value === selected });
  }

  function field(id, label, control, hint) {
    return el('div', { class: 'mh-field' }, [el('label', { for: id, text: label }), control, hint ? el('p', { class: 'mh-hint', id: id + '-hint', text: hint }) : null, el('p', { class: 'mh-field-error', id: id + '-error', role: 'alert' })]);
  }

  function flattenUnits(units, depth, out) {
    for (const u of units || []) {
      out.push({ name: u.name, depth });
      flattenUnits(u.children, depth + 1, out);
    }
    return out;
  }

  /** Creates the panel in `form` for the modeler; `policy` is the parsed policy of the city. */
  function createPanel(form, modeler, policy) {
    const modeling = modeler.get('modeling');
    const canvas = modeler.get('canvas');
    const tasks = Object.entries(policy.tasks || {});
    const units = flattenUnits(policy.units, 0, []);
    let current = null;

    function update(props) {
      if (current) modeling.updateProperties(current, props);
    }

    function formSelect(bo) {
      const value = bo.get('minhu:form') || '';
      const select = el('select', { id: 'f-form', 'aria-describedby': 'f-form-hint' }, [option('', t('notSet'), value)]);
      for (const [key, task] of tasks) select.append(option(key, t('task', { name: task.name, key }), value));
      if (value && !policy.tasks[value]) select.append(option(value, t('unknownTask', { value }), value));
      select.addEventListener('change', () => {
        const props = { 'minhu:form': select.value || undefined };
        if (select.value && !bo.name) props.name = policy.tasks[select.value].name;
        update(props);
      });
      return field('f-form', ATTRS['minhu:form'], select, t('formHint'));
    }

    function unitSelect(bo) {
      const value = bo.get('minhu:unit') || '';
      const keywords = el('optgroup', { label: t('byOrder') }, [option('lead', t('lead'), value), option('co', t('co'), value), option('centre', t('centre', { name: policy.centre || t('centreDefault') }), value)]);
      const named = el('optgroup', { label: t('namedUnits') }, units.map((u) => option(u.name, '\u3000'.repeat(u.depth) + u.name, value)));
      const select = el('select', { id: 'f-unit', 'aria-describedby': 'f-unit-hint' }, [option('', t('notSet'), value), keywords, named]);
      const known = ['lead', 'co', 'centre', policy.centre].concat(units.map((u) => u.name));
      if (value && !known.includes(value)) select.append(option(value, t('unknownUnit', { value }), value));
      select.addEventListener('change', () => update({ 'minhu:unit': select.value || undefined }));
      return field('f-unit', ATTRS['minhu:unit'], select, t('unitHint'));
    }

    function dueField(bo) {
      const value = bo.get('minhu:due') || '';
      const mode = value === '' ? '' : value === 'order' ? 'order' : 'duration';
      const select = el('select', { id: 'f-due-mode', 'aria-label': t('dueMode') }, [option('', t('notSet'), mode), option('order', t('dueOrder'), mode), option('duration', t('dueDuration'), mode)]);
      const input = el('input', { id: 'f-due', type: 'text', value: mode === 'duration' ? value : '', placeholder: t('duePlaceholder'), disabled: mode !== 'duration', 'aria-describedby': 'f-due-hint', inputmode: 'latin', spellcheck: 'false' });
      const wrap = field('f-due', ATTRS['minhu:due'], el('div', { class: 'mh-inline' }, [select, input]), t('dueHint'));
      const error = wrap.querySelector('.mh-field-error');
      select.addEventListener('change', () => {
        input.disabled = select.value !== 'duration';
        error.textContent = '';
        if (select.value === 'duration') input.focus();
        else update({ 'minhu:due': select.value || undefined });
      });
      input.addEventListener('change', () => {
        const text = input.value.trim();
        if (!DURATION.test(text)) {
          error.textContent = t('dueInvalid');
          input.setAttribute('aria-invalid', 'true');
          return;
        }
        input.removeAttribute('aria-invalid');
        error.textContent = '';
        update({ 'minhu:due': text });
      });
      return wrap;
    }

    function statusSelect(bo) {
      const value = bo.get('minhu:status') || '';
      const select = el('select', { id: 'f-status' }, STATUSES.map(([v, l]) => option(v, l, value)));
      select.addEventListener('change', () => update({ 'minhu:status': select.value || undefined }));
      return field('f-status', ATTRS['minhu:status'], select, t('statusHint'));
    }

    function flagInput(bo) {
      const input = el('input', { id: 'f-flag', type: 'text', list: 'f-flag-list', value: bo.get('minhu:flag') || '', spellcheck: 'false' });
      const list = el('datalist', { id: 'f-flag-list' }, FLAGS.map(([v, l]) => el('option', { value: v, text: l })));
      input.addEventListener('change', () => update({ 'minhu:flag': input.value.trim() || undefined }));
      return field('f-flag', ATTRS['minhu:flag'], el('div', {}, [input, list]), t('flagHint'));
    }

    function render(element) {
      current = element;
      form.replaceChildren();
      if (!element) {
        form.append(el('p', { class: 'mh-muted', text: t('selectHint') }));
        return;
      }
      const bo = element.businessObject;
      const type = bo.$type;
      form.append(el('dl', { class: 'mh-meta' }, [el('dt', { text: t('type') }), el('dd', { text: TYPE_LABELS[type] || type }), el('dt', { text: t('elementId') }), el('dd', { class: 'mh-code', text: bo.id })]));
      const name = el('input', { id: 'f-name', type: 'text', value: bo.name || '' });
      name.addEventListener('change', () => update({ name: name.value.trim() || undefined }));
      form.append(field('f-name', t('name'), name));
      if (type === 'bpmn:UserTask') form.append(el('h3', { text: t('taskRules') }), formSelect(bo), unitSelect(bo), dueField(bo));
      if (type === 'bpmn:EndEvent') form.append(el('h3', { text: t('endRules') }), statusSelect(bo));
      if (type === 'bpmn:EndEvent' || type === 'bpmn:IntermediateThrowEvent') form.append(flagInput(bo));
      if (!['bpmn:UserTask', 'bpmn:EndEvent', 'bpmn:IntermediateThrowEvent'].includes(type) && element !== canvas.getRootElement()) {
        form.append(el('p', { class: 'mh-muted', text: t('noRules') }));
      }
    }

    form.addEventListener('submit', (event) => event.preventDefault());
    modeler.on('selection.changed', ({ newSelection }) => render(newSelection.length === 1 ? newSelection[0] : null));
    modeler.on('elements.changed', ({ elements }) => {
      if (current && elements.some((e) => e.id === current.id) && !form.contains(document.activeElement)) render(current);
    });
    render(null);
    return { render, typeLabel: (type) => TYPE_LABELS[type] || type };
  }

  window.MinhuPanel = { createPanel, TYPE_LABELS };
})();
