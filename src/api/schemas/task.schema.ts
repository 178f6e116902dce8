import { z } from 'zod';
import type { TaskView } from '../../engine/queries/order-view.service';
import type { FormFieldView, TaskFormView } from '../../engine/queries/task-form';

export const DateTime = z.iso.datetime({ offset: true });
export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A task of an order, as shown beside it and in task responses. */
export const TaskSchema = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  city: z.string(),
  activityId: z.string().describe('BPMN id of the user task'),
  formKey: z.string().describe('key of the task in the policy (`tasks.<formKey>`)'),
  name: z.string(),
  unit: z.string().describe('the unit that must act (the centre for centre tasks)'),
  roles: z.array(z.string()),
  assignee: z.string().nullable().describe('who claimed it (username), or null'),
  status: z.enum(['open', 'completed', 'cancelled']),
  createdAt: DateTime,
  dueAt: DateTime.nullable(),
  remainingSeconds: z
    .number()
    .int()
    .nullable()
    .describe('until due (negative once past); null when done or without a due time'),
  flags: z.array(z.string()).describe('e.g. due-soon, overdue'),
  completedBy: z.string().nullable(),
  completedAt: DateTime.nullable(),
  outcome: z.string().nullable(),
  formData: z.record(z.string(), z.unknown()).nullable().describe('what was filled in (phone numbers masked)'),
});

export function presentTask(t: TaskView): z.infer<typeof TaskSchema> {
  return {
    id: t.id,
    orderId: t.orderId,
    city: t.city,
    activityId: t.activityId,
    formKey: t.formKey,
    name: t.name,
    unit: t.candidateUnit,
    roles: t.candidateRoles,
    assignee: t.assignee,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    dueAt: iso(t.dueAt),
    remainingSeconds: t.remainingSeconds,
    flags: t.flags,
    completedBy: t.completedBy,
    completedAt: iso(t.completedAt),
    outcome: t.outcome,
    formData: t.formData,
  };
}

export const FormFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['text', 'choice', 'boolean', 'datetime', 'number', 'unit', 'units', 'subunit', 'files']),
  required: z.boolean(),
  options: z.array(z.string()).optional().describe('choices; for unit fields the units to choose from'),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().optional(),
  help: z.string().optional(),
  when: z.enum(['past', 'future']).optional().describe('a time field that takes only a past (or only a future) time; a few minutes of clock drift are allowed'),
});

export const TaskFormSchema = z.object({
  fields: z.array(FormFieldSchema).describe('asked for by every outcome'),
  outcomes: z.array(
    z.object({
      key: z.string().describe('send as `outcome` to complete the task'),
      label: z.string(),
      roles: z.array(z.string()),
      fields: z.array(FormFieldSchema).describe("this outcome's own fields, besides the task's"),
    }),
  ),
});

function presentField(f: FormFieldView): z.infer<typeof FormFieldSchema> {
  return { ...f };
}

export function presentForm(form: TaskFormView): z.infer<typeof TaskFormSchema> {
  return {
    fields: form.fields.map(presentField),
    outcomes: form.outcomes.map((o) => ({
      key: o.key,
      label: o.label,
      roles: o.roles,
      fields: o.fields.map(presentField),
    })),
  };
}
