import type { Duration } from '../calendar/business-calendar';
import type { ScheduledJob, Task, WorkOrder } from '../ports';

/** A BPMN timer of an instance falls due. */
export const TIMER_JOB = 'minhu.timer';
/** A deadline of the policy falls due: a task's warning or overdue mark, or the order's. */
export const DEADLINE_JOB = 'minhu.deadline';
export const JOB_NAMES = [TIMER_JOB, DEADLINE_JOB];

export type DeadlineKind = 'task-warning' | 'task-overdue' | 'order-overdue';

const MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, naturalDays: 86_400_000, workingDays: 86_400_000 };

function durationMs(d: Duration): number {
  const [unit, amount] = Object.entries(d)[0] ?? ['hours', 0];
  return (MS[unit] ?? 0) * Number(amount);
}

export function taskDeadlineKeys(taskId: string): string[] {
  return [`deadline:task:${taskId}:warning`, `deadline:task:${taskId}:overdue`];
}

/**
 * The warning (due minus `warnBefore`, if still ahead) and the overdue mark of a task. Every
 * deadline job carries the due time it was scheduled for (`dueAt`): run after that due time
 * moved, it does nothing (deadline.service.ts).
 */
export function deadlineJobsForTask(task: Task, warnBefore: Duration | undefined, now: Date): ScheduledJob[] {
  if (!task.dueAt) return [];
  const base = { orderId: task.orderId, taskId: task.id, dueAt: task.dueAt.toISOString() };
  const [warningKey, overdueKey] = taskDeadlineKeys(task.id) as [string, string];
  const jobs: ScheduledJob[] = [
    { key: overdueKey, name: DEADLINE_JOB, runAt: task.dueAt, data: { ...base, kind: 'task-overdue' } },
  ];
  if (warnBefore) {
    const warnAt = new Date(task.dueAt.getTime() - durationMs(warnBefore));
    if (warnAt.getTime() > now.getTime()) {
      jobs.push({ key: warningKey, name: DEADLINE_JOB, runAt: warnAt, data: { ...base, kind: 'task-warning' } });
    }
  }
  return jobs;
}

export function deadlineJobsForOrder(order: WorkOrder): ScheduledJob[] {
  if (!order.dueAt) return [];
  return [
    {
      key: `deadline:order:${order.id}:overdue`,
      name: DEADLINE_JOB,
      runAt: order.dueAt,
      data: { orderId: order.id, kind: 'order-overdue', dueAt: order.dueAt.toISOString() },
    },
  ];
}
