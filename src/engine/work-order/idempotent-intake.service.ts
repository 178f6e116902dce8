import { createHash } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ConflictError, RuleViolation, UnexpectedError, ValidationError } from '../../shared/errors';
import type { Task, UnitOfWork, WorkOrder } from '../ports';
import type { Actor } from './actor';
import type { WorkOrderService } from './work-order.service';

const KEY = /^[\x21-\x7e]{1,200}$/;
const RACE = 'IDEMPOTENCY_KEY_RACE';

/** JSON with object keys sorted, so the same body hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(payload: unknown): string {
  return createHash('sha256').update(canonical(payload)).digest('hex');
}

/**
 * Intake with an idempotency key (a double click, a retried call): per user and key, the
 * first order stands. The key is recorded in the intake's own transaction, so an order and
 * its key commit together; of two concurrent requests with one key, the second waits for
 * the first, finds the key taken, rolls its order back and answers with the first order.
 */
export class IdempotentIntakeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly workOrders: WorkOrderService,
    private readonly clock: Clock,
  ) {}

  /**
   * `created` is false when the key was already used with the same body (the same order again).
   * `tasks`: the new order's tasks as committed (absent for a replay: read them).
   */
  async intake(
    actor: Actor,
    payload: unknown,
    key: string | undefined,
  ): Promise<{ order: WorkOrder; created: boolean; tasks?: Task[] }> {
    if (key === undefined) return { ...(await this.workOrders.intakeWithTasks(actor, payload)), created: true };
    if (!KEY.test(key)) {
      throw new ValidationError('IDEMPOTENCY_KEY_INVALID', 'the Idempotency-Key header is not valid', [
        { path: 'headers.idempotency-key', message: 'expected 1 to 200 visible ASCII characters, e.g. a UUID' },
      ]);
    }
    const hash = requestHash(payload);
    const earlier = await this.replay(actor, key, hash);
    if (earlier) return { order: earlier, created: false };
    try {
      const { order, tasks } = await this.workOrders.intakeWithTasks(actor, payload, async (repos, created) => {
        const fresh = await repos.idempotency.insert({
          actor: actor.id,
          key,
          requestHash: hash,
          orderId: created.id,
          createdAt: this.clock.now(),
        });
        if (!fresh) throw new ConflictError(RACE, '同一幂等键的另一请求已同时登记了工单');
      });
      return { order, created: true, tasks };
    } catch (err) {
      const winner = err instanceof ConflictError && err.code === RACE ? await this.replay(actor, key, hash) : null;
      if (winner) return { order: winner, created: false };
      throw err;
    }
  }

  /**
   * The order recorded with this key, or null for a new key; the key with another body is refused.
   * No transaction: a key and its order commit together, so a key read means its order is there.
   */
  private async replay(actor: Actor, key: string, hash: string): Promise<WorkOrder | null> {
    return this.uow.read(async (repos) => {
      const earlier = await repos.idempotency.find(actor.id, key);
      if (!earlier) return null;
      if (earlier.requestHash !== hash) {
        throw new RuleViolation(
          'IDEMPOTENCY_KEY_REUSED',
          '此幂等键已用于另一件内容不同的工单；登记新工单请使用新的幂等键',
          {
            orderId: earlier.orderId,
          },
        );
      }
      const order = await repos.orders.findById(earlier.orderId);
      if (!order)
        throw new UnexpectedError(
          'IDEMPOTENT_ORDER_MISSING',
          `order ${earlier.orderId} of Idempotency-Key "${key}" does not exist`,
        );
      return order;
    });
  }
}
