import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadPolicies } from '../../../src/engine/policy/load-policies';
import { PolicyInvalidError } from '../../../src/engine/policy/policy-error';
import { FIXTURES } from './policy-variant';

function loadError(dir: string): PolicyInvalidError {
  try {
    loadPolicies(dir);
  } catch (err: unknown) {
    if (err instanceof PolicyInvalidError) return err;
    throw err;
  }
  throw new PolicyInvalidError(dir, [
    { file: dir, path: '', message: 'expected the load to be refused, but it succeeded' },
  ]);
}

describe('loadPolicies', () => {
  it('loads every policy of a directory, keyed by city', () => {
    const policies = loadPolicies(FIXTURES);
    expect([...policies.keys()]).toEqual(['valid-sample']);
    expect(Object.isFrozen(policies.get('valid-sample'))).toBe(true);
  });

  it('reports the problems of all files in one error, with paths relative to the working directory', () => {
    const bad = relative(process.cwd(), join(FIXTURES, 'bad'));
    const error = loadError(join(FIXTURES, 'bad'));
    expect(error.code).toBe('POLICY_INVALID');
    expect(error.file).toBe(bad);
    const lines = error.message.split('\n');
    expect(lines).toEqual([
      `${bad}/huizhou.yaml: timeLimits.complaint: expected a whole number of working days ≥ 1, got "15d"`,
      `${bad}/syntax.yaml:4:13: YAML syntax: Nested mappings are not allowed in compact mappings`,
      `${bad}/typo.yaml: numberPrefix: required: expected text, but it is missing`,
      `${bad}/typo.yaml: tasks.sign.outcomes.done.label: required: expected text, but it is missing`,
      `${bad}/typo.yaml: tasks.sign.outcomes.done.lable: unknown key "lable" (did you mean "label"?); expected one of: label, roles, fields, guards, effects`,
      `${bad}/wrong-refs.yaml: city: expected "wrong-refs" (the file's name), got "elsewhere"`,
      `${bad}/wrong-refs.yaml: routing.0.lead: expected the name of a unit, got "旧城区"`,
    ]);
    expect(new Set(error.issues.map((i) => i.file)).size).toBe(4);
  });

  it('refuses a directory that does not exist or holds no policy', () => {
    const empty = mkdtempSync(join(tmpdir(), 'minhu-policies-'));
    try {
      expect(loadError(empty).message).toMatch(/: expected at least one <city>\.yaml policy file, got none$/);
      expect(loadError(join(empty, 'missing')).message).toMatch(
        /: expected a directory of <city>\.yaml policy files, got nothing$/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
