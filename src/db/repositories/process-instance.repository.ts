import { sql, type Kysely } from 'kysely';
import type { InstanceStatus, ProcessInstance, ProcessInstanceStore } from '../../engine/ports';
import { ConflictError, NotFoundError } from '../../shared/errors';
import type { DatabaseSchema, ProcessInstanceRow } from '../database.types';
import { isUniqueViolation } from '../pg-errors';

type NewInstance = Omit<ProcessInstance, 'rowVersion' | 'createdAt' | 'updatedAt'>;

/**
 * Process instances (bpmn-engine state), one per order. Two guards against lost updates:
 * the step locks the row (`lockByOrderId`, SELECT … FOR UPDATE) and `save` is optimistic on
 * `row_version`.
 */
export function createProcessInstanceRepository(db: Kysely<DatabaseSchema>): ProcessInstanceStore {
  return new ProcessInstanceRepository(db);
}

class ProcessInstanceRepository implements ProcessInstanceStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(instance: NewInstance, now: Date): Promise<ProcessInstance> {
    try {
      const row = await this.db
        .insertInto('process_instances')
        .values({
          id: instance.id,
          order_id: instance.orderId,
          process_key: instance.processKey,
          process_version: instance.processVersion,
          status: instance.status,
          state: JSON.stringify(instance.state ?? null),
          row_version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning(['row_version', 'created_at', 'updated_at']) // not the state just sent
        .executeTakeFirstOrThrow();
      return { ...instance, state: instance.state ?? null, rowVersion: row.row_version, createdAt: row.created_at, updatedAt: row.updated_at };
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ConflictError('INSTANCE_EXISTS', `order ${instance.orderId} already has a process instance`, {
          orderId: instance.orderId,
        }, { cause: err });
      }
      throw err;
    }
  }

  async lockByOrderId(orderId: string): Promise<ProcessInstance | null> {
    const row = await this.db
      .selectFrom('process_instances')
      .selectAll()
      .where('order_id', '=', orderId)
      .forUpdate()
      .executeTakeFirst();
    return row ? toInstance(row) : null;
  }

  async lockByOrderIds(orderIds: string[]): Promise<void> {
    if (orderIds.length === 0) return;
    // ORDER BY under FOR UPDATE: rows are locked as the sort returns them, so two batches
    // lock their common instances in the same order
    await this.db
      .selectFrom('process_instances')
      .select('id')
      .where('order_id', 'in', orderIds)
      .orderBy('order_id')
      .forUpdate()
      .execute();
  }

  async lockByTaskId(taskId: string): Promise<ProcessInstance | null> {
    const row = await this.db
      .selectFrom('process_instances')
      .selectAll()
      .where('order_id', '=', (eb) => eb.selectFrom('tasks').select('order_id').where('id', '=', taskId))
      .forUpdate()
      .executeTakeFirst();
    return row ? toInstance(row) : null;
  }

  async save(instance: ProcessInstance, now: Date): Promise<ProcessInstance> {
    const row = await this.db
      .updateTable('process_instances')
      .set({
        status: instance.status,
        state: JSON.stringify(instance.state ?? null),
        process_key: instance.processKey,
        process_version: instance.processVersion,
        row_version: sql<number>`row_version + 1`,
        updated_at: now,
      })
      .where('id', '=', instance.id)
      .where('row_version', '=', instance.rowVersion)
      .returning(['row_version', 'updated_at']) // not the state just sent: it can be tens of KB of JSON
      .executeTakeFirst();
    if (row) return { ...instance, state: instance.state ?? null, rowVersion: row.row_version, updatedAt: row.updated_at };
    throw await this.whyNotSaved(instance);
  }

  private async whyNotSaved(instance: ProcessInstance): Promise<NotFoundError | ConflictError> {
    const current = await this.db
      .selectFrom('process_instances')
      .select('row_version')
      .where('id', '=', instance.id)
      .executeTakeFirst();
    if (!current) {
      return new NotFoundError('INSTANCE_NOT_FOUND', `process instance ${instance.id} does not exist`, {
        instanceId: instance.id,
      });
    }
    return new ConflictError(
      'STALE_INSTANCE',
      `process instance ${instance.id} was changed by someone else (saved from row version ${instance.rowVersion}, now ${current.row_version})`,
      { instanceId: instance.id, rowVersion: instance.rowVersion, currentRowVersion: current.row_version },
    );
  }
}

function toInstance(row: ProcessInstanceRow): ProcessInstance {
  return {
    id: row.id,
    orderId: row.order_id,
    processKey: row.process_key,
    processVersion: row.process_version,
    status: row.status as InstanceStatus,
    state: row.state,
    rowVersion: row.row_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
