import { parsePolicy } from '../../../src/engine/policy/load-policies';
import { PolicyInvalidError } from '../../../src/engine/policy/policy-error';
import { ValidationError } from '../../../src/shared/errors';
import { problemsOf, refusal, variant } from './policy-variant';

describe('policy shape errors', () => {
  it('words a bad time limit exactly, without a union dump', () => {
    const error = refusal(
      variant((d) => (d.timeLimits.complaint = '15d'), 'huizhou'),
      'policies/huizhou.yaml',
    );
    expect(error).toBeInstanceOf(PolicyInvalidError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('POLICY_INVALID');
    expect(error.file).toBe('policies/huizhou.yaml');
    expect(error.message).toBe(
      'policies/huizhou.yaml: timeLimits.complaint: expected a whole number of working days ≥ 1, got "15d"',
    );
    expect(error.issues).toEqual([
      {
        file: 'policies/huizhou.yaml',
        path: 'timeLimits.complaint',
        message: 'expected a whole number of working days ≥ 1, got "15d"',
      },
    ]);
  });

  it.each([
    [0, 'timeLimits.complaint: expected a whole number of working days ≥ 1, got 0'],
    [2.5, 'timeLimits.complaint: expected a whole number of working days ≥ 1, got 2.5'],
    [{ hours: 0 }, 'timeLimits.complaint.hours: expected a whole number ≥ 1, got 0'],
    [
      { hour: 4 },
      'timeLimits.complaint: expected a whole number of working days ≥ 1, or one of {workingDays: n}, {naturalDays: n}, {hours: n} or {minutes: n} with n a whole number ≥ 1, got a mapping {"hour":4}',
    ],
  ])('explains the time limit %j', (limit, expected) => {
    expect(problemsOf((d) => (d.timeLimits.complaint = limit))).toEqual([expected]);
  });

  it('refuses an unknown key (a typo), naming it and suggesting the right one', () => {
    const problems = problemsOf((d) => {
      d.tasks.sign.outcomes.return.lable = d.tasks.sign.outcomes.return.label;
      delete d.tasks.sign.outcomes.return.label;
    });
    expect(problems).toContainEqual(
      'tasks.sign.outcomes.return.lable: unknown key "lable" (did you mean "label"?); expected one of: label, roles, fields, guards, effects',
    );
  });

  it('refuses an unknown key at the top level', () => {
    expect(problemsOf((d) => (d.timeLimit = {}))).toEqual([
      'timeLimit: unknown key "timeLimit" (did you mean "timeLimits"?); expected one of: city, name, numberPrefix, timezone, centre, calendar, categories, channels, timeLimits, channelTimeLimits, units, users, routing, deadlines, intake, notAcceptedReasons, transferTargets, repeatDetection, tasks, duty, assessment',
    ]);
  });

  it('names a missing required field', () => {
    expect(problemsOf((d) => delete d.numberPrefix)).toEqual([
      'numberPrefix: required: expected text, but it is missing',
    ]);
    expect(problemsOf((d) => delete d.tasks.sign.outcomes.done.label)).toEqual([
      'tasks.sign.outcomes.done.label: required: expected text, but it is missing',
    ]);
  });

  it('refuses a calendar date that is badly written or does not exist', () => {
    expect(
      problemsOf((d) => {
        d.calendar.extraHolidays = ['2026-02-30', '2026/10/01'];
      }),
    ).toEqual([
      'calendar.extraHolidays.0: expected a real date written YYYY-MM-DD, got "2026-02-30"',
      'calendar.extraHolidays.1: expected a real date written YYYY-MM-DD, got "2026/10/01"',
    ]);
  });

  it('checks codes, keys and enums', () => {
    expect(problemsOf((d) => (d.numberPrefix = 'smp'))).toEqual([
      'numberPrefix: expected 2 to 6 capital letters such as SMP, got "smp"',
    ]);
    expect(problemsOf((d) => (d.tasks.sign.roles = ['handler', 'boss']))).toEqual([
      'tasks.sign.roles.1: expected one of "operator", "dispatcher", "handler", "leader", "supervisor", "admin", "auditor", "partner", got "boss"',
    ]);
    expect(problemsOf((d) => (d.tasks.sign.outcomes.return.guards[0].error = 'closed'))).toEqual([
      'tasks.sign.outcomes.return.guards.0.error: expected an UPPER_SNAKE error code such as RETURN_WINDOW_CLOSED, got "closed"',
    ]);
  });

  it('explains guards and effects of the wrong form', () => {
    const problems = problemsOf((d) => {
      const ret = d.tasks.sign.outcomes.return;
      ret.guards.push({ rule: 'before', error: 'X' }, { rule: 'within', since: 'task:sign', limit: 1, error: 'X' });
      ret.effects.push({ addFlag: 'a', removeFlag: 'b' }, { extendOrderDue: { field: 'kind', unit: 'days' } });
    });
    expect(problems).toEqual([
      'tasks.sign.outcomes.return.guards.3.rule: expected a guard with rule "within", "beforeDue", "maxTimes", "categoryIn", "channelIn", "requires", "notFlag", "noneOpen", "spacing", got "before"',
      'tasks.sign.outcomes.return.guards.4.since: expected "order.created", "task.created" or "task:<formKey>.completed", got "task:sign"',
      'tasks.sign.outcomes.return.effects.2: expected an effect with exactly one of the keys addFlag, removeFlag, setLeadUnit, setCoUnits, setOrderDue, extendOrderDue, setData, got a mapping {"addFlag":"a","removeFlag":"b"}',
      'tasks.sign.outcomes.return.effects.3.extendOrderDue.unit: expected one of "workingDays", "naturalDays", "hours", got "days"',
    ]);
  });

  it('checks the options and limits of form fields against their type', () => {
    const problems = problemsOf((d) => {
      d.tasks.sign.outcomes.return.fields.push(
        { name: 'pick', label: '选择', type: 'choice' },
        { name: 'words', label: '文字', type: 'text', options: ['a'], min: 1 },
        { name: 'n', label: '数', type: 'number', min: 5, max: 1, maxLength: 3 },
      );
    });
    expect(problems).toEqual([
      'tasks.sign.outcomes.return.fields.2.options: expected a list of options for a choice field, got nothing',
      'tasks.sign.outcomes.return.fields.3.options: expected no options: only a choice field has one, this one is text',
      'tasks.sign.outcomes.return.fields.3.min: expected no min: only a number field has one, this one is text',
      'tasks.sign.outcomes.return.fields.4.maxLength: expected no maxLength: only a text field has one, this one is number',
      'tasks.sign.outcomes.return.fields.4.max: expected max ≥ min (5), got 1',
    ]);
  });

  it('lists every problem of the file at once', () => {
    const error = refusal(
      variant((d) => {
        d.timeLimits.complaint = '15d';
        delete d.centre;
        d.units[0].kind = 3;
      }),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['centre', 'timeLimits.complaint', 'units.0.kind']);
    expect(error.message.split('\n')).toHaveLength(3);
  });
});

describe('YAML errors', () => {
  it('gives the line and column of a syntax error', () => {
    const text = 'city: sample\nname: 示例市\ncategories:\n  complaint: name: 投诉\n';
    const error = refusal(text);
    expect(error.issues).toEqual([
      {
        file: 'policies/sample.yaml',
        path: '',
        line: 4,
        column: 14,
        message: 'YAML syntax: Nested mappings are not allowed in compact mappings',
      },
    ]);
    expect(error.message).toBe(
      'policies/sample.yaml:4:14: YAML syntax: Nested mappings are not allowed in compact mappings',
    );
  });

  it('refuses a key written twice', () => {
    expect(refusal('city: sample\ncity: other\n').message).toBe(
      'policies/sample.yaml:2:1: YAML syntax: Map keys must be unique',
    );
  });

  it('refuses an empty file', () => {
    expect(refusal('').message).toBe('policies/sample.yaml: expected a mapping (key: value), got an empty value');
  });

  it('reads dates as text (YAML 1.2), not as timestamps', () => {
    const text = variant((d) => (d.calendar.extraHolidays = ['2026-06-01'])).replace('- "2026-06-01"', '- 2026-06-01');
    expect(parsePolicy(text, 'policies/sample.yaml').calendar.extraHolidays).toEqual(['2026-06-01']);
  });
});
