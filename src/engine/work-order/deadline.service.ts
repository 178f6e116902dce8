import type { Clock } from '../../shared/clock';
import type { AuditEvent, Repositories, Task, UnitOfWork, WorkOrder } from '../ports';
import type { DeadlineKind } from './job-keys';

export interface DeadlineJobData {
  kind: DeadlineKind;
  orderId: string;
  taskId?: string;
  /**
   * The due time (ISO) the job was scheduled for: the task's for a task's deadline, the order's
   * for the order's. Absent only on jobs written before it was carried (then not compared).
   */
  dueAt?: string;
}

/** What one deadline changes: the order or the task with its new flag, and the audit event. */
interface DeadlineEffect {
  order?: WorkOrder;
  task?: Task;
  event: AuditEvent;
}

/**
 * Applies a policy deadline when its job falls due: a warning or an overdue mark on the task,
 * an overdue mark on the order. Idempotent: a job that runs twice marks once.
 *
 * `fireMany` applies a batch of due deadlines in ONE transaction (the deadline sweeper, when
 * thousands fall due at once); `fire` is a batch of one (the virtual-clock runner). The rules
 * are in one place, `applyDeadline`, and a batch applies them job after job to the state the
 * previous jobs of the batch left, so a batch has exactly the effect of its jobs run one by one
 * in the same order at the same moment.
 */
export class DeadlineService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async fire(job: DeadlineJobData): Promise<void> {
    await this.fireMany([job]);
  }

  async fireMany(jobs: DeadlineJobData[]): Promise<void> {
    if (jobs.length === 0) return;
    const now = this.clock.now();
    await this.uow.run(async (repos) => {
      const orderIds = [...new Set(jobs.map((j) => j.orderId))].sort();
      // every step locks its order's instance first: the batch waits for steps in progress
      await repos.instances.lockByOrderIds(orderIds);
      const orders = new Map((await repos.orders.findByIds(orderIds)).map((o) => [o.id, o]));
      const taskIds = [...new Set(jobs.flatMap((j) => (j.kind !== 'order-overdue' && j.taskId ? [j.taskId] : [])))];
      const tasks = new Map((await repos.tasks.findByIds(taskIds)).map((t) => [t.id, t]));
      const changedOrders = new Set<string>();
      const changedTasks = new Set<string>();
      const events: AuditEvent[] = [];
      for (const job of jobs) {
        const effect = applyDeadline(job, orders.get(job.orderId), job.taskId ? tasks.get(job.taskId) : undefined, now);
        if (!effect) continue;
        if (effect.order) {
          orders.set(effect.order.id, effect.order);
          changedOrders.add(effect.order.id);
        }
        if (effect.task) {
          tasks.set(effect.task.id, effect.task);
          changedTasks.add(effect.task.id);
        }
        events.push(effect.event);
      }
      await write(repos, [...changedOrders].map((id) => orders.get(id) as WorkOrder), [...changedTasks].map((id) => tasks.get(id) as Task), events);
    });
  }
}

async function write(repos: Repositories, orders: WorkOrder[], tasks: Task[], events: AuditEvent[]): Promise<void> {
  await repos.orders.updateFlags(orders);
  await repos.tasks.updateFlags(tasks);
  if (events.length > 0) await repos.audit.append(events);
}

/** Whether the job was scheduled for the due time `due` still has (a job without one: yes). */
function forDue(job: DeadlineJobData, due: Date | null): boolean {
  return job.dueAt === undefined || (due !== null && Date.parse(job.dueAt) === due.getTime());
}

/**
 * The rules of one deadline at `now`, given its order and task as they are (null: nothing to
 * do). An order closed meanwhile is left alone, and so is a task no longer open; a job for a due
 * time that has since moved (an extension approved, the due time set anew) does nothing, as
 * the move scheduled the job of the new due time; a mark already there is not added again; an
 * overdue mark is not added before its due time (the job ran early).
 */
export function applyDeadline(job: DeadlineJobData, order: WorkOrder | undefined, task: Task | undefined, now: Date): DeadlineEffect | null {
  if (!order || order.closedAt) return null;
  const event = { orderId: order.id, city: order.city, actor: 'system', at: now };
  if (job.kind === 'order-overdue') {
    if (!forDue(job, order.dueAt)) return null;
    if (!order.dueAt || order.dueAt.getTime() > now.getTime() || order.flags.includes('overdue')) return null;
    return {
      order: { ...order, flags: [...order.flags, 'overdue'], updatedAt: now },
      event: { ...event, type: 'deadline.order-overdue', data: { dueAt: order.dueAt.toISOString() } },
    };
  }
  if (!job.taskId || !task || task.status !== 'open' || !task.dueAt || !forDue(job, task.dueAt)) return null;
  const flag = job.kind === 'task-warning' ? 'due-soon' : 'overdue';
  if (task.flags.includes(flag)) return null;
  if (flag === 'overdue' && task.dueAt.getTime() > now.getTime()) return null;
  return {
    task: { ...task, flags: [...task.flags, flag] },
    event: { ...event, type: `deadline.${job.kind}`, data: { taskId: task.id, name: task.name, unit: task.candidateUnit, dueAt: task.dueAt.toISOString() } },
  };
}
