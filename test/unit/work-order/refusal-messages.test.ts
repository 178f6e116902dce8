/**
 * Every refusal a person reads is Chinese throughout: no English words, no keys of the policy,
 * no ISO or UTC times (times are the city's local time, 2026年3月9日 23:59). The guards are driven
 * generically: every guard of every city's policy, and one guard of each rule the schema knows
 * (so a rule no city uses yet is covered too), each in a context where it refuses.
 */
import { join } from 'node:path';
import { BusinessCalendar } from '../../../src/engine/calendar/business-calendar';
import { allUnitNames, loadPolicies } from '../../../src/engine/policy/load-policies';
import type { Guard, GuardRule, Policy } from '../../../src/engine/policy/policy.schema';
import type { Task, WorkOrder } from '../../../src/engine/ports';
import { checkGuards, GuardContext } from '../../../src/engine/work-order/guards';
import { DomainError, RuleViolation } from '../../../src/shared/errors';

/** Latin letters a Chinese message may hold: the category letters the cities write (C类事项). */
const ALLOWED = [/[A-Z]类/g];
const ISO_TIME = /\d{4}-\d{2}-\d{2}T|T\d{2}:\d{2}|\d{2}:\d{2}:\d{2}|Z\b|UTC|GMT/;

/** Fails with the message itself when it is not readable as Chinese. */
export function expectChinese(message: string): void {
  const rest = ALLOWED.reduce((text, re) => text.replace(re, ''), message);
  expect(rest).toMatch(/^[^A-Za-z]*$/);
  expect(message).not.toMatch(ISO_TIME);
}

const T0 = new Date('2026-03-02T01:00:00Z'); // a Monday, 09:00 in Asia/Shanghai
const LATER = new Date('2027-06-01T02:00:00Z');

function order(policy: Policy, over: Partial<WorkOrder> = {}): WorkOrder {
  return {
    id: 'order-1',
    city: policy.city,
    number: `${policy.numberPrefix}-20260302-000001`,
    category: Object.keys(policy.categories)[0] ?? 'complaint',
    channel: Object.keys(policy.channels)[0] ?? 'hotline',
    topic: null,
    content: '路灯不亮',
    requester: { name: '张三', phone: '13800000000' } as WorkOrder['requester'],
    location: {} as WorkOrder['location'],
    status: 'in-progress',
    leadUnit: null,
    coUnits: [],
    dueAt: null,
    dueProvisional: false,
    flags: [],
    data: {},
    processKey: policy.city,
    processVersion: 1,
    policyVersion: 1,
    createdAt: T0,
    updatedAt: T0,
    closedAt: null,
    ...over,
  };
}

function task(formKey: string, over: Partial<Task> = {}): Task {
  return {
    id: `task-${formKey}-${Math.random()}`,
    orderId: 'order-1',
    instanceId: 'instance-1',
    city: 'c',
    executionId: `exec-${formKey}`,
    activityId: formKey,
    formKey,
    name: formKey,
    candidateUnit: '市住建局',
    candidateRoles: ['handler'],
    assignee: null,
    createdAt: T0,
    dueAt: null,
    status: 'open',
    completedBy: null,
    completedAt: null,
    outcome: null,
    formData: null,
    flags: [],
    ...over,
  };
}

/** A context in which `guard`, on `formKey`'s outcome `outcome`, refuses. */
function refusingContext(policy: Policy, formKey: string, outcome: string, guard: Guard): GuardContext {
  const calendar = new BusinessCalendar(policy.calendar, policy.timezone);
  const acting = task(formKey);
  const unit = allUnitNames(policy)[0] ?? '市住建局';
  const done = (key: string, at: Date, out = outcome) => task(key, { status: 'completed', completedAt: at, outcome: out, candidateUnit: unit });
  const base = { task: acting, outcome, now: LATER, calendar, policy, order: order(policy), history: [acting] };
  switch (guard.rule) {
    case 'within': {
      const m = /^task:([^.]+)\.completed$/.exec(guard.since);
      return { ...base, history: m?.[1] ? [acting, done(m[1], T0)] : base.history };
    }
    case 'beforeDue':
      return { ...base, order: order(policy, { dueAt: new Date(T0.getTime() + 86_400_000) }) };
    case 'noneOpen':
      return { ...base, history: [acting, task(guard.task, { candidateUnit: unit })] };
    case 'spacing':
      return { ...base, history: [acting, done(formKey, LATER)] };
    case 'maxTimes':
      return { ...base, history: [acting, ...Array.from({ length: guard.count }, (_, i) => done(formKey, new Date(T0.getTime() + i * 60_000)))] };
    case 'categoryIn':
      return { ...base, order: order(policy, { category: 'notListed' }) };
    case 'channelIn':
      return { ...base, order: order(policy, { channel: 'notListed' }) };
    case 'requires':
      return base;
    case 'notFlag':
      return { ...base, order: order(policy, { flags: [guard.flag] }) };
  }
}

