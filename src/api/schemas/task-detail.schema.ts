import { z } from 'zod';
import type { CompletedView, TaskDetailView } from '../../engine/queries/task-view.service';
import { ORDER_STATUSES, RequesterSchema } from './order.schema';
import { DateTime, iso, presentForm, presentTask, TaskFormSchema, TaskSchema } from './task.schema';

export const TaskDetailSchema = z.object({
  task: TaskSchema,
  order: z.object({
    id: z.uuid(),
    number: z.string(),
    category: z.string(),
    title: z.string(),
    content: z.string(),
    status: z.enum(ORDER_STATUSES),
    requester: RequesterSchema.describe('masked'),
    dueAt: DateTime.nullable(),
    overdue: z.boolean(),
    channel: z.string(),
    topic: z.string().nullable(),
    district: z.string().nullable(),
    address: z.string().nullable(),
    leadUnit: z.string().nullable(),
  }),
  form: TaskFormSchema.describe("the policy's form of this task: what POST /api/tasks/{id}/complete accepts"),
});

export const CompleteTaskBody = z.strictObject({
  outcome: z.string().min(1, 'expected an outcome key of the task (see form.outcomes)').max(100),
  data: z.record(z.string(), z.unknown()).default({}).describe("the form's fields, by name"),
});

export const CompletedSchema = z.object({
  task: TaskSchema,
  order: z.object({
    id: z.uuid(),
    number: z.string(),
    status: z.enum(ORDER_STATUSES),
    dueAt: DateTime.nullable(),
    flags: z.array(z.string()),
  }),
  openTasks: z.array(TaskSchema).describe("the order's open tasks after this step"),
});

export function presentTaskDetail(v: TaskDetailView): z.infer<typeof TaskDetailSchema> {
  return {
    task: presentTask(v.task),
    order: {
      ...v.order,
      requester: { name: v.order.requester.name, phone: v.order.requester.phone },
      dueAt: iso(v.order.dueAt),
    },
    form: presentForm(v.form),
  };
}

export function presentCompleted(v: CompletedView): z.infer<typeof CompletedSchema> {
  return {
    task: presentTask(v.task),
    order: { ...v.order, dueAt: iso(v.order.dueAt) },
    openTasks: v.openTasks.map(presentTask),
  };
}
