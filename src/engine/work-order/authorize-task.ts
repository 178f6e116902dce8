import { ForbiddenError } from '../../shared/errors';
import type { Task, WorkOrder } from '../ports';
import type { Actor } from './actor';
import { roleNames } from '../access/role-names';

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
    throw new ForbiddenError('CITY_MISMATCH', '该工单属于其他城市，您无权办理', { city: order.city });
  }
  const roles = outcomeRoles ?? task.candidateRoles;
  if (!roles.includes(actor.role)) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', `「${task.name}」须由${roleNames(roles)}办理，您的角色无权办理`, { roles });
  }
  const centreOverride = outcomeRoles !== undefined && CENTRE_ROLES.has(actor.role);
  if (!centreOverride && actor.unit !== task.candidateUnit) {
    throw new ForbiddenError('NOT_YOUR_UNIT', `工单${order.number}的「${task.name}」由${task.candidateUnit}办理，不属于您的单位`, {
      unit: task.candidateUnit,
    });
  }
  if (task.assignee && task.assignee !== actor.id) {
    throw new ForbiddenError('TASK_CLAIMED_BY_OTHER', `「${task.name}」已由他人认领`, { assignee: task.assignee });
  }
}
