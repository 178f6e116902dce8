/**
 * The rules of the duty rota (HK-9), as pure checks that throw a refusal naming the rule:
 *
 * - a duty day that has begun (its `dayStarts` passed) is history: its rota no longer changes;
 * - one unit is on duty per day (the seed's rota names one unit a day), one 主要负责人 per day;
 * - a month is published before its first duty day begins (the 1st at `dayStarts`): "每月轮流值班
 *   安排要在媒体上提前公告"; only a month whose every rota day has a 主要负责人 is published ("值班
 *   当日的在线接办必须由单位主要负责人负责"); days nobody is on duty yet are listed, not refused (the
 *   seed's own announcement covered only 4/11–4/30);
 * - once published, every change needs a reason and is audited (a swap when a head falls ill).
 */
import type { ZoneClock } from '../calendar/local-date';
import { ConflictError, RuleViolation, ValidationError } from '../../shared/errors';
import type { DutyRotaPolicy } from '../policy/duty.schema';
import { dutyPeriod, localText, monthDates } from './duty-time';
import { chineseDateText, chineseMonthText } from '../../shared/local-time';
import type { DutyRole, RotaEntry, RotaMonth } from './duty.ports';

export interface RotaContext {
  rota: DutyRotaPolicy;
  zone: ZoneClock;
  now: Date;
}

/** DUTY_DAY_STARTED when the duty day `date` has begun at `now`. */
export function assertDayNotStarted(ctx: RotaContext, date: string): void {
  const { startsAt } = dutyPeriod(date, ctx.zone, ctx.rota.dayStarts);
  if (ctx.now.getTime() >= startsAt.getTime()) {
    throw new RuleViolation(
      'DUTY_DAY_STARTED',
      `${chineseDateText(date)}的值班日已于${localText(startsAt, ctx.zone)}开始，当日排班不能再修改`,
      { rule: ctx.rota.rule, date },
    );
  }
}

/** A reason is required to change a published month. */
export function assertChangeReason(ctx: RotaContext, month: RotaMonth, reason: string | undefined): void {
  if (month.status === 'published' && (reason === undefined || reason.trim() === '')) {
    throw new ValidationError('DUTY_CHANGE_REASON_REQUIRED', `${ctx.rota.rule}: the rota of ${month.month} is published; a change needs a reason`, [
      { path: 'reason', message: `required: the rota of ${month.month} is published, say why it changes (${ctx.rota.rule})` },
    ]);
  }
}

export interface NewRotaEntry {
  date: string;
  unit: string;
  person: string;
  role: DutyRole;
}

/** One unit a day, one head a day, a person once a day. */
export function assertFitsDay(ctx: RotaContext, day: readonly RotaEntry[], entry: NewRotaEntry): void {
  const other = day.find((e) => e.unit !== entry.unit);
  if (other) {
    throw new RuleViolation(
      'DUTY_DAY_TAKEN',
      `${other.unit}已是${chineseDateText(entry.date)}的值班单位；每天只由一个单位值班（请先删除其排班）`,
      { rule: ctx.rota.rule, date: entry.date, unit: other.unit },
    );
  }
  if (day.some((e) => e.person === entry.person)) {
    throw new ConflictError('DUTY_ENTRY_EXISTS', `${entry.person}已在${chineseDateText(entry.date)}的排班中`, { date: entry.date, person: entry.person });
  }
  const head = day.find((e) => e.role === 'head');
  if (entry.role === 'head' && head) {
    throw new RuleViolation('DUTY_HEAD_EXISTS', `${head.person}已是${chineseDateText(entry.date)}值班的主要负责人`, {
      rule: ctx.rota.rule,
      date: entry.date,
      person: head.person,
    });
  }
}

/** The instant by which the month must be published: its first duty day's start. */
export function publishDeadline(ctx: Pick<RotaContext, 'rota' | 'zone'>, month: string): Date {
  return dutyPeriod(`${month}-01`, ctx.zone, ctx.rota.dayStarts).startsAt;
}

/** Dates of the month nobody is on duty yet. */
export function uncoveredDates(month: string, entries: readonly RotaEntry[]): string[] {
  const covered = new Set(entries.map((e) => e.date));
  return monthDates(month).filter((d) => !covered.has(d));
}

/** Refuses publishing too late, twice, an empty month, or a day without a head. */
export function assertPublishable(ctx: RotaContext, month: RotaMonth, entries: readonly RotaEntry[]): void {
  const rule = ctx.rota.rule;
  if (month.status === 'published') {
    throw new ConflictError('DUTY_ROTA_ALREADY_PUBLISHED', `${chineseMonthText(month.month)}的排班已${month.publishedAt ? `于${localText(month.publishedAt, ctx.zone)}` : ''}公布`, {
      month: month.month,
    });
  }
  const deadline = publishDeadline(ctx, month.month);
  if (ctx.now.getTime() >= deadline.getTime()) {
    throw new RuleViolation(
      'DUTY_ROTA_PUBLISH_TOO_LATE',
      `每月值班安排须提前公布，最迟在当月第一个值班日开始前（${localText(deadline, ctx.zone)}）；${chineseMonthText(month.month)}的值班已经开始`,
      { rule, month: month.month, deadline: deadline.toISOString() },
    );
  }
  if (entries.length === 0) {
    throw new RuleViolation('DUTY_ROTA_EMPTY', `${chineseMonthText(month.month)}的排班尚无人值班`, { rule, month: month.month });
  }
  const dates = [...new Set(entries.map((e) => e.date))];
  const headless = dates.filter((d) => !entries.some((e) => e.date === d && e.role === 'head'));
  if (headless.length > 0) {
    throw new RuleViolation(
      'DUTY_HEAD_MISSING',
      `值班当日的在线接办须由单位主要负责人负责；以下日期没有主要负责人：${headless.map(chineseDateText).join('、')}`,
      { rule, dates: headless },
    );
  }
}
