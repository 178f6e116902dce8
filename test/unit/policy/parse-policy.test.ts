import {
  parsePolicy,
  policyJsonSchema,
  findUnit,
  unitAncestors,
  allUnitNames,
} from '../../../src/engine/policy/load-policies';
import type { Policy } from '../../../src/engine/policy/policy.schema';
import { VALID_SAMPLE } from './policy-variant';

const FILE = 'test/fixtures/policies/valid-sample.yaml';

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('parsePolicy on the valid sample', () => {
  let policy: Policy;
  beforeAll(() => {
    policy = parsePolicy(VALID_SAMPLE, FILE);
  });

  it('reads every part of the file', () => {
    expect(policy.city).toBe('valid-sample');
    expect(policy.numberPrefix).toBe('SMP');
    expect(policy.calendar).toEqual({ extraHolidays: ['2026-06-01'], extraWorkdays: ['2026-06-06'] });
    expect(policy.timeLimits).toEqual({
      consultation: { hours: 4 },
      help: { workingDays: 5 },
      complaint: 15,
      report: { naturalDays: 30 },
      suggestion: 20,
    });
    expect(policy.channelTimeLimits).toEqual({ 'mayor-mailbox': { minutes: 30 } });
    expect(policy.deadlines).toEqual({ warnBefore: { hours: 24 } });
    expect(policy.routing[0]).toEqual({
      when: { category: ['complaint', 'report'], topic: ['房屋质量'], channel: ['hotline', 'wechat'] },
      lead: '市住建局',
      co: ['新华区'],
    });
    expect(policy.tasks['sign']?.outcomes['return']?.guards[0]).toEqual({
      rule: 'within',
      since: 'task.created',
      limit: { hours: 24 },
      error: 'RETURN_WINDOW_CLOSED',
      message: '签收后24小时内方可退回',
    });
    expect(policy.tasks['handle']?.outcomes['extend']?.effects).toEqual([
      { extendOrderDue: { field: 'days', unit: 'workingDays' } },
    ]);
  });

  it('fills in the documented defaults', () => {
    const withoutDefaults = VALID_SAMPLE.replace('timezone: Asia/Shanghai\n', '').replace(/calendar:\n(  .*\n)+/, '');
    const bare = parsePolicy(withoutDefaults, FILE);
    expect(bare.timezone).toBe('Asia/Shanghai');
    expect(bare.calendar).toEqual({ extraHolidays: [], extraWorkdays: [] });
    expect(policy.routing[1]?.co).toEqual([]);
    expect(policy.tasks['review']?.fields).toEqual([]);
    expect(policy.tasks['review']?.outcomes['approve']).toEqual({ label: '通过', fields: [], guards: [], effects: [] });
    expect(policy.tasks['sign']?.outcomes['return']?.fields[1]?.required).toBe(false);
  });

  it('puts operators and dispatchers at the centre when their unit is not given', () => {
    expect(policy.users.find((u) => u.id === 'op1')?.unit).toBe('示例市12345热线中心');
    expect(policy.users.find((u) => u.id === 'sup1')?.unit).toBeUndefined();
  });

  it('is deeply frozen', () => {
    expect(isDeeplyFrozen(policy)).toBe(true);
    expect(() => {
      (policy.categories as Record<string, { name: string }>)['x'] = { name: 'x' };
    }).toThrow(TypeError);
    expect(() => (policy.units[0]?.children as unknown[]).push({ name: 'y' })).toThrow(TypeError);
  });
});

describe('unit tree helpers', () => {
  const policy = parsePolicy(VALID_SAMPLE, FILE);

  it('finds a unit anywhere in the tree', () => {
    expect(findUnit(policy, '某社区')).toEqual({ name: '某社区', kind: 'community' });
    expect(findUnit(policy, '示例市12345热线中心')).toBeUndefined();
    expect(findUnit(policy, '无此单位')).toBeUndefined();
  });

  it('lists the ancestors from the root down to the parent', () => {
    expect(unitAncestors(policy, '某社区')).toEqual(['新华区', '某街道']);
    expect(unitAncestors(policy, '新华区')).toEqual([]);
    expect(unitAncestors(policy, '无此单位')).toEqual([]);
  });

  it('lists every unit name, parents first', () => {
    expect(allUnitNames(policy)).toEqual(['新华区', '某街道', '某社区', '另一街道', '市住建局']);
  });
});

describe('policyJsonSchema', () => {
  it('describes the policy file for the browser editor', () => {
    const schema = policyJsonSchema() as {
      type?: string;
      properties?: Record<string, unknown>;
      additionalProperties?: unknown;
    };
    expect(schema.type).toBe('object');
    expect(schema.properties).toHaveProperty('tasks');
    expect(schema.properties).toHaveProperty('timeLimits');
    expect(schema.additionalProperties).toBe(false);
    expect(() => JSON.stringify(schema)).not.toThrow();
  });
});
