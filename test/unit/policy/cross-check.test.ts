import { parsePolicy } from '../../../src/engine/policy/load-policies';
import { problemsOf, refusal, variant } from './policy-variant';

describe('policy cross-references', () => {
  it('accepts the valid sample under its own name', () => {
    expect(() =>
      parsePolicy(
        variant(() => undefined, 'sample'),
        'policies/sample.yaml',
      ),
    ).not.toThrow();
  });

  it('requires the city to equal the file name', () => {
    expect(
      refusal(
        variant(() => undefined, 'other'),
        'policies/huizhou.yaml',
      ).message,
    ).toBe('policies/huizhou.yaml: city: expected "huizhou" (the file\'s name), got "other"');
  });

  it('requires a time limit for every category and no limit for an unknown one', () => {
    expect(
      problemsOf((d) => {
        delete d.timeLimits.help;
        d.timeLimits.complain = 15;
      }),
    ).toEqual([
      'timeLimits.complain: expected a category code (one of consultation, help, complaint, report, suggestion), got "complain"',
      'timeLimits.help: expected a time limit for category "help", got nothing',
    ]);
  });

  it('refuses a channel time limit for an unknown channel', () => {
    expect(problemsOf((d) => (d.channelTimeLimits.weibo = 3))).toEqual([
      'channelTimeLimits.weibo: expected a channel code (one of hotline, wechat, mayor-mailbox), got "weibo"',
    ]);
  });

  it('requires unit names to be unique in the whole tree and different from the centre', () => {
    expect(
      problemsOf((d) => {
        d.units[1].children = [{ name: '某社区' }, { name: '示例市12345热线中心' }];
      }),
    ).toEqual([
      'units.1.children.0.name: expected a unit name not used before, got "某社区" (also at units.0.children.0.children.0.name)',
      'units.1.children.1.name: expected a unit name other than the centre\'s, got "示例市12345热线中心"',
    ]);
  });

  it('checks the users: unique ids, known units, operators at the centre, handlers in a unit', () => {
    expect(
      problemsOf((d) => {
        d.users.push(
          { id: 'op1', name: '重复', role: 'auditor' },
          { id: 'h2', name: '无单位', role: 'handler' },
          { id: 'h3', name: '错单位', role: 'leader', unit: '旧城区' },
          { id: 'op2', name: '错话务', role: 'operator', unit: '新华区' },
        );
      }),
    ).toEqual([
      'users.9.id: expected an id not used before, got "op1" (also users.0)',
      'users.10.unit: required: expected the unit this handler works in, but it is missing',
      'users.11.unit: expected the name of a unit or the centre, got "旧城区"',
      'users.12.unit: expected the centre "示例市12345热线中心" (an operator works there) or nothing, got "新华区"',
    ]);
  });

  it('checks the units and codes of routing rules', () => {
    expect(
      problemsOf((d) => {
        d.routing[0] = {
          when: { category: ['complain'], channel: ['weibo'] },
          lead: '旧城区',
          co: ['新华区', '市住建局'],
        };
        d.routing[1].lead = '示例市12345热线中心';
        d.routing[1].co = ['新华区'];
      }),
    ).toEqual([
      'routing.0.lead: expected the name of a unit, got "旧城区"',
      'routing.0.when.category.0: expected a category code (one of consultation, help, complaint, report, suggestion), got "complain"',
      'routing.0.when.channel.0: expected a channel code (one of hotline, wechat, mayor-mailbox), got "weibo"',
      'routing.1.lead: expected the name of a unit, got "示例市12345热线中心"',
    ]);
    expect(problemsOf((d) => (d.routing[0].co = ['市住建局']))).toEqual([
      'routing.0.co.0: expected a unit other than the lead, got "市住建局"',
    ]);
  });

  it('checks the codes, tasks and outcomes that guards name', () => {
    expect(
      problemsOf((d) => {
        d.tasks.handle.outcomes.extend.guards = [
          { rule: 'categoryIn', categories: ['complaint', 'complain'], error: 'A' },
          { rule: 'channelIn', channels: ['weibo'], error: 'B' },
          { rule: 'within', since: 'task:signed.completed', limit: 1, error: 'C' },
          { rule: 'requires', task: 'signed', error: 'D' },
          { rule: 'requires', task: 'sign', outcome: 'accepted', error: 'E' },
        ];
      }),
    ).toEqual([
      'tasks.handle.outcomes.extend.guards.0.categories.1: expected a category code (one of consultation, help, complaint, report, suggestion), got "complain"',
      'tasks.handle.outcomes.extend.guards.1.channels.0: expected a channel code (one of hotline, wechat, mayor-mailbox), got "weibo"',
      'tasks.handle.outcomes.extend.guards.2.since: expected task:<formKey>.completed with a task of this policy (one of dispatch, sign, handle, review, visit), got "signed"',
      'tasks.handle.outcomes.extend.guards.3.task: expected a task of this policy (one of dispatch, sign, handle, review, visit), got "signed"',
      'tasks.handle.outcomes.extend.guards.4.outcome: expected an outcome of task sign (one of done, return), got "accepted"',
    ]);
  });

  it('checks that effects read an existing field of the right type', () => {
    expect(
      problemsOf((d) => {
        d.tasks.dispatch.outcomes.send.effects = [
          { setLeadUnit: 'leader' },
          { setCoUnits: 'lead' },
          { setOrderDue: 'co' },
          { extendOrderDue: { field: 'due', unit: 'hours' } },
          { setData: 'note' },
        ];
      }),
    ).toEqual([
      'tasks.dispatch.outcomes.send.effects.0.setLeadUnit: expected a field of this task or outcome (one of lead, co, due), got "leader"',
      'tasks.dispatch.outcomes.send.effects.1.setCoUnits: expected a units field, got "lead" which is a unit field',
      'tasks.dispatch.outcomes.send.effects.2.setOrderDue: expected a datetime field, got "co" which is a units field',
      'tasks.dispatch.outcomes.send.effects.3.extendOrderDue.field: expected a number field, got "due" which is a datetime field',
      'tasks.dispatch.outcomes.send.effects.4.setData: expected a field of this task or outcome (one of lead, co, due), got "note"',
    ]);
  });

  it('lets an effect read a field of the task itself', () => {
    expect(() =>
      parsePolicy(
        variant((d) => (d.tasks.sign.outcomes.done.effects = [{ setData: 'note' }])),
        'policies/sample.yaml',
      ),
    ).not.toThrow();
  });

  it('refuses a field name used twice in one form', () => {
    expect(
      problemsOf((d) => {
        d.tasks.sign.outcomes.return.fields.push({ name: 'note', label: '再备注', type: 'text' });
        d.tasks.sign.fields.push({ name: 'note', label: '备注二', type: 'text' });
      }),
    ).toEqual([
      'tasks.sign.fields.1.name: expected a field name not used before, got "note"',
      'tasks.sign.outcomes.return.fields.2.name: expected a field name not already used by the task\'s fields, got "note"',
    ]);
  });

  it('checks the calendar and the time zone', () => {
    expect(
      problemsOf((d) => {
        d.calendar.extraWorkdays.push('2026-06-01');
        d.timezone = 'Asia/Beijing';
      }),
    ).toEqual([
      'timezone: expected an IANA time zone such as Asia/Shanghai, got "Asia/Beijing"',
      'calendar.extraWorkdays.1: expected a day that is not also in extraHolidays, got "2026-06-01"',
    ]);
  });
});
