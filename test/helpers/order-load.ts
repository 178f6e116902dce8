/**
 * Sample-city orders put through the HTTP API of several processes, the way a careful client
 * does it when a process may die under a request (multi-process-kill.test.ts):
 *
 * - intake carries an Idempotency-Key; a request that got no answer is sent again, with the
 *   same key and body, to another process, and its answer (201, or 200: the same order) counts;
 * - a completion that got no answer is sent again; a 409 TASK_NOT_OPEN on that retry counts as
 *   done only after the order shows the task completed, by this user, with this outcome.
 *
 * Plans: `untouched` (intake only), `signed` (intake, 签收), `closed` (签收, 办理 reply, 答复审核,
 * 回访: the order is closed). Anything else — a 5xx, a refusal, a 409 on a first attempt — is a
 * problem, recorded with the order's key.
 */
import { randomUUID } from 'node:crypto';
import type { ClusterClient } from './minhu-cluster';

export type Plan = 'untouched' | 'signed' | 'closed';

export interface TrackedOrder {
  key: string;
  plan: Plan;
  category: string;
  /** Set once an intake was acknowledged (201, or 200 for a retry with the same key). */
  orderId: string | null;
  /** The plan went through to its end. */
  done: boolean;
}

interface TaskJson {
  id: string;
  activityId: string;
  status: string;
  completedBy: string | null;
  outcome: string | null;
}

export const OPERATOR = 'sample.op1';
export const HANDLER = 'sample.xh-handler';
export const DISPATCHER = 'sample.disp1';

export class OrderLoad {
  readonly orders: TrackedOrder[] = [];
  readonly problems: string[] = [];
  /** Intakes answered only after a retry; of those, answered 200 (the first attempt had recorded it). */
  retriedIntakes = 0;
  replayedIntakes = 0;
  /** Completions retried; of those, found already done (409 TASK_NOT_OPEN, the task completed by us). */
  retriedCompletions = 0;
  completionsFoundDone = 0;

  constructor(private readonly client: ClusterClient) {}

  /** One order through its plan; a problem is recorded, never thrown. */
  async order(plan: Plan, category: string): Promise<void> {
    const tracked: TrackedOrder = { key: `kill-test-${randomUUID()}`, plan, category, orderId: null, done: false };
    this.orders.push(tracked);
    try {
      await this.follow(tracked);
      tracked.done = true;
    } catch (err) {
      this.problems.push(`${tracked.key} (${plan}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async follow(t: TrackedOrder): Promise<void> {
    const body = {
      city: 'sample',
      category: t.category,
      channel: 'hotline',
      content: `多进程测试 ${t.key}`,
      requester: { name: '李四', phone: '13900000000' },
      location: { district: '新华区' },
    };
    const r = await this.client.send(OPERATOR, 'POST', '/api/orders', body, { 'Idempotency-Key': t.key });
    if (r.attempts > 1) this.retriedIntakes++;
    if (r.status === 200 && r.attempts > 1) this.replayedIntakes++;
    if (!(r.status === 201 || (r.status === 200 && r.attempts > 1))) throw unexpected('intake', r);
    t.orderId = String((r.body.order as { id: string }).id);
    let open = (r.body.tasks as TaskJson[]).filter((x) => x.status === 'open');
    if (t.plan === 'untouched') return;
    open = await this.complete(HANDLER, t, open, 'sign', 'done', {});
    if (t.plan === 'signed') return;
    const reply = { result: '已修复', informedAt: new Date().toISOString(), informedBy: '电话' };
    open = await this.complete(HANDLER, t, open, 'handle', 'reply', reply);
    open = await this.complete(DISPATCHER, t, open, 'review', 'approve', {});
    open = await this.complete(DISPATCHER, t, open, 'visit', 'done', { satisfaction: '满意' });
    if (open.length > 0) throw new Error(`still open after 回访: ${open.map((x) => x.activityId).join(', ')}`);
  }

  private async complete(
    user: string,
    t: TrackedOrder,
    open: TaskJson[],
    activityId: string,
    outcome: string,
    data: Record<string, unknown>,
  ): Promise<TaskJson[]> {
    const task = open.find((x) => x.activityId === activityId);
    if (!task)
      throw new Error(`no open ${activityId} task among ${open.map((x) => x.activityId).join(', ') || 'none'}`);
    const r = await this.client.send(user, 'POST', `/api/tasks/${task.id}/complete`, { outcome, data });
    if (r.attempts > 1) this.retriedCompletions++;
    if (r.status === 200) return r.body.openTasks as TaskJson[];
    if (r.status === 409 && r.body.code === 'TASK_NOT_OPEN' && r.attempts > 1) {
      const check = await this.client.send(user, 'GET', `/api/orders/${t.orderId}`);
      const tasks = (check.body.tasks ?? []) as TaskJson[];
      const done = tasks.find((x) => x.id === task.id);
      if (done?.status === 'completed' && done.completedBy === user && done.outcome === outcome) {
        this.completionsFoundDone++;
        return tasks.filter((x) => x.status === 'open');
      }
    }
    throw unexpected(`complete ${activityId}`, r);
  }
}

function unexpected(what: string, r: { status: number; body: unknown; attempts: number; port: number }): Error {
  return new Error(
    `${what}: ${r.status} after ${r.attempts} attempt(s), last on :${r.port}: ${JSON.stringify(r.body).slice(0, 300)}`,
  );
}

/** Runs `work` over `items` with at most `width` at once. */
export async function inParallel<T>(width: number, items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: width }, lane));
}
