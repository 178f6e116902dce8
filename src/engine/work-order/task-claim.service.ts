import type { Clock } from '../../shared/clock';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors';
import type { CityCatalog } from '../city/city-catalog';
import type { Repositories, Task, UnitOfWork, WorkOrder } from '../ports';
import type { Actor } from './actor';

/**
 * Claiming a task (认领): its holder alone may then complete it (authorize-task.ts,
 * TASK_CLAIMED_BY_OTHER). Each claim or release writes the assignee and an audit event in one
 * transaction that locks the order's instance first, like every step, so a claim and a
 * completion of one task run one after the other.
 */
export class TaskClaimService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
  ) {}

  /**
   * Only a user of the task's unit with one of its roles may claim it. Claiming a task one
   * already holds changes nothing; a task held by someone else is TASK_ALREADY_CLAIMED.
   */
  async claim(actor: Actor, taskId: string): Promise<Task> {
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const { task, order } = await lockOpenTask(repos, actor, taskId);
      if (!task.candidateRoles.includes(actor.role)) {
        throw new ForbiddenError(
          'ROLE_NOT_ALLOWED',
          `${task.name} is for ${task.candidateRoles.join(' or ')}, not ${actor.role}`,
          { roles: task.candidateRoles },
        );
      }
      if (task.assignee === actor.id) return task;
      if (task.assignee) {
        throw new ConflictError(
          'TASK_ALREADY_CLAIMED',
          `${task.name} of order ${order.number} is already claimed by ${task.assignee}`,
          { assignee: task.assignee },
        );
      }
      const claimed: Task = { ...task, assignee: actor.id };
      await repos.tasks.update(claimed);
      await repos.audit.append([
        {
          orderId: order.id,
          city: order.city,
          type: 'task.claimed',
          actor: actor.id,
          at: now,
          data: { taskId: task.id, name: task.name, unit: task.candidateUnit },
        },
      ]);
      return claimed;
    });
  }

  /**
   * Releases a claim: by its holder, or by the unit's leader (for a centre task, an
   * administrator of the centre). Releasing an unclaimed task changes nothing.
   */
  async unclaim(actor: Actor, taskId: string): Promise<Task> {
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const { task, order } = await lockOpenTask(repos, actor, taskId);
      if (!task.assignee) return task;
      const centre = this.catalog.policy(order.city).policy.centre;
      const head = actor.role === 'leader' || (actor.role === 'admin' && task.candidateUnit === centre);
      if (task.assignee !== actor.id && !head) {
        throw new ForbiddenError(
          'NOT_CLAIM_HOLDER',
          `${task.name} is claimed by ${task.assignee}: only they or the leader of ${task.candidateUnit} may release it`,
          { assignee: task.assignee },
        );
      }
      const released: Task = { ...task, assignee: null };
      await repos.tasks.update(released);
      await repos.audit.append([
        {
          orderId: order.id,
          city: order.city,
          type: 'task.unclaimed',
          actor: actor.id,
          at: now,
          data: { taskId: task.id, name: task.name, unit: task.candidateUnit, heldBy: task.assignee },
        },
      ]);
      return released;
    });
  }
}

/** Locks the task's order (instance row), then checks: the task exists, is open, is of the actor's city and unit. */
async function lockOpenTask(
  repos: Repositories,
  actor: Actor,
  taskId: string,
): Promise<{ task: Task; order: WorkOrder }> {
  const instance = await repos.instances.lockByTaskId(taskId);
  const task = instance ? await repos.tasks.findById(taskId) : null;
  const order = task ? await repos.orders.findById(task.orderId) : null;
  if (!task || !order) throw new NotFoundError('TASK_NOT_FOUND', `no task ${taskId}`, { taskId });
  if (actor.city !== order.city)
    throw new ForbiddenError(
      'CITY_MISMATCH',
      `${actor.id} works for ${actor.city}; this task belongs to ${order.city}`,
    );
  if (actor.unit !== task.candidateUnit) {
    throw new ForbiddenError(
      'NOT_YOUR_UNIT',
      `${task.name} of order ${order.number} belongs to ${task.candidateUnit}, not ${actor.unit}`,
      { unit: task.candidateUnit },
    );
  }
  if (task.status !== 'open') {
    throw new ConflictError(
      'TASK_NOT_OPEN',
      `task ${task.name} is no longer open: ${task.status} by ${task.completedBy ?? '?'}`,
      { taskId, status: task.status },
    );
  }
  return { task, order };
}
