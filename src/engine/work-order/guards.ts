import { RuleViolation } from '../../shared/errors';
import type { BusinessCalendar, Duration } from '../calendar/business-calendar';
import type { Guard, Policy } from '../policy/policy.schema';
import { chineseDateTimeText } from '../../shared/local-time';
import { ownValue } from '../../shared/own-key';
import type { Task, WorkOrder } from '../ports';

/** What a guard may look at: pure data, no storage. */
export interface GuardContext {
  order: WorkOrder;
  task: Task;
  outcome: string;
  /** Every task of the order, open and closed. */
  history: Task[];
  now: Date;
  calendar: BusinessCalendar;
  /** The order's policy: the names a refusal uses for tasks, outcomes, categories and channels. */
  policy: Policy;
}

function toDuration(limit: unknown): Duration {
  return typeof limit === 'number' ? { workingDays: limit } : (limit as Duration);
}

function anchorOf(since: string, ctx: GuardContext): Date | null {
  if (since === 'order.created') return ctx.order.createdAt;
  if (since === 'task.created') return ctx.task.createdAt;
  const m = /^task:([^.]+)\.completed$/.exec(since);
  const completions = ctx.history
    .filter((t) => t.formKey === m?.[1] && t.status === 'completed' && t.completedAt)
    .map((t) => t.completedAt as Date)
    .sort((a, b) => b.getTime() - a.getTime());
  return completions[0] ?? null;
}

/**
 * The latest moment that is still `lead` before `due`: for working days, 24:00 of the day that
 * lies `lead` working days before the due day (filed "at least 2 working days before").
 */
function latestBefore(ctx: GuardContext, due: Date, lead: Duration): Date {
  if (!('workingDays' in lead)) {
    const ms = 'hours' in lead ? lead.hours * 3_600_000 : 'minutes' in lead ? lead.minutes * 60_000 : lead.naturalDays * 86_400_000;
    return new Date(due.getTime() - ms);
  }
  let day = new Date(due.getTime());
  for (let left = lead.workingDays; left > 0; ) {
    day = new Date(day.getTime() - 86_400_000);
    if (ctx.calendar.isWorkingDay(ctx.calendar.localDate(day))) left--;
  }
  return day;
}

/** How a refusal names what it speaks of: the policy's own names, never its keys. */
class Names {
  constructor(private readonly policy: Policy) {}

  task(key: string): string {
    const name = ownValue(this.policy.tasks, key)?.name;
    return name ? `「${name}」` : '相关任务';
  }

  outcome(task: string, outcome: string): string {
    const label = ownValue(ownValue(this.policy.tasks, task)?.outcomes ?? {}, outcome)?.label;
    return label ? `「${label}」` : '相应结果';
  }

  categories(codes: readonly string[]): string {
    return codes.map((c) => ownValue(this.policy.categories, c)?.name ?? '其他').join('、');
  }

  channels(codes: readonly string[]): string {
    return codes.map((c) => ownValue(this.policy.channels, c)?.name ?? '其他').join('、');
  }

  since(since: string): string {
    if (since === 'order.created') return '工单登记时';
    if (since === 'task.created') return '收到本任务时';
    const m = /^task:([^.]+)\.completed$/.exec(since);
    return `${this.task(m?.[1] ?? '')}完成时`;
  }
}

/** Returns a refusal in words (Chinese, times in the city's zone), or null when the guard lets the action through. */
function refusal(guard: Guard, ctx: GuardContext): string | null {
  const names = new Names(ctx.policy);
  const at = (d: Date) => chineseDateTimeText(d, ctx.calendar.timeZone);
  switch (guard.rule) {
    case 'within': {
      const anchor = anchorOf(guard.since, ctx);
      if (!anchor) return null;
      const until = ctx.calendar.deadline(anchor, toDuration(guard.limit)).at;
      return ctx.now.getTime() <= until.getTime() ? null : `自${names.since(guard.since)}起计，时限至${at(until)}，现已超过`;
    }
    case 'beforeDue': {
      if (!ctx.order.dueAt) return null;
      const latest = guard.lead ? latestBefore(ctx, ctx.order.dueAt, toDuration(guard.lead)) : ctx.order.dueAt;
      if (ctx.now.getTime() <= latest.getTime()) return null;
      return guard.lead ? `最迟须在${at(latest)}前办理，工单办理期限为${at(ctx.order.dueAt)}` : `工单办理期限已于${at(ctx.order.dueAt)}届满`;
    }
    case 'noneOpen': {
      const open = ctx.history.filter((t) => t.formKey === guard.task && t.status === 'open' && t.id !== ctx.task.id);
      const units = [...new Set(open.map((t) => t.candidateUnit))].join('、');
      return open.length === 0 ? null : `尚待${units}完成${names.task(guard.task)}`;
    }
    case 'spacing': {
      const previous = ctx.history
        .filter((t) => t.formKey === ctx.task.formKey && t.status === 'completed' && t.outcome === ctx.outcome && t.completedAt)
        .map((t) => t.completedAt as Date)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      if (!previous) return null;
      const earliest = ctx.calendar.deadline(previous, toDuration(guard.atLeast)).at;
      return ctx.now.getTime() >= earliest.getTime() ? null : `上一次在${at(previous)}，须到${at(earliest)}之后方可再次办理`;
    }
    case 'maxTimes': {
      const taken = ctx.history.filter((t) => t.formKey === ctx.task.formKey && t.status === 'completed' && t.outcome === ctx.outcome).length;
      return taken < guard.count ? null : `每件工单最多${guard.count}次，已有${taken}次`;
    }
    case 'categoryIn':
      return guard.categories.includes(ctx.order.category) ? null : `仅限以下类别的工单：${names.categories(guard.categories)}`;
    case 'channelIn':
      return guard.channels.includes(ctx.order.channel) ? null : `仅限以下渠道的工单：${names.channels(guard.channels)}`;
    case 'requires': {
      const done = ctx.history.some(
        (t) => t.formKey === guard.task && t.status === 'completed' && (guard.outcome === undefined || t.outcome === guard.outcome),
      );
      return done ? null : `须先完成${names.task(guard.task)}${guard.outcome ? `，且结果为${names.outcome(guard.task, guard.outcome)}` : ''}`;
    }
    case 'notFlag':
      return ctx.order.flags.includes(guard.flag) ? '工单当前的标记不允许此操作' : null;
  }
}

/** The refusal the first refusing guard would give now, in words, or null (the task page shows it beside the action). */
export function refusingGuard(guards: readonly Guard[], ctx: GuardContext): { guard: Guard; text: string } | null {
  for (const guard of guards) {
    const reason = refusal(guard, ctx);
    if (reason) return { guard, text: guard.message ? `${guard.message}（${reason}）` : reason };
  }
  return null;
}

/** Throws the guard's own error code for the first guard that refuses. */
export function checkGuards(guards: readonly Guard[], ctx: GuardContext): void {
  for (const guard of guards) {
    const reason = refusal(guard, ctx);
    if (reason) {
      throw new RuleViolation(guard.error, guard.message ? `${guard.message}（${reason}）` : reason, {
        rule: guard.rule,
        task: ctx.task.formKey,
        outcome: ctx.outcome,
        ...(guard.rule === 'notFlag' ? { flag: guard.flag } : {}),
      });
    }
  }
}
