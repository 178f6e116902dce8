import type { OrderServices } from '../../engine/queries/order-services';
import type { Actor } from '../../engine/work-order/actor';
import type { RequestAuth } from '../middleware/authenticate';
import { ApiRouter, requireAuth } from '../openapi/api-router';
import { IdParams, problems } from '../schemas/common.schema';
import {
  CompletedSchema,
  CompleteTaskBody,
  presentCompleted,
  presentTaskDetail,
  TaskDetailSchema,
} from '../schemas/task-detail.schema';
import { presentTask, TaskSchema } from '../schemas/task.schema';

/** The acting user of an authenticated operation (orders, inbox and task routes). */
export function actorOf(auth: RequestAuth | null): Actor {
  requireAuth(auth);
  return auth.actor;
}

/** A task with its form; claiming, releasing and completing it. */
export function taskRoutes(api: ApiRouter, s: OrderServices): void {
  api.add({
    method: 'get',
    path: '/api/tasks/:id',
    tag: 'tasks',
    summary:
      "A task, its order in brief (requester masked) and the policy's form for it (fields, outcomes and their fields). Another city's task: 404; another unit's order: 403 ORDER_NOT_VISIBLE.",
    params: IdParams,
    responses: {
      200: { description: 'the task and its form', schema: TaskDetailSchema },
      ...problems(400, 401, 403, 404),
    },
    handler: async ({ auth, params }) => presentTaskDetail(await s.task(actorOf(auth), params.id)),
  });

  api.add({
    method: 'post',
    path: '/api/tasks/:id/claim',
    tag: 'tasks',
    summary:
      'Claim a task (a user of its unit with one of its roles); then only you may complete it. Claiming your own claim again changes nothing. ' +
      'Errors: 403 CITY_MISMATCH, NOT_YOUR_UNIT, ROLE_NOT_ALLOWED; 404 TASK_NOT_FOUND; 409 TASK_ALREADY_CLAIMED (someone else holds it), TASK_NOT_OPEN.',
    params: IdParams,
    responses: { 200: { description: 'the claimed task', schema: TaskSchema }, ...problems(400, 401, 403, 404, 409) },
    handler: async ({ auth, params }) => presentTask(await s.claim(actorOf(auth), params.id)),
  });

  api.add({
    method: 'delete',
    path: '/api/tasks/:id/claim',
    tag: 'tasks',
    summary:
      "Release a claim: its holder, or the leader of the task's unit (an admin for centre tasks). Releasing an unclaimed task changes nothing. " +
      'Errors: 403 CITY_MISMATCH, NOT_YOUR_UNIT, NOT_CLAIM_HOLDER; 404 TASK_NOT_FOUND; 409 TASK_NOT_OPEN.',
    params: IdParams,
    responses: {
      200: { description: 'the task, unclaimed', schema: TaskSchema },
      ...problems(400, 401, 403, 404, 409),
    },
    handler: async ({ auth, params }) => presentTask(await s.unclaim(actorOf(auth), params.id)),
  });

  api.add({
    method: 'post',
    path: '/api/tasks/:id/complete',
    tag: 'tasks',
    summary:
      "Complete a task with one of its outcomes and the form's data, validated against the city's policy; the process moves on. " +
      'Errors: 400 FORM_INVALID (each field named), OUTCOME_UNKNOWN; 403 CITY_MISMATCH, ROLE_NOT_ALLOWED, NOT_YOUR_UNIT, TASK_CLAIMED_BY_OTHER; ' +
      '404 TASK_NOT_FOUND; 409 TASK_NOT_OPEN (someone completed it first); 422 a guard of the policy (e.g. RETURN_WINDOW_CLOSED, EXTENSION_LIMIT_REACHED).',
    params: IdParams,
    body: CompleteTaskBody,
    responses: {
      200: { description: "the completed task, the order's new status and its open tasks", schema: CompletedSchema },
      ...problems(400, 401, 403, 404, 409, 422),
    },
    handler: async ({ auth, params, body }) => presentCompleted(await s.complete(actorOf(auth), params.id, body)),
  });
}
