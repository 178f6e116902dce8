import type { Clock } from '../../shared/clock';
import type { UnitOfWork } from '../ports';
import type { DeadlineKind } from './job-keys';

export interface DeadlineJobData {
  kind: DeadlineKind;
  orderId: string;
  taskId?: string;
}

/**
 * Applies a policy deadline when its job falls due: a warning or an overdue mark on the task,
 * an overdue mark on the order. Idempotent: a job that runs twice marks once.
 */
export class DeadlineService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async fire(job: DeadlineJobData): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(async (repos) => {
      await repos.instances.lockByOrderId(job.orderId);
      const order = await repos.orders.findById(job.orderId);
      if (!order || order.closedAt) return;
      const event = { orderId: order.id, city: order.city, actor: 'system', at: now };
      if (job.kind === 'order-overdue') {
        if (!order.dueAt || order.dueAt.getTime() > now.getTime() || order.flags.includes('overdue')) return;
        await repos.orders.update({ ...order, flags: [...order.flags, 'overdue'], updatedAt: now });
        await repos.audit.append([{ ...event, type: 'deadline.order-overdue', data: { dueAt: order.dueAt.toISOString() } }]);
        return;
      }
      const task = job.taskId ? await repos.tasks.findById(job.taskId) : null;
      if (!task || task.status !== 'open' || !task.dueAt) return;
      const flag = job.kind === 'task-warning' ? 'due-soon' : 'overdue';
      if (task.flags.includes(flag)) return;
      if (flag === 'overdue' && task.dueAt.getTime() > now.getTime()) return;
      await repos.tasks.update({ ...task, flags: [...task.flags, flag] });
      await repos.audit.append([
        { ...event, type: `deadline.${job.kind}`, data: { taskId: task.id, name: task.name, unit: task.candidateUnit, dueAt: task.dueAt.toISOString() } },
      ]);
    });
  }
}
