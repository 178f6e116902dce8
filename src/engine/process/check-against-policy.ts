import { FieldIssue } from '../../shared/errors';
import { parseDuration } from '../calendar/business-calendar';
import { allUnitNames } from '../policy/load-policies';
import type { Policy } from '../policy/policy.schema';
import { BpmnInvalidError, ProcessModel } from './bpmn-model';
import { hasOwnKey } from '../../shared/own-key';

const ORDER_STATUSES = new Set(['answered', 'not-accepted', 'transferred', 'closed', 'cancelled']);
const UNIT_KEYWORDS = new Set(['lead', 'co', 'centre']);

function dueIssue(due: string): string | null {
  if (due === 'order') return null;
  try {
    parseDuration(due);
    return null;
  } catch {
    return `minhu:due "${due}" is not "order" nor a duration like 24h, 30min, 5wd, 10d`;
  }
}

/**
 * Checks a diagram before it is validated or deployed: nothing in it runs without bound (see
 * ProcessModel.unbounded), and against its city's policy: the process id is the city, every user
 * task names a task of the policy, a unit that exists, a valid due rule; every end status is a
 * closing status.
 */
export function checkAgainstPolicy(model: ProcessModel, policy: Policy): void {
  const issues: FieldIssue[] = [...model.unbounded];
  const units = new Set(allUnitNames(policy));
  if (model.key !== policy.city) {
    issues.push({ path: 'process.id', code: 'PROCESS_KEY_MISMATCH', message: `the process id must be the city "${policy.city}", got "${model.key}"` });
  }
  for (const task of model.userTasks.values()) {
    const at = `element:${task.id}`;
    if (task.form && !hasOwnKey(policy.tasks, task.form)) {
      issues.push({ path: at, code: 'TASK_FORM_UNKNOWN', message: `minhu:form "${task.form}" is not a task of policies/${policy.city}.yaml (${Object.keys(policy.tasks).join(', ')})` });
    }
    if (task.unit && !UNIT_KEYWORDS.has(task.unit) && !units.has(task.unit) && task.unit !== policy.centre) {
      issues.push({ path: at, code: 'TASK_UNIT_UNKNOWN', message: `minhu:unit "${task.unit}" is not lead, co, centre nor a unit of ${policy.city}` });
    }
    if (task.unit === 'co' && !task.multiInstance) {
      issues.push({ path: at, code: 'TASK_UNIT_UNKNOWN', message: 'minhu:unit "co" needs a multi-instance task (one task per co-unit)' });
    }
    const due = task.due ? dueIssue(task.due) : null;
    if (due) issues.push({ path: at, code: 'TASK_DUE_INVALID', message: due });
  }
  for (const [id, status] of model.endStatuses) {
    if (!ORDER_STATUSES.has(status)) {
      issues.push({ path: `element:${id}`, code: 'END_STATUS_INVALID', message: `minhu:status must be one of ${[...ORDER_STATUSES].join(', ')}, got "${status}"` });
    }
  }
  if (issues.length) throw new BpmnInvalidError(issues);
}
