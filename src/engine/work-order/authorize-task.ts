import { ForbiddenError } from '../../shared/errors';
import type { Task, WorkOrder } from '../ports';
import type { Actor } from './actor';

/**
 * May this person act on this task? Their city, their role among the task's roles, their unit
 * the task's unit (centre tasks: the centre), and, once someone has claimed it, only they.
 */
const CENTRE_ROLES = new Set(['operator', 'dispatcher', 'supervisor', 'admin']);

/**
 * `outcomeRoles`: an outcome's own roles, when the policy gives them. A centre role listed there
 * may take that outcome on a unit's task (e.g. the centre waives a co-unit's opinion).
 */
export function authorizeTask(actor: Actor, task: Task, order: WorkOrder, outcomeRoles?: readonly string[]): void {
  if (actor.city !== order.city) {
    throw new ForbiddenError('CITY_MISMATCH', `${actor.id} works for ${actor.city}; this order belongs to ${order.city}`);
  }
  const roles = outcomeRoles ?? task.candidateRoles;
  if (!roles.includes(actor.role)) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', `${task.name} is for ${roles.join(' or ')}, not ${actor.role}`, { roles });
  }
  const centreOverride = outcomeRoles !== undefined && CENTRE_ROLES.has(actor.role);
  if (!centreOverride && actor.unit !== task.candidateUnit) {
    throw new ForbiddenError('NOT_YOUR_UNIT', `${task.name} of order ${order.number} belongs to ${task.candidateUnit}, not ${actor.unit}`, {
      unit: task.candidateUnit,
    });
  }
  if (task.assignee && task.assignee !== actor.id) {
    throw new ForbiddenError('TASK_CLAIMED_BY_OTHER', `${task.name} has been claimed by ${task.assignee}`, { assignee: task.assignee });
  }
}
