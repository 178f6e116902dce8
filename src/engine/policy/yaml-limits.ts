/**
 * What a policy's YAML may not do. Keys written twice are found in one pass (the yaml library's
 * own `uniqueKeys` compares each key with every other: 20,000 keys took 4 s, a 2 MB upload
 * minutes of a blocked server). On the parsed data, before the schema walks it: nest
 * deeper than a policy ever needs, or refer to itself through an alias (`&a [*a]`), which makes
 * a cycle that every recursive walk (the schema, error messages) would follow for ever.
 * Alias bombs (`&a [*a,*a,…]` nested) are refused by the yaml library's `maxAliasCount`.
 */

import { isMap, isScalar, visit, type Document, type LineCounter } from 'yaml';

/**
 * The largest policy text accepted from an upload (validate, save): the cities' are 5–33 KB. Reading and checking a policy
 * takes about 2 ms a KB, so this bounds one upload to a few hundred ms of an upload-check worker
 * thread (src/app/upload-check-pool.ts), not of the thread that serves requests.
 */
export const MAX_POLICY_BYTES = 128 * 1024;

/** The text's size problem, or null. */
export function policySizeProblem(text: string): string | null {
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_POLICY_BYTES ? `the policy has ${bytes} bytes; at most ${MAX_POLICY_BYTES} are allowed (a city's policy has a few tens of thousands)` : null;
}

/** Mappings and lists inside each other (a policy's unit tree 10 levels deep needs about 25). */
export const MAX_POLICY_DEPTH = 64;
/** Expanded aliases the YAML may use, weighted by their size (the yaml library's own measure). */
export const MAX_POLICY_ALIASES = 100;

export interface ShapeProblem {
  path: string;
  message: string;
}

/** The first problem of the parsed data's shape, or null. */
export function policyShapeProblem(data: unknown): ShapeProblem | null {
  const ancestors = new Set<object>();
  const walk = (value: unknown, path: readonly string[]): ShapeProblem | null => {
    if (typeof value !== 'object' || value === null) return null;
    const at = path.join('.');
    if (ancestors.has(value)) return { path: at, message: 'an alias refers to a node that contains it (&a … *a inside itself): a policy cannot be recursive' };
    if (path.length >= MAX_POLICY_DEPTH) return { path: at, message: `nested more than ${MAX_POLICY_DEPTH} levels deep` };
    ancestors.add(value);
    for (const [key, child] of Object.entries(value)) {
      const problem = walk(child, [...path, key]);
      if (problem) return problem;
    }
    ancestors.delete(value);
    return null;
  };
  return walk(data, []);
}

/** Where each key written a second time in its mapping is (1-based line and column). */
export function duplicateKeys(doc: Document, lines: LineCounter): { line: number; col: number }[] {
  const found: { line: number; col: number }[] = [];
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : String(pair.key);
        if (seen.has(key)) {
          const offset = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
          found.push(lines.linePos(offset));
        }
        seen.add(key);
      }
    },
  });
  return found;
}
