import { loadPolicies } from '../../../src/engine/policy/load-policies';
import type { FieldDef, TaskPolicy } from '../../../src/engine/policy/policy.schema';
import { parseIntake } from '../../../src/engine/work-order/intake';
import { validateForm } from '../../../src/engine/work-order/form-validation';
import { ValidationError } from '../../../src/shared/errors';
import { fieldErrorText } from '../../../src/ui/field-errors';

/** The field messages a call refuses with. */
function messagesOf(call: () => unknown): Record<string, string> {
  try {
    call();
  } catch (err: unknown) {
    if (err instanceof ValidationError) return Object.fromEntries(err.issues.map((i) => [i.path, i.message]));
    throw err;
  }
  throw new ValidationError('EXPECTED_REFUSAL', 'expected a refusal', []);
}

const policy = loadPolicies('policies', ['sample']).get('sample')!;

const NOW = new Date('2026-12-03T02:00:00Z');

function formMessages(fields: FieldDef[], data: Record<string, unknown>): Record<string, string> {
  const task = { name: '测试', roles: ['handler'], outcomes: { done: { label: '完成', fields } } } as unknown as TaskPolicy;
  return messagesOf(() => validateForm(policy, task, 'done', data, '新华区', NOW));
}

describe('field errors in Chinese', () => {
  it('translates what the intake refuses with', () => {
    const m = messagesOf(() => parseIntake({ city: 'sample', category: 'help', channel: 'hotline', content: ' ', requester: { name: '', phone: '123' }, topic: 'x'.repeat(101), mode: 'later' }));
    expect(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, fieldErrorText(v)]))).toEqual({
      content: '请填写诉求内容',
      'requester.name': '请填写诉求人姓名',
      'requester.phone': '请填写手机号（11位）或固定电话',
      topic: '最多 100 个字',
      mode: '请从可选项中选择',
    });
    expect(fieldErrorText(messagesOf(() => parseIntake({}))['category']!)).toBe('此项为必填');
  });

  it('translates what a task form refuses with, field type by field type', () => {
    const fields: FieldDef[] = [
      { name: 'a', label: '必填', type: 'text', required: true },
      { name: 'b', label: '短文', type: 'text', required: false, maxLength: 5 },
      { name: 'c', label: '选项', type: 'choice', required: false, options: ['电话', '短信'] },
      { name: 'd', label: '数字', type: 'number', required: false, min: 1, max: 5 },
      { name: 'e', label: '数字2', type: 'number', required: false, min: 1, max: 5 },
      { name: 'f', label: '数字3', type: 'number', required: false },
      { name: 'g', label: '时间', type: 'datetime', required: false },
      { name: 'h', label: '是否', type: 'boolean', required: false },
      { name: 'i', label: '单位', type: 'unit', required: false },
      { name: 'j', label: '联系时间', type: 'datetime', required: false, when: 'past' },
      { name: 'k', label: '重办期限', type: 'datetime', required: false, when: 'future' },
    ] as FieldDef[];
    const m = formMessages(fields, { b: '一二三四五六', c: '邮件', d: 0, e: 9, f: 'x', g: '明天', h: 'yes', i: '火星', j: '2026-12-03T10:06:00+08:00', k: '2026-12-03T10:00:00+08:00', z: 1 });
    expect(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, fieldErrorText(v)]))).toEqual({
      'data.a': '此项为必填',
      'data.b': '最多 5 个字',
      'data.c': '请从可选项中选择',
      'data.d': '不能小于 1',
      'data.e': '不能大于 5',
      'data.f': '请填写数字',
      'data.g': '请填写日期和时间',
      'data.h': '请勾选或不勾选',
      'data.i': '请选择单位',
      'data.j': '不能晚于现在',
      'data.k': '须晚于现在',
      'data.z': '表单中没有此项',
    });
  });

  it('takes a past time up to a few minutes ahead (a browser clock a little fast) and a deadline after now', () => {
    const fields = [
      { name: 'j', label: '联系时间', type: 'datetime', required: true, when: 'past' },
      { name: 'k', label: '重办期限', type: 'datetime', required: true, when: 'future' },
    ] as FieldDef[];
    const task = { name: '测试', roles: ['handler'], outcomes: { done: { label: '完成', fields } } } as unknown as TaskPolicy;
    expect(() => validateForm(policy, task, 'done', { j: '2026-12-03T10:04:00+08:00', k: '2026-12-03T10:00:01+08:00' }, '新华区', NOW)).not.toThrow();
  });

  it('takes no file chosen (an empty list) as an optional files field left empty, and as missing when required', () => {
    const fields = [
      { name: 'attachments', label: '附件', type: 'files', required: false },
      { name: 'document', label: '书面回复文件', type: 'files', required: true },
    ] as FieldDef[];
    expect(formMessages(fields, { attachments: [], document: [] })).toEqual({ 'data.document': 'required (书面回复文件)' });
  });

  it('leaves a message it does not know to the caller (null)', () => {
    expect(fieldErrorText('something new')).toBeNull();
  });
});
