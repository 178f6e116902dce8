import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parsePolicy } from '../../../src/engine/policy/load-policies';
import { PolicyInvalidError } from '../../../src/engine/policy/policy-error';

export const FIXTURES = join(__dirname, '../../fixtures/policies');
export const VALID_SAMPLE = readFileSync(join(FIXTURES, 'valid-sample.yaml'), 'utf8');

/** The valid sample as plain data, to change one thing in it. */
export type Draft = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The valid sample, renamed to `city` and changed by `change`, as YAML text. */
export function variant(change: (draft: Draft) => void, city = 'sample'): string {
  const draft = parse(VALID_SAMPLE) as Draft;
  draft.city = city;
  change(draft);
  return stringify(draft);
}

/** The PolicyInvalidError thrown for this text, or a failure when none is thrown. */
export function refusal(yamlText: string, file = 'policies/sample.yaml'): PolicyInvalidError {
  try {
    parsePolicy(yamlText, file);
  } catch (err: unknown) {
    if (err instanceof PolicyInvalidError) return err;
    throw err;
  }
  throw new PolicyInvalidError(file, [
    { file, path: '', message: 'expected the policy to be refused, but it was accepted' },
  ]);
}

/** `path: message` of every problem of the changed sample. */
export function problemsOf(change: (draft: Draft) => void): string[] {
  return refusal(variant(change)).issues.map((i) => `${i.path}: ${i.message}`);
}
