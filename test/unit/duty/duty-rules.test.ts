import { ZoneClock } from '../../../src/engine/calendar/local-date';
import { dutyDateAt, dutyPeriod, onlineWindows } from '../../../src/engine/duty/duty-time';
import { assertLeaderDay } from '../../../src/engine/duty/leader-day-rules';
import { assertChangeReason, assertDayNotStarted, assertFitsDay, assertPublishable, RotaContext } from '../../../src/engine/duty/rota-rules';
import type { RotaEntry, RotaMonth } from '../../../src/engine/duty/duty.ports';
import { DutyPolicySchema, type LeaderDaysPolicy } from '../../../src/engine/policy/duty.schema';
import { DomainError } from '../../../src/shared/errors';

const zone = new ZoneClock('Asia/Shanghai');
const at = (local: string) => new Date(`${local}+08:00`);
const rota = { rule: 'HK-9', logRule: 'HK-10', dayStarts: '08:30', onlineHours: [{ from: '09:00', to: '11:30' }, { from: '15:00', to: '17:00' }] };
const ctx = (now: string): RotaContext => ({ rota, zone, now: at(now) });
const leaderRules: LeaderDaysPolicy = { rule: 'PDS-18', minDuration: { hours: 2 }, notice: { naturalDays: 7 } };

function codeOf(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return err instanceof DomainError ? err.code : String(err);
  }
}

function entry(date: string, unit: string, person: string, role: 'head' | 'deputy'): RotaEntry {
  return { id: `${date}-${person}`, city: 'haikou', date, unit, person, role, createdBy: 'x', createdAt: at('2026-03-01T10:00:00') };
}
const draft: RotaMonth = { city: 'haikou', month: '2026-04', status: 'draft', publishedBy: null, publishedAt: null };

describe('the duty day (HK-9: 08:30 to 08:30 the next day)', () => {
  it.each([
    ['2026-04-12T07:00:00', '2026-04-11'],
    ['2026-04-12T08:29:59', '2026-04-11'],
    ['2026-04-12T08:30:00', '2026-04-12'],
    ['2026-04-12T00:00:00', '2026-04-11'],
    ['2026-04-12T23:59:00', '2026-04-12'],
    ['2026-05-01T08:00:00', '2026-04-30'],
  ])('at %s the duty day is %s', (local, date) => {
    expect(dutyDateAt(at(local), zone, '08:30')).toBe(date);
  });

  it('runs from 08:30 to 08:30 the next day, weekends and month ends too', () => {
    expect(dutyPeriod('2026-04-30', zone, '08:30')).toEqual({ startsAt: at('2026-04-30T08:30:00'), endsAt: at('2026-05-01T08:30:00') });
  });

  it('is online 09:00–11:30 and 15:00–17:00 of the duty date only', () => {
    const current = (local: string) => onlineWindows('2026-04-11', at(local), zone, rota.onlineHours).map((w) => w.current);
    expect(current('2026-04-11T09:00:00')).toEqual([true, false]);
    expect(current('2026-04-11T11:30:00')).toEqual([false, false]);
    expect(current('2026-04-11T16:59:00')).toEqual([false, true]);
    expect(current('2026-04-12T09:30:00')).toEqual([false, false]);
  });
});

