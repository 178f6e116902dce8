/**
 * Turns zod's issues into the policy editor's words: a dotted path (`routing.0.lead`) and a
 * message saying what was expected and what was got. The error map covers the issues the
 * schema does not word itself; `toFieldIssues` flattens unions and splits unknown keys.
 */
import { z } from 'zod';
import type { FieldIssue } from '../../shared/errors';
import { describeValue, listQuoted } from './describe-value';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  record: 'a mapping (key: value)',
};

/** Levenshtein distance, to suggest the key a typo was meant to be. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function unknownKeyMessage(keys: readonly string[], inst: unknown): string {
  const known = inst instanceof z.ZodObject ? Object.keys(inst.shape) : [];
  const shown = keys.length > 20 ? `${listQuoted(keys.slice(0, 20))} and ${keys.length - 20} more` : listQuoted(keys);
  const named = keys.length === 1 ? `unknown key ${shown}` : `unknown keys ${shown}`;
  const [only] = keys;
  const near = only === undefined ? undefined : known.find((k) => distance(k.toLowerCase(), only.toLowerCase()) <= 2);
  const hint = keys.length === 1 && near ? ` (did you mean "${near}"?)` : '';
  return known.length ? `${named}${hint}; expected one of: ${known.join(', ')}` : named;
}

function sizeMessage(iss: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const least = iss.code === 'too_small';
  const bound = Number(least ? iss.minimum : iss.maximum);
  const strict = iss.inclusive === false;
  if (iss.origin === 'number' || iss.origin === 'int') {
    const op = least ? (strict ? '>' : '≥') : strict ? '<' : '≤';
    return `expected a number ${op} ${bound}, got ${describeValue(iss.input)}`;
  }
  const unit = iss.origin === 'string' ? 'characters' : 'items';
  return `expected ${least ? 'at least' : 'at most'} ${bound} ${unit}, got ${describeValue(iss.input)}`;
}

function typeMessage(iss: RawIssue & { code: 'invalid_type' }): string {
  const what = TYPE_WORDS[iss.expected] ?? iss.expected;
  return iss.input === undefined
    ? `required: expected ${what}, but it is missing`
    : `expected ${what}, got ${describeValue(iss.input)}`;
}

/** The error map passed to every parse of a policy. */
export const policyErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return typeMessage(iss);
    case 'unrecognized_keys':
      return unknownKeyMessage(iss.keys, iss.inst);
    case 'too_small':
    case 'too_big':
      return sizeMessage(iss);
    case 'invalid_value':
      return `expected one of ${listQuoted(iss.values)}, got ${describeValue(iss.input)}`;
    case 'invalid_format':
      return `expected ${iss.format === 'regex' ? `text matching ${iss.pattern ?? 'the pattern'}` : `a ${iss.format}`}, got ${describeValue(iss.input)}`;
    case 'invalid_union':
      return `expected one of the allowed forms, got ${describeValue(iss.input)}`;
    default:
      return undefined;
  }
};

type PathPart = PropertyKey;

function joinPath(path: readonly PathPart[]): string {
  return path.map((p) => String(p)).join('.');
}

/**
 * A union reports every branch's problems. When exactly one branch fails only below the
 * top level (its keys matched, a value did not), that branch is what the writer meant.
 */
function meantBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const near = branches.filter((b) => b.length > 0 && b.every((i) => i.path.length > 0));
  return near.length === 1 ? near[0] : undefined;
}

function flatten(issue: z.core.$ZodIssue, prefix: readonly PathPart[]): FieldIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const branch = meantBranch(issue.errors);
    if (branch) return branch.flatMap((i) => flatten(i, path));
  }
  if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
    return issue.issues.flatMap((i) => flatten(i, path));
  }
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) {
    return [{ path: joinPath([...path, ...issue.keys]), message: issue.message }];
  }
  return [{ path: joinPath(path), message: issue.message }];
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => flatten(issue, []));
}
