import { RuleViolation } from '../../shared/errors';
import type { BusinessCalendar, Duration } from '../calendar/business-calendar';
import type { Guard } from '../policy/policy.schema';
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

/** Returns a refusal in words, or null when the guard lets the action through. */
function refusal(guard: Guard, ctx: GuardContext): string | null {
  switch (guard.rule) {
    case 'within': {
      const anchor = anchorOf(guard.since, ctx);
      if (!anchor) return null;
      const until = ctx.calendar.deadline(anchor, toDuration(guard.limit)).at;
      return ctx.now.getTime() <= until.getTime() ? null : `only allowed until ${until.toISOString()} (${guard.since})`;
    }
    case 'beforeDue': {
      if (!ctx.order.dueAt) return null;
      const latest = guard.lead ? latestBefore(ctx, ctx.order.dueAt, toDuration(guard.lead)) : ctx.order.dueAt;
      return ctx.now.getTime() <= latest.getTime()
        ? null
        : `only allowed until ${latest.toISOString()} (the order is due ${ctx.order.dueAt.toISOString()})`;
    }
    case 'noneOpen': {
      const open = ctx.history.filter((t) => t.formKey === guard.task && t.status === 'open' && t.id !== ctx.task.id);
      return open.length === 0 ? null : `waiting for ${guard.task} of ${open.map((t) => t.candidateUnit).join(', ')}`;
    }
    case 'spacing': {
      const previous = ctx.history
        .filter((t) => t.formKey === ctx.task.formKey && t.status === 'completed' && t.outcome === ctx.outcome && t.completedAt)
        .map((t) => t.completedAt as Date)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      if (!previous) return null;
      const earliest = ctx.calendar.deadline(previous, toDuration(guard.atLeast)).at;
      return ctx.now.getTime() >= earliest.getTime() ? null : `not before ${earliest.toISOString()} (the previous one was at ${previous.toISOString()})`;
    }
    case 'maxTimes': {
      const taken = ctx.history.filter((t) => t.formKey === ctx.task.formKey && t.status === 'completed' && t.outcome === ctx.outcome).length;
      return taken < guard.count ? null : `allowed at most ${guard.count} time(s) per order`;
    }
    case 'categoryIn':
      return guard.categories.includes(ctx.order.category) ? null : `only for categories ${guard.categories.join(', ')}`;
    case 'channelIn':
      return guard.channels.includes(ctx.order.channel) ? null : `only for channels ${guard.channels.join(', ')}`;
    case 'requires': {
      const done = ctx.history.some(
        (t) => t.formKey === guard.task && t.status === 'completed' && (guard.outcome === undefined || t.outcome === guard.outcome),
      );
      return done ? null : `requires ${guard.task}${guard.outcome ? `:${guard.outcome}` : ''} first`;
    }
    case 'notFlag':
      return ctx.order.flags.includes(guard.flag) ? `not allowed while the order is ${guard.flag}` : null;
  }
}

/** The first guard that would refuse the outcome now, or null (the task page shows its message beside the action). */
export function refusingGuard(guards: readonly Guard[], ctx: GuardContext): Guard | null {
  return guards.find((guard) => refusal(guard, ctx) !== null) ?? null;
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
        // the policy's own words, for a page to show without the engine's reason in English
        ...(guard.message ? { reason: guard.message } : {}),
      });
    }
  }
}
