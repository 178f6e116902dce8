import { allUnitNames, unitAncestors } from '../policy/load-policies';
import type { FieldDef, Policy, TaskPolicy } from '../policy/policy.schema';

/** A form field as a page renders it; unit fields come with their choices as `options`. */
export interface FormFieldView {
  name: string;
  label: string;
  type: FieldDef['type'];
  required: boolean;
  options?: string[];
  min?: number;
  max?: number;
  maxLength?: number;
  help?: string;
  /** A time field that takes only a past (or only a future) time. */
  when?: 'past' | 'future';
}

export interface OutcomeView {
  key: string;
  label: string;
  /** Who may take this outcome (the outcome's own roles, else the task's). */
  roles: string[];
  /** The outcome's own fields, asked for besides the task's. */
  fields: FormFieldView[];
}

export interface TaskFormView {
  /** Fields every outcome asks for. */
  fields: FormFieldView[];
  outcomes: OutcomeView[];
}

function fieldView(policy: Policy, field: FieldDef, actorUnit: string): FormFieldView {
  const units = (): string[] => {
    if (field.type === 'unit' || field.type === 'units') return allUnitNames(policy);
    if (field.type === 'subunit')
      return allUnitNames(policy).filter((u) => unitAncestors(policy, u).includes(actorUnit));
    return field.options ?? [];
  };
  const options = units();
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    required: field.required,
    ...(options.length || field.type === 'choice' ? { options } : {}),
    ...(field.min !== undefined ? { min: field.min } : {}),
    ...(field.max !== undefined ? { max: field.max } : {}),
    ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
    ...(field.help !== undefined ? { help: field.help } : {}),
    ...(field.when !== undefined ? { when: field.when } : {}),
  };
}

/** The policy's form of a task, for the person who will fill it in (subunits are theirs). */
export function taskForm(policy: Policy, task: TaskPolicy, actorUnit: string): TaskFormView {
  return {
    fields: (task.fields ?? []).map((f) => fieldView(policy, f, actorUnit)),
    outcomes: Object.entries(task.outcomes).map(([key, o]) => ({
      key,
      label: o.label,
      roles: [...(o.roles ?? task.roles)],
      fields: (o.fields ?? []).map((f) => fieldView(policy, f, actorUnit)),
    })),
  };
}