describe('the rota rules (HK-9)', () => {
  it('freezes a duty day once it has begun', () => {
    expect(codeOf(() => assertDayNotStarted(ctx('2026-04-11T08:29:00'), '2026-04-11'))).toBe('ok');
    expect(codeOf(() => assertDayNotStarted(ctx('2026-04-11T08:30:00'), '2026-04-11'))).toBe('DUTY_DAY_STARTED');
  });

  it('puts one unit and one 主要负责人 on a day', () => {
    const day = [entry('2026-04-11', '市公安局', '周国平', 'head')];
    const c = ctx('2026-03-20T10:00:00');
    expect(codeOf(() => assertFitsDay(c, day, { date: '2026-04-11', unit: '市公安局', person: '陈志勇', role: 'deputy' }))).toBe('ok');
    expect(codeOf(() => assertFitsDay(c, day, { date: '2026-04-11', unit: '市住建局', person: '陈建华', role: 'deputy' }))).toBe('DUTY_DAY_TAKEN');
    expect(codeOf(() => assertFitsDay(c, day, { date: '2026-04-11', unit: '市公安局', person: '另一人', role: 'head' }))).toBe('DUTY_HEAD_EXISTS');
    expect(codeOf(() => assertFitsDay(c, day, { date: '2026-04-11', unit: '市公安局', person: '周国平', role: 'deputy' }))).toBe('DUTY_ENTRY_EXISTS');
  });

  it('publishes before the first duty day of the month begins (the 1st at 08:30), not after', () => {
    const entries = [entry('2026-04-11', '市公安局', '周国平', 'head')];
    expect(codeOf(() => assertPublishable(ctx('2026-04-01T08:29:00'), draft, entries))).toBe('ok');
    expect(codeOf(() => assertPublishable(ctx('2026-04-01T08:30:00'), draft, entries))).toBe('DUTY_ROTA_PUBLISH_TOO_LATE');
  });

  it('publishes only a month with a 主要负责人 on each day on the rota, and only once', () => {
    const c = ctx('2026-03-20T10:00:00');
    expect(codeOf(() => assertPublishable(c, draft, []))).toBe('DUTY_ROTA_EMPTY');
    expect(codeOf(() => assertPublishable(c, draft, [entry('2026-04-13', '海口供电局', '郑卫东', 'deputy')]))).toBe('DUTY_HEAD_MISSING');
    const published: RotaMonth = { ...draft, status: 'published', publishedBy: 'd', publishedAt: at('2026-03-19T10:00:00') };
    expect(codeOf(() => assertPublishable(c, published, [entry('2026-04-11', '市公安局', '周国平', 'head')]))).toBe('DUTY_ROTA_ALREADY_PUBLISHED');
  });

  it('asks a reason for a change once the month is published', () => {
    const c = ctx('2026-03-20T10:00:00');
    const published: RotaMonth = { ...draft, status: 'published' };
    expect(codeOf(() => assertChangeReason(c, draft, undefined))).toBe('ok');
    expect(codeOf(() => assertChangeReason(c, published, '  '))).toBe('DUTY_CHANGE_REASON_REQUIRED');
    expect(codeOf(() => assertChangeReason(c, published, '主要负责人出差'))).toBe('ok');
  });
});

describe("a leader's answering session (PDS-18)", () => {
  const now = at('2026-05-04T17:00:00');
  const check = (from: string, to: string) => codeOf(() => assertLeaderDay(leaderRules, zone, now, at(from), at(to)));

  it('lasts at least 2 hours', () => {
    expect(check('2026-05-20T09:00:00', '2026-05-20T10:59:00')).toBe('LEADER_DAY_TOO_SHORT');
    expect(check('2026-05-20T09:00:00', '2026-05-20T11:00:00')).toBe('ok');
    expect(check('2026-05-20T09:00:00', '2026-05-20T09:00:00')).toBe('LEADER_DAY_INVALID');
  });

  it('is announced 7 days ahead by local date: 6 days refused, 7 days accepted whatever the hour', () => {
    expect(check('2026-05-10T15:00:00', '2026-05-10T17:00:00')).toBe('LEADER_DAY_NOTICE_TOO_SHORT');
    expect(check('2026-05-11T08:00:00', '2026-05-11T10:00:00')).toBe('ok');
  });

  it('says the numbers of the policy in Chinese and local time; the rule id is in the details', () => {
    try {
      assertLeaderDay(leaderRules, zone, now, at('2026-05-10T09:00:00'), at('2026-05-10T11:00:00'));
      throw new Error('not refused');
    } catch (err) {
      expect((err as Error).message).toBe('领导接线安排须至少提前7天公布；2026年5月4日 17:00公布2026年5月10日 09:00至2026年5月10日 11:00的接线，只提前了6天');
      expect((err as DomainError).details).toMatchObject({ rule: 'PDS-18', needed: 7, given: 6 });
    }
  });

  it('counts hours of notice when the policy says hours', () => {
    const rules: LeaderDaysPolicy = { rule: 'X-1', minDuration: { minutes: 90 }, notice: { hours: 48 } };
    expect(codeOf(() => assertLeaderDay(rules, zone, now, at('2026-05-06T16:59:00'), at('2026-05-06T18:29:00')))).toBe('LEADER_DAY_NOTICE_TOO_SHORT');
    expect(codeOf(() => assertLeaderDay(rules, zone, now, at('2026-05-06T17:00:00'), at('2026-05-06T18:30:00')))).toBe('ok');
  });
});

describe('the duty section of a policy', () => {
  it('refuses a bad time, a window ending before it starts and a notice in working days, at their paths', () => {
    const result = DutyPolicySchema.safeParse({
      rota: { rule: 'HK-9', dayStarts: '8:30', onlineHours: [{ from: '15:00', to: '11:30' }] },
      leaderDays: { rule: 'PDS-18', minDuration: { hours: 2 }, notice: { workingDays: 5 } },
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['leaderDays.notice', 'rota.dayStarts', 'rota.onlineHours.0.to']);
  });
});
