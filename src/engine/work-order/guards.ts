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

/** Returns a refusal in words, or null when the guard lets the action through. */
function refusal(guard: Guard, ctx: GuardContext): string | null {
  switch (guard.rule) {
    case 'within': {
      const anchor = anchorOf(guard.since, ctx);
      if (!anchor) return null;
      const until = ctx.calendar.deadline(anchor, toDuration(guard.limit)).at;
      return ctx.now.getTime() <= until.getTime() ? null : `only allowed until ${until.toISOString()} (${guard.since})`;
    }
    case 'beforeDue':
      return !ctx.order.dueAt || ctx.now.getTime() <= ctx.order.dueAt.getTime()
        ? null
        : `only allowed before the order's deadline ${ctx.order.dueAt.toISOString()}`;
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

/** Throws the guard's own error code for the first guard that refuses. */
export function checkGuards(guards: readonly Guard[], ctx: GuardContext): void {
  for (const guard of guards) {
    const reason = refusal(guard, ctx);
    if (reason) {
      throw new RuleViolation(guard.error, guard.message ? `${guard.message}（${reason}）` : reason, {
        rule: guard.rule,
        task: ctx.task.formKey,
        outcome: ctx.outcome,
      });
    }
  }
}