function refusalOf(guard: Guard, ctx: GuardContext): RuleViolation {
  try {
    checkGuards([guard], ctx);
  } catch (err) {
    if (err instanceof RuleViolation) return err;
    throw err;
  }
  throw new Error(`guard ${guard.rule} did not refuse`);
}

const policies = loadPolicies(join(__dirname, '../../../policies'));

const cityGuards = [...policies.values()].flatMap((policy) =>
  Object.entries(policy.tasks).flatMap(([formKey, t]) =>
    Object.entries(t.outcomes).flatMap(([outcome, o]) => o.guards.map((guard) => ({ city: policy.city, formKey, outcome, guard }))),
  ),
);

describe("every guard of every city's policy refuses in Chinese", () => {
  it('has guards to check', () => {
    expect(cityGuards.length).toBeGreaterThan(30);
  });

  it.each(cityGuards.map((g) => [`${g.city} ${g.formKey}.${g.outcome} ${g.guard.rule} ${g.guard.error}`, g] as const))('%s', (_label, g) => {
    const policy = policies.get(g.city) as Policy;
    const err = refusalOf(g.guard, refusingContext(policy, g.formKey, g.outcome, g.guard));
    expect(err.code).toBe(g.guard.error);
    expectChinese(err.message);
  });
});

describe('each rule the schema knows refuses in Chinese, with no message of its own', () => {
  const policy = policies.get('sample') as Policy;
  const [formKey, taskPolicy] = Object.entries(policy.tasks)[0] as [string, Policy['tasks'][string]];
  const outcome = Object.keys(taskPolicy.outcomes)[0] as string;
  const other = Object.keys(policy.tasks)[1] ?? formKey;
  const code = 'REFUSED';
  /** One guard per rule: a rule added to the schema does not compile here until it has one. */
  const oneOfEach: { [R in GuardRule]: Extract<Guard, { rule: R }> } = {
    within: { rule: 'within', since: `task:${other}.completed`, limit: { hours: 2 }, error: code },
    beforeDue: { rule: 'beforeDue', lead: 2, error: code },
    noneOpen: { rule: 'noneOpen', task: other, error: code },
    spacing: { rule: 'spacing', atLeast: { hours: 3 }, error: code },
    maxTimes: { rule: 'maxTimes', count: 2, error: code },
    categoryIn: { rule: 'categoryIn', categories: Object.keys(policy.categories), error: code },
    channelIn: { rule: 'channelIn', channels: Object.keys(policy.channels), error: code },
    requires: { rule: 'requires', task: other, outcome: Object.keys(policy.tasks[other]?.outcomes ?? {})[0], error: code },
    notFlag: { rule: 'notFlag', flag: 'supervised', error: code },
  };

  it.each(Object.values(oneOfEach).map((g) => [g.rule, g] as const))('%s', (_rule, guard) => {
    const err = refusalOf(guard, refusingContext(policy, formKey, outcome, guard));
    expectChinese(err.message);
    expect(err.message).not.toContain(formKey);
    expect(err.message).not.toContain(other);
  });

  it('writes times in the city\'s local time', () => {
    const guard = oneOfEach.beforeDue;
    const err = refusalOf(guard, refusingContext(policy, formKey, outcome, guard));
    // due 2026-03-03T01:00Z is 3月3日 09:00 in Asia/Shanghai
    expect(err.message).toContain('2026年3月3日 09:00');
  });

  it('keeps the keys, for machines, in the details', () => {
    const guard = oneOfEach.notFlag;
    const err: DomainError = refusalOf(guard, refusingContext(policy, formKey, outcome, guard));
    expect(err.details).toMatchObject({ rule: 'notFlag', task: formKey, outcome, flag: 'supervised' });
  });
});
