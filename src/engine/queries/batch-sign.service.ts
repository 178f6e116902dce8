import { DomainError, RuleViolation } from '../../shared/errors';
import type { Policy, TaskPolicy } from '../policy/policy.schema';
import type { CityCatalog } from '../city/city-catalog';
import type { Actor } from '../work-order/actor';
import type { TaskViewService } from './task-view.service';
import { ownValue } from '../../shared/own-key';

/**
 * The outcome a sign task is signed with in a batch: a task whose policy `orderStatus` is
 * `dispatched`, that asks for no field of its own, and has exactly one outcome without fields
 * or roles of its own (签收 / 查收). Anything else (a form to fill, a choice to make) is null:
 * such a task is done one by one on its page.
 */
export function batchSignOutcome(task: TaskPolicy | undefined): string | null {
  if (!task || task.orderStatus !== 'dispatched' || task.fields.length > 0) return null;
  const plain = Object.entries(task.outcomes).filter(([, o]) => o.fields.length === 0 && !o.roles);
  return plain.length === 1 ? plain[0]![0] : null;
}

/** Form keys of the policy's tasks that may be signed in a batch. */
export function batchSignKeys(policy: Policy): string[] {
  return Object.keys(policy.tasks).filter((key) => batchSignOutcome(ownValue(policy.tasks, key)) !== null);
}

/** What became of one task of a batch: signed, or refused with the error's code and message. */
export type BatchSignResult =
  | { taskId: string; orderNumber: string | null; signed: true }
  | { taskId: string; orderNumber: string | null; signed: false; code: string; message: string };

/** The largest batch: one page of the inbox. */
export const BATCH_SIGN_MAX = 50;

/**
 * 批量签收: each task in turn through the same completion as its own page (one step each, the
 * same checks: unit, role, claim, guards, the form of the order's policy version), so one
 * refusal changes nothing of the others.
 */
export class BatchSignService {
  constructor(
    private readonly catalog: CityCatalog,
    private readonly tasks: TaskViewService,
  ) {}

  async sign(actor: Actor, taskIds: readonly string[]): Promise<BatchSignResult[]> {
    const results: BatchSignResult[] = [];
    for (const taskId of [...new Set(taskIds)]) results.push(await this.signOne(actor, taskId));
    return results;
  }

  private async signOne(actor: Actor, taskId: string): Promise<BatchSignResult> {
    let orderNumber: string | null = null;
    try {
      const detail = await this.tasks.task(actor, taskId);
      orderNumber = detail.order.number;
      const outcome = batchSignOutcome(ownValue(this.catalog.policy(actor.city).policy.tasks, detail.task.formKey));
      if (!outcome) throw new RuleViolation('SIGN_NEEDS_FORM', `“${detail.task.name}”不是无需填写表单的签收环节，不能批量签收，请打开该任务逐件办理`, { taskId, formKey: detail.task.formKey });
      await this.tasks.complete(actor, taskId, { outcome, data: {} });
      return { taskId, orderNumber, signed: true };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return { taskId, orderNumber, signed: false, code: err.code, message: err.message };
    }
  }
}
