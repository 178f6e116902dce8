import { ForbiddenError } from '../../shared/errors';
import type { Task, WorkOrder } from '../ports';
import type { Actor } from './actor';

/**
 * May this person act on this task? Their city, their role among the task's roles, their unit
 * the task's unit (centre tasks: the centre), and, once someone has claimed it, only they.
 */
export function authorizeTask(actor: Actor, task: Task, order: WorkOrder): void {
  if (actor.city !== order.city) {
    throw new ForbiddenError('CITY_MISMATCH', `${actor.id} works for ${actor.city}; this order belongs to ${order.city}`);
  }
  if (!task.candidateRoles.includes(actor.role)) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', `${task.name} is for ${task.candidateRoles.join(' or ')}, not ${actor.role}`, {
      roles: task.candidateRoles,
    });
  }
  if (actor.unit !== task.candidateUnit) {
    throw new ForbiddenError('NOT_YOUR_UNIT', `${task.name} of order ${order.number} belongs to ${task.candidateUnit}, not ${actor.unit}`, {
      unit: task.candidateUnit,
    });
  }
  if (task.assignee && task.assignee !== actor.id) {
    throw new ForbiddenError('TASK_CLAIMED_BY_OTHER', `${task.name} has been claimed by ${task.assignee}`, { assignee: task.assignee });
  }
}
