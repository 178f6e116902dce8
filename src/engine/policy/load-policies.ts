/**
 * Reads the cities' policy files: YAML → shape (policy.schema.ts) → cross-references
 * (policy-cross-check.ts) → deep-frozen Policy. Any problem refuses the whole load with one
 * PolicyInvalidError that lists every problem of every file: the engine does not start
 * with a policy it half understands.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { LineCounter, parseDocument, YAMLError } from 'yaml';
import { z } from 'zod';
import type { FieldIssue } from '../../shared/errors';
import { crossCheckPolicy } from './policy-cross-check';
import { PolicyInvalidError, PolicyIssue } from './policy-error';
import { policyErrorMap, toFieldIssues } from './policy-issues';
import { PolicySchema, type Policy, type UnitNode } from './policy.schema';
import { duplicateKeys, MAX_POLICY_ALIASES, policyShapeProblem } from './yaml-limits';

function syntaxIssue(file: string, error: YAMLError): PolicyIssue {
  const message = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
  const pos = error.linePos?.[0];
  return { file, path: '', message: `YAML syntax: ${message}`, line: pos?.line, column: pos?.col };
}

/** The YAML as plain data, or the syntax problems with their line and column. */
function readYaml(yamlText: string, file: string): { data: unknown } | { issues: PolicyIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: true, uniqueKeys: false });
  // The parser's stack ran out: one problem, said plainly, instead of one per level.
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    const pos = exhausted.linePos?.[0];
    return { issues: [{ file, path: '', message: 'YAML nested too deeply to read: a policy needs far fewer levels', line: pos?.line, column: pos?.col }] };
  }
  const duplicates = duplicateKeys(doc, lineCounter).map(({ line, col }) => ({ file, path: '', message: 'YAML syntax: Map keys must be unique', line, column: col }));
  const problems = [...doc.errors.map((e) => syntaxIssue(file, e)), ...duplicates, ...doc.warnings.map((e) => syntaxIssue(file, e))];
  if (problems.length) return { issues: problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_POLICY_ALIASES });
  } catch (err: unknown) {
    if (err instanceof YAMLError) return { issues: [syntaxIssue(file, err)] };
    const excessive = err instanceof ReferenceError && /alias/i.test(err.message);
    const message = excessive
      ? `YAML: too many aliases (*name) expanded (limit ${MAX_POLICY_ALIASES}): refused as an alias bomb`
      : `YAML: ${err instanceof Error ? err.message : String(err)}`;
    return { issues: [{ file, path: '', message }] };
  }
  const shape = policyShapeProblem(data);
  return shape ? { issues: [{ file, ...shape }] } : { data };
}

/** Freezes the value and everything inside it (a policy posted back from a worker thread arrives unfrozen). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Operators and dispatchers work at the centre: their unit defaults to it. */
function withCentreDefaults(policy: Policy): Policy {
  const users = policy.users.map((u) =>
    u.unit === undefined && (u.role === 'operator' || u.role === 'dispatcher') ? { ...u, unit: policy.centre } : u,
  );
  return { ...policy, users };
}

/** The city a file must describe: `policies/sample.yaml` → `sample`. */
function cityOfFile(file: string): string {
  return basename(file).replace(/\.ya?ml$/, '');
}

/**
 * Validates one policy file's text. `file` names it in messages (`policies/sample.yaml`) and
 * its base name must equal `city`. Returns the deep-frozen policy, defaults filled in.
 * @throws PolicyInvalidError listing every problem found
 */
export function parsePolicy(yamlText: string, file: string): Policy {
  const read = readYaml(yamlText, file);
  if ('issues' in read) throw new PolicyInvalidError(file, read.issues);
  const parsed = PolicySchema.safeParse(read.data, { error: policyErrorMap, reportInput: true });
  const issues: FieldIssue[] = parsed.success
    ? crossCheckPolicy(parsed.data, cityOfFile(file))
    : toFieldIssues(parsed.error);
  if (!parsed.success || issues.length) {
    throw new PolicyInvalidError(
      file,
      issues.map((i) => ({ file, ...i })),
    );
  }
  return deepFreeze(withCentreDefaults(parsed.data));
}

/**
 * Loads every `*.yaml` of `dir`, keyed by city. Paths in messages are relative to the
 * working directory.
 * @throws PolicyInvalidError with the problems of all files together
 */
export function loadPolicies(dir: string, only?: readonly string[]): Map<string, Policy> {
  const shownDir = relative(process.cwd(), dir) || '.';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new PolicyInvalidError(shownDir, [
      { file: shownDir, path: '', message: 'expected a directory of <city>.yaml policy files, got nothing' },
    ]);
  }
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.yaml') && (only === undefined || only.includes(n.slice(0, -'.yaml'.length))))
    .sort();
  if (!names.length) {
    throw new PolicyInvalidError(shownDir, [
      { file: shownDir, path: '', message: 'expected at least one <city>.yaml policy file, got none' },
    ]);
  }
  const policies = new Map<string, Policy>();
  const issues: PolicyIssue[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      const policy = parsePolicy(readFileSync(path, 'utf8'), relative(process.cwd(), path));
      policies.set(policy.city, policy);
    } catch (err: unknown) {
      if (!(err instanceof PolicyInvalidError)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length) throw new PolicyInvalidError(shownDir, issues);
  return policies;
}

/** The JSON Schema of a policy file as written (defaults optional), for the browser editor. */
export function policyJsonSchema(): object {
  return z.toJSONSchema(PolicySchema, { io: 'input' });
}

function* walk(
  units: readonly UnitNode[],
  ancestors: readonly string[],
): Generator<{ node: UnitNode; ancestors: readonly string[] }> {
  for (const node of units) {
    yield { node, ancestors };
    yield* walk(node.children ?? [], [...ancestors, node.name]);
  }
}

/** The unit of the tree with this name (the centre is not in the tree). */
export function findUnit(policy: Policy, name: string): UnitNode | undefined {
  for (const { node } of walk(policy.units, [])) if (node.name === name) return node;
  return undefined;
}

/** The names of the units above `name`, from the root down to its parent; [] for a root or an unknown name. */
export function unitAncestors(policy: Policy, name: string): string[] {
  for (const { node, ancestors } of walk(policy.units, [])) if (node.name === name) return [...ancestors];
  return [];
}

/** Every unit name of the tree, parents before children (the centre is not included). */
export function allUnitNames(policy: Policy): string[] {
  return [...walk(policy.units, [])].map(({ node }) => node.name);
}
