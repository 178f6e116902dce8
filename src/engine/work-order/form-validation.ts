import { FieldIssue, ValidationError } from '../../shared/errors';
import { allUnitNames, unitAncestors } from '../policy/load-policies';
import type { FieldDef, Policy, TaskPolicy } from '../policy/policy.schema';
import { ownValue } from '../../shared/own-key';
import { checkFilesValue } from '../attachments/attached-files';

/** The fields a task's outcome asks for: the task's own plus the outcome's. */
export function fieldsFor(task: TaskPolicy, outcome: string): FieldDef[] {
  return [...(task.fields ?? []), ...(ownValue(task.outcomes, outcome)?.fields ?? [])];
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** How far a `past` time may lie after the server's now: a browser's clock a little ahead. */
export const PAST_TIME_TOLERANCE_MS = 5 * 60_000;

function checkTime(field: FieldDef, value: unknown, now: Date): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    return `expected a date and time like 2026-03-02T09:00:00+08:00, got ${describe(value)}`;
  }
  const at = Date.parse(value);
  if (field.when === 'past' && at > now.getTime() + PAST_TIME_TOLERANCE_MS) return `expected a time not later than now, got ${value}`;
  if (field.when === 'future' && at <= now.getTime()) return `expected a time later than now, got ${value}`;
  return null;
}

function checkField(field: FieldDef, value: unknown, units: ReadonlySet<string>, below: (unit: string) => boolean, now: Date): string | null {
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') return `expected text, got ${describe(value)}`;
      if (field.maxLength !== undefined && value.length > field.maxLength) return `expected at most ${field.maxLength} characters, got ${value.length}`;
      return null;
    case 'choice':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? null
        : `expected one of ${(field.options ?? []).join(', ')}, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `expected true or false, got ${describe(value)}`;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number, got ${describe(value)}`;
      if (field.min !== undefined && value < field.min) return `expected a number ≥ ${field.min}, got ${value}`;
      if (field.max !== undefined && value > field.max) return `expected a number ≤ ${field.max}, got ${value}`;
      return null;
    case 'datetime':
      return checkTime(field, value, now);
    case 'unit':
      return typeof value === 'string' && units.has(value) ? null : `expected the name of a unit, got ${describe(value)}`;
    case 'subunit':
      return typeof value === 'string' && units.has(value) && below(value) ? null : `expected the name of a unit below yours, got ${describe(value)}`;
    case 'units':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && units.has(v))
        ? null
        : `expected a list of unit names, got ${describe(value)}`;
    case 'files':
      return checkFilesValue(value);
  }
}

/**
 * Checks form data against the policy's form for this task and outcome: required fields present,
 * each value of its type (a `past` time not after now, a `future` one after it), no unknown
 * fields. Throws FORM_INVALID listing every problem.
 */
export function validateForm(policy: Policy, task: TaskPolicy, outcome: string, data: Record<string, unknown>, actorUnit: string, now: Date): void {
  const fields = fieldsFor(task, outcome);
  const units = new Set(allUnitNames(policy));
  const below = (unit: string) => unitAncestors(policy, unit).includes(actorUnit);
  const issues: FieldIssue[] = [];
  const known = new Set(fields.map((f) => f.name));
  for (const name of Object.keys(data)) {
    if (!known.has(name)) {
      issues.push({ path: `data.${name}`, message: `unknown field; this form has ${[...known].join(', ') || 'no fields'}` });
    }
  }
  for (const field of fields) {
    const value = ownValue(data, field.name);
    // no file chosen for a `files` field is an empty list: not filled in, as an empty text is
    if (value === undefined || value === null || value === '' || (field.type === 'files' && Array.isArray(value) && value.length === 0)) {
      if (field.required) issues.push({ path: `data.${field.name}`, message: `required (${field.label})` });
      continue;
    }
    const problem = checkField(field, value, units, below, now);
    if (problem) issues.push({ path: `data.${field.name}`, message: problem });
  }
  if (issues.length) {
    throw new ValidationError('FORM_INVALID', `the form of ${task.name} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
}
