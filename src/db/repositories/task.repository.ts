import { sql, type Kysely } from 'kysely';
import type { Task, TaskStatus, TaskStore } from '../../engine/ports';
import { ConflictError, NotFoundError } from '../../shared/errors';
import type { DatabaseSchema, TaskRow } from '../database.types';
import { isUniqueViolation } from '../pg-errors';
import { isUuidText } from '../uuid-text';

/** User tasks: the inbox. One row per waiting bpmn-engine execution (`execution_id` is unique). */
export function createTaskRepository(db: Kysely<DatabaseSchema>): TaskStore {
  return new TaskRepository(db);
}

class TaskRepository implements TaskStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(task: Task): Promise<void> {
    try {
      await this.db
        .insertInto('tasks')
        .values({
          ...toColumns(task),
          id: task.id,
          order_id: task.orderId,
          instance_id: task.instanceId,
          city: task.city,
          execution_id: task.executionId,
          activity_id: task.activityId,
          form_key: task.formKey,
          created_at: task.createdAt,
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ConflictError('TASK_EXISTS', `task ${task.id} (execution ${task.executionId}) already exists`, {
          taskId: task.id,
          executionId: task.executionId,
        }, { cause: err });
      }
      throw err;
    }
  }

  async findById(id: string): Promise<Task | null> {
    if (!isUuidText(id)) return null;
    const row = await this.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toTask(row) : null;
  }

  async findByIds(ids: string[]): Promise<Task[]> {
    const keys = ids.filter(isUuidText);
    if (keys.length === 0) return [];
    const rows = await this.db.selectFrom('tasks').selectAll().where('id', 'in', keys).execute();
    return rows.map(toTask);
  }

  async updateFlags(changes: Array<Pick<Task, 'id' | 'flags'>>): Promise<void> {
    if (changes.length === 0) return;
    const rows = JSON.stringify(changes.map((c) => ({ id: c.id, flags: c.flags })));
    await sql`UPDATE tasks AS t SET flags = v.flags
      FROM jsonb_to_recordset(${rows}::jsonb) AS v(id uuid, flags jsonb)
      WHERE t.id = v.id`.execute(this.db);
  }

  async lockById(id: string): Promise<Task | null> {
    if (!isUuidText(id)) return null;
    const row = await this.db.selectFrom('tasks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? toTask(row) : null;
  }

  /** Oldest first. */
  async findOpenByOrder(orderId: string): Promise<Task[]> {
    const rows = await this.byOrder(orderId).where('status', '=', 'open').execute();
    return rows.map(toTask);
  }

  /** Oldest first. */
  async findByOrder(orderId: string): Promise<Task[]> {
    const rows = await this.byOrder(orderId).execute();
    return rows.map(toTask);
  }

  async update(task: Task): Promise<void> {
    const result = await this.db.updateTable('tasks').set(toColumns(task)).where('id', '=', task.id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      throw new NotFoundError('TASK_NOT_FOUND', `task ${task.id} does not exist`, { taskId: task.id });
    }
  }

  private byOrder(orderId: string) {
    return this.db.selectFrom('tasks').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id');
  }
}

/** The columns `insert` and `update` both write. */
function toColumns(task: Task) {
  return {
    name: task.name,
    candidate_unit: task.candidateUnit,
    candidate_roles: JSON.stringify(task.candidateRoles),
    assignee: task.assignee,
    due_at: task.dueAt,
    status: task.status,
    completed_by: task.completedBy,
    completed_at: task.completedAt,
    outcome: task.outcome,
    form_data: task.formData === null ? null : JSON.stringify(task.formData),
    flags: JSON.stringify(task.flags),
  };
}

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    orderId: row.order_id,
    instanceId: row.instance_id,
    city: row.city,
    executionId: row.execution_id,
    activityId: row.activity_id,
    formKey: row.form_key,
    name: row.name,
    candidateUnit: row.candidate_unit,
    candidateRoles: row.candidate_roles,
    assignee: row.assignee,
    createdAt: row.created_at,
    dueAt: row.due_at,
    status: row.status as TaskStatus,
    completedBy: row.completed_by,
    completedAt: row.completed_at,
    outcome: row.outcome,
    formData: row.form_data,
    flags: row.flags,
  };
}
