import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { parsePolicy } from '../../../src/engine/policy/load-policies';
import { PolicyInvalidError } from '../../../src/engine/policy/policy-error';

/**
 * Property tests of the policy schema: a city's real policy with one thing changed — a key
 * dropped, a value of another type, an unknown key — is accepted, or refused with a
 * PolicyInvalidError whose every issue has a path and a message. Nothing else is ever thrown.
 */
jest.setTimeout(60_000);

const FILE = 'policies/pingdingshan.yaml';
const VALID = parse(readFileSync(FILE, 'utf8')) as unknown;

type Path = (string | number)[];

/** Every path to a value of the policy (a mapping's key, a list's index). */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
const ALL_PATHS = paths(VALID).filter((p) => p.length > 0);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, '', ' ', '15d', 'true', '__proto__', 'x'.repeat(5000), '\u0000', '💩'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom([], {}, [[[]]], { a: { b: { c: 1 } } }),
);

/** Own property, so `__proto__` is a key and not the prototype. */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Mutation = { kind: 'drop' | 'replace' | 'insert'; path: Path; value: unknown; key: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('drop', 'replace', 'insert'),
  path: fc.constantFrom(...ALL_PATHS),
  value: anyValue,
  key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownKey', 'timeLimit', '', '0'),
});

function apply(m: Mutation): string {
  const draft = structuredClone(VALID) as Record<string | number, unknown>;
  let parent = draft;
  for (const key of m.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = m.path[m.path.length - 1] as string | number;
  if (m.kind === 'drop') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete parent[last];
  } else if (m.kind === 'replace') setOwn(parent, last, m.value);
  else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) setOwn(target as Record<string, unknown>, m.key, m.value);
    else setOwn(parent, m.key, m.value);
  }
  return stringify(draft);
}

/** Accepted, or a PolicyInvalidError naming each problem; anything else fails the property. */
function acceptedOrNamed(text: string): void {
  try {
    parsePolicy(text, FILE);
  } catch (err) {
    if (!(err instanceof PolicyInvalidError)) throw new Error(`threw ${String(err)} instead of PolicyInvalidError`);
    expect(err.issues.length).toBeGreaterThan(0);
    for (const issue of err.issues) {
      expect(typeof issue.path).toBe('string');
      expect(issue.message).toMatch(/\S/);
      expect(issue.file).toBe(FILE);
    }
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

it('accepts the unchanged policy', () => {
  expect(parsePolicy(stringify(VALID), FILE).city).toBe('pingdingshan');
});

it('accepts a policy with one thing changed, or refuses it naming the path of each problem', () => {
  fc.assert(
    fc.property(mutation, (m) => acceptedOrNamed(apply(m))),
    { numRuns: 150 },
  );
});

it('refuses a changed type with the dotted path of the field and what was expected', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...ALL_PATHS.filter((p) => p[0] === 'timeLimits' && p.length === 2)),
      fc.constantFrom('15d', true, [], { days: 1 }),
      (path, value) => {
        const text = apply({ kind: 'replace', path, value, key: '' });
        expect(() => parsePolicy(text, FILE)).toThrow(PolicyInvalidError);
        try {
          parsePolicy(text, FILE);
        } catch (err) {
          const issues = (err as PolicyInvalidError).issues;
          expect(issues.some((i) => i.path.startsWith(path.join('.')) && /expected/.test(i.message))).toBe(true);
        }
      },
    ),
    { numRuns: 40 },
  );
});

it('answers any text at all with a policy or PolicyInvalidError, never another exception', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v)),
        fc.constantFrom('&a [*a]', '*a', '!!js/function "x"', '!!binary AAAA', '? [a]\n: b', '<<: *x', '%YAML 9.9\n---\n', '---\n---\n---', 'a: !!int abc', 'a: !!float x', '{a: 1, a: 2}', 'city: sample\ncity: x'),
      ),
      (text) => acceptedOrNamed(text),
    ),
    { numRuns: 150 },
  );
});

describe('YAML built to exhaust the reader', () => {
  function issuesOf(text: string) {
    try {
      parsePolicy(text, FILE);
    } catch (err) {
      if (err instanceof PolicyInvalidError) return err.issues;
      throw err;
    }
    throw new Error('expected a refusal');
  }

  it('refuses an alias bomb (billion laughs) with one problem naming it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const issues = issuesOf(levels.join('\n'));
    expect(issues).toEqual([expect.objectContaining({ path: '', message: expect.stringMatching(/too many aliases .*alias bomb/) })]);
  });

  it('refuses an alias that contains itself', () => {
    expect(issuesOf('&a [*a]')).toEqual([expect.objectContaining({ message: expect.stringMatching(/alias refers to a node that contains it/) })]);
    const units = readFileSync(FILE, 'utf8').replace(/^units:\n/m, 'units: &units\n').replace(/^(\s+)children:\n/m, '$1children: *units\n$1x:\n');
    expect(issuesOf(units)[0]?.message).toMatch(/alias refers to a node that contains it|expected|unknown/);
  });

  it('refuses nesting deeper than the reader or a policy needs, with one problem each', () => {
    const flow = issuesOf(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(flow).toEqual([expect.objectContaining({ message: expect.stringMatching(/nested too deeply|nested more than 64/) })]);
    const block = issuesOf(Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'));
    expect(block).toEqual([expect.objectContaining({ message: expect.stringMatching(/nested too deeply|nested more than 64/) })]);
    const moderate = issuesOf(`units: ${'[{name: x, children: '.repeat(70)}[]${'}]'.repeat(70)}`);
    expect(moderate).toEqual([expect.objectContaining({ path: expect.stringMatching(/^units\.0\.children\.0/), message: 'nested more than 64 levels deep' })]);
  });

  it('reads a huge flat document (100,000 keys) in one pass and bounded memory, naming a key written twice by its line', () => {
    const rss = process.memoryUsage().rss;
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${'x'.repeat(10)}`);
    const issues = issuesOf(`city: pingdingshan\n${keys.join('\n')}\nk5: again\n`);
    expect(issues).toEqual([{ file: FILE, path: '', message: 'YAML syntax: Map keys must be unique', line: 100_002, column: 1 }]);
    const unknown = issuesOf(`${readFileSync(FILE, 'utf8')}\n${keys.join('\n')}\n`);
    expect(unknown).toEqual([expect.objectContaining({ path: '', message: expect.stringMatching(/^unknown keys "k0", .* and 99980 more; expected one of/) })]);
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
  });
});
