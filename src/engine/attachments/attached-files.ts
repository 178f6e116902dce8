import { FieldIssue, ValidationError } from '../../shared/errors';
import { ownValue } from '../../shared/own-key';
import type { FieldDef } from '../policy/policy.schema';
import type { Repositories, WorkOrder } from '../ports';
import type { Actor } from '../work-order/actor';

/** Most files one `files` field lists. */
export const MAX_FILES_PER_FIELD = 10;

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids a `files` field's value lists: one id or a list of ids; null when the value is neither. */
export function fileIds(value: unknown): string[] | null {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_FILES_PER_FIELD) return null;
  return list.every((v) => typeof v === 'string' && ID.test(v)) ? list.map((v: string) => v.toLowerCase()) : null;
}

/** The shape check of form-validation.ts: a message, or null when the value lists attachment ids. */
export function checkFilesValue(value: unknown): string | null {
  return fileIds(value) === null ? `expected the ids of 1 to ${MAX_FILES_PER_FIELD} uploaded attachments (upload the file first), got ${JSON.stringify(value)}` : null;
}

/**
 * The form data with each `files` field as a list of ids, after checking that every attachment
 * named is one of this order's and was uploaded by the actor's own unit (a unit cannot hand in
 * another's sealed reply). Throws ATTACHMENT_NOT_ATTACHABLE naming each field otherwise. The
 * shapes were checked by validateForm before.
 */
export async function attachedFiles(
  repos: Repositories,
  fields: FieldDef[],
  data: Record<string, unknown>,
  order: WorkOrder,
  actor: Actor,
): Promise<Record<string, unknown>> {
  const fileFields = fields.filter((f) => f.type === 'files' && ownValue(data, f.name) !== undefined && ownValue(data, f.name) !== null && ownValue(data, f.name) !== '');
  if (fileFields.length === 0) return data;
  const ids = new Map(fileFields.map((f) => [f.name, fileIds(ownValue(data, f.name)) ?? []]));
  const found = new Map((await repos.attachments.findInfoByIds([...new Set([...ids.values()].flat())])).map((a) => [a.id, a]));
  const issues: FieldIssue[] = [];
  for (const [name, list] of ids) {
    const wrong = list.filter((id) => {
      const a = found.get(id);
      return !a || a.orderId !== order.id || a.uploadedUnit !== actor.unit;
    });
    if (wrong.length) issues.push({ path: `data.${name}`, message: `expected attachments of this order uploaded by ${actor.unit}, got ${wrong.join(', ')}` });
  }
  if (issues.length) {
    throw new ValidationError('ATTACHMENT_NOT_ATTACHABLE', `the attachments named are not this order's or not uploaded by ${actor.unit}: ${issues.map((i) => i.path).join(', ')}`, issues);
  }
  return { ...data, ...Object.fromEntries(ids) };
}
