/* The modeler's properties panel: the selected element's name and minhu attributes, with
   Chinese labels and the choices of the city's policy. Every edit goes through bpmn-js
   `modeling.updateProperties`, so undo/redo and saveXML see it. */
(function definePanel() {
  const TYPE_LABELS = {
    'bpmn:Process': '流程', 'bpmn:UserTask': '用户任务', 'bpmn:Task': '任务', 'bpmn:StartEvent': '开始事件',
    'bpmn:EndEvent': '结束事件', 'bpmn:IntermediateThrowEvent': '中间抛出事件', 'bpmn:IntermediateCatchEvent': '中间捕获事件',
    'bpmn:BoundaryEvent': '边界事件', 'bpmn:ExclusiveGateway': '排他网关', 'bpmn:ParallelGateway': '并行网关',
    'bpmn:InclusiveGateway': '包容网关', 'bpmn:EventBasedGateway': '事件网关', 'bpmn:SequenceFlow': '顺序流',
    'bpmn:SubProcess': '子流程', 'bpmn:Lane': '泳道', 'bpmn:Participant': '参与者', 'bpmn:TextAnnotation': '注释',
  };
  const STATUSES = [['', '默认（办结）'], ['closed', '办结 closed'], ['answered', '已答复 answered'], ['not-accepted', '不予受理 not-accepted'], ['transferred', '已转办 transferred'], ['cancelled', '已撤销 cancelled']];
  const FLAGS = [['urged', '已催办'], ['supervised', '已督办'], ['contact-missed', '未联系诉求人'], ['requester-not-informed', '未告知诉求人'], ['sign-late', '签收超时'], ['improper-return', '不当退回'], ['ledger', '纳入台账']];
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
      const select = el('select', { id: 'f-form', 'aria-describedby': 'f-form-hint' }, [option('', '（未设置）', value)]);
      for (const [key, t] of tasks) select.append(option(key, t.name + '（' + key + '）', value));
      if (value && !policy.tasks[value]) select.append(option(value, value + '（政策中没有此任务）', value));
      select.addEventListener('change', () => {
        const props = { 'minhu:form': select.value || undefined };
        if (select.value && !bo.name) props.name = policy.tasks[select.value].name;
        update(props);
      });
      return field('f-form', '任务表单', select, '政策文件 tasks 中的任务：决定名称、角色、表单字段和办理结果。');
    }

    function unitSelect(bo) {
      const value = bo.get('minhu:unit') || '';
      const keywords = el('optgroup', { label: '按工单确定' }, [option('lead', '主办单位（工单的主办单位）', value), option('co', '协办单位（每个协办单位一项任务）', value), option('centre', '中心（' + (policy.centre || '热线中心') + '）', value)]);
      const named = el('optgroup', { label: '指定单位' }, units.map((u) => option(u.name, '\u3000'.repeat(u.depth) + u.name, value)));
      const select = el('select', { id: 'f-unit', 'aria-describedby': 'f-unit-hint' }, [option('', '（未设置）', value), keywords, named]);
      const known = ['lead', 'co', 'centre', policy.centre].concat(units.map((u) => u.name));
      if (value && !known.includes(value)) select.append(option(value, value + '（政策中没有此单位）', value));
      select.addEventListener('change', () => update({ 'minhu:unit': select.value || undefined }));
      return field('f-unit', '承办单位', select, '“协办单位”要求任务为多实例。');
    }

    function dueField(bo) {
      const value = bo.get('minhu:due') || '';
      const mode = value === '' ? '' : value === 'order' ? 'order' : 'duration';
      const select = el('select', { id: 'f-due-mode', 'aria-label': '办理时限方式' }, [option('', '（未设置）', mode), option('order', '随工单期限', mode), option('duration', '指定时长', mode)]);
      const input = el('input', { id: 'f-due', type: 'text', value: mode === 'duration' ? value : '', placeholder: '如 3wd', disabled: mode !== 'duration', 'aria-describedby': 'f-due-hint', inputmode: 'latin', spellcheck: 'false' });
      const wrap = field('f-due', '办理时限', el('div', { class: 'mh-inline' }, [select, input]), '时长写法：30min（分钟）、4h（小时）、5wd（工作日）、10d（自然日）。');
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
          error.textContent = '格式不正确：请写成数字加单位，如 24h、5wd。';
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
      return field('f-status', '工单状态', select, '流程在此结束时工单的状态。');
    }

    function flagInput(bo) {
      const input = el('input', { id: 'f-flag', type: 'text', list: 'f-flag-list', value: bo.get('minhu:flag') || '', spellcheck: 'false' });
      const list = el('datalist', { id: 'f-flag-list' }, FLAGS.map(([v, l]) => el('option', { value: v, text: l })));
      input.addEventListener('change', () => update({ 'minhu:flag': input.value.trim() || undefined }));
      return field('f-flag', '标记', el('div', {}, [input, list]), '流程经过此处时给工单加上的标记（如 urged、supervised），并记入审计。');
    }

    function render(element) {
      current = element;
      form.replaceChildren();
      if (!element) {
        form.append(el('p', { class: 'mh-muted', text: '在画布上选择一个元素以编辑其属性。' }));
        return;
      }
      const bo = element.businessObject;
      const type = bo.$type;
      form.append(el('dl', { class: 'mh-meta' }, [el('dt', { text: '类型' }), el('dd', { text: TYPE_LABELS[type] || type }), el('dt', { text: '元素 ID' }), el('dd', { class: 'mh-code', text: bo.id })]));
      const name = el('input', { id: 'f-name', type: 'text', value: bo.name || '' });
      name.addEventListener('change', () => update({ name: name.value.trim() || undefined }));
      form.append(field('f-name', '名称', name));
      if (type === 'bpmn:UserTask') form.append(el('h3', { text: '民呼任务规则' }), formSelect(bo), unitSelect(bo), dueField(bo));
      if (type === 'bpmn:EndEvent') form.append(el('h3', { text: '结束规则' }), statusSelect(bo));
      if (type === 'bpmn:EndEvent' || type === 'bpmn:IntermediateThrowEvent') form.append(flagInput(bo));
      if (!['bpmn:UserTask', 'bpmn:EndEvent', 'bpmn:IntermediateThrowEvent'].includes(type) && element !== canvas.getRootElement()) {
        form.append(el('p', { class: 'mh-muted', text: '此类元素没有民呼专用属性。' }));
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
