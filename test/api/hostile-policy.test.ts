import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';
import { MAX_POLICY_BYTES } from '../../src/engine/policy/yaml-limits';
import { expectHandled, expectNoPollution, expectOneVersionServed } from '../helpers/hostile';

/**
 * Hostile policy texts on validate and save: malformed YAML, alias bombs, cycles, deep nesting,
 * huge documents, keys written twice, arbitrary text. Each is refused with 400 POLICY_INVALID
 * whose errors name a path (`yaml` for the text itself) and what was wrong; nothing is saved;
 * the server keeps serving.
 */
jest.setTimeout(120_000);

const SAMPLE = readFileSync('policies/sample.yaml', 'utf8');

function aliasBomb(levels: number): string {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

const CASES: { name: string; yaml: string; says: RegExp }[] = [
  { name: 'malformed YAML', yaml: 'city: sample\n  bad: [unclosed\n', says: /YAML syntax/ },
  { name: 'a tab-indented document', yaml: 'city: sample\n\tcentre: x\n', says: /YAML syntax/ },
  { name: 'billion laughs with aliases', yaml: aliasBomb(9), says: /too many aliases .*alias bomb/ },
  { name: 'an alias bomb inside a real policy', yaml: `${SAMPLE}\nx-bomb:\n  ${aliasBomb(7).split('\n').join('\n  ')}\n`, says: /too many aliases/ },
  { name: 'an alias that contains itself', yaml: 'units: &u\n  - name: a\n    children: *u\n', says: /contains it/ },
  { name: 'flow lists nested 60,000 deep', yaml: `${'['.repeat(60_000)}${']'.repeat(60_000)}`, says: /nested too deeply|nested more than 64/ },
  { name: 'mappings nested 400 deep', yaml: Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), says: /nested too deeply|nested more than 64/ },
  { name: 'a key written twice', yaml: SAMPLE.replace(/^city: .*$/m, (line) => `${line}\n${line}`), says: /Map keys must be unique/ },
  { name: 'a scalar', yaml: '42', says: /expected a mapping/ },
  { name: 'a custom tag', yaml: `${SAMPLE}\nx: !!js/function "function () { return process }"\n`, says: /tag|YAML/ },
  { name: 'a 1.5 MB document (150,000 keys, POLICY_TOO_LARGE)', yaml: `${SAMPLE}\n${Array.from({ length: 150_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`, says: new RegExp(`has \\d+ bytes; at most ${MAX_POLICY_BYTES} are allowed`) },
  { name: '__proto__ keys', yaml: `${SAMPLE}\n__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n`, says: /unknown keys? .*__proto__|constructor/ },
];

let h: ApiHarness;
let admin: Client;
beforeAll(async () => {
  h = await openApiHarness();
  admin = await h.login('sample.admin1');
});
afterAll(async () => {
  await h.close();
});

const expectServing = (): Promise<void> => expectOneVersionServed(h, admin, '/api/policies/sample/versions');

describe.each(['validate', 'versions'])('POST /api/policies/sample/%s', (endpoint) => {
  it.each(CASES)('refuses $name naming what is wrong', async ({ yaml, says }) => {
    const res = await admin.post(`/api/policies/sample/${endpoint}`, { yaml });
    expectHandled(res, yaml.slice(0, 100));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('POLICY_INVALID');
    expect((res.body.errors as { message: string }[]).some((e) => says.test(e.message))).toBe(true);
    expectNoPollution();
    await expectServing();
  });
});

it('refuses a document of 10,000 keys within the size limit in bounded time and memory, naming them', async () => {
  const rss = process.memoryUsage().rss;
  const yaml = `${SAMPLE}\n${Array.from({ length: 10_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`;
  expect(Buffer.byteLength(yaml)).toBeLessThan(MAX_POLICY_BYTES);
  const res = await admin.post('/api/policies/sample/validate', { yaml });
  expectHandled(res, 'huge');
  expect(res.body.errors).toEqual([{ path: 'yaml', message: expect.stringMatching(/^unknown keys "k0", .* and 9980 more/) }]);
  expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
  await expectServing();
});

it('answers any text with 200 or 400 POLICY_INVALID naming each problem, never a 500', async () => {
  const lines = SAMPLE.split('\n');
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }),
        fc.tuple(fc.nat({ max: lines.length - 1 }), fc.string({ unit: 'grapheme', maxLength: 40 })).map(([at, text]) => [...lines.slice(0, at), text, ...lines.slice(at + 1)].join('\n')),
        fc.nat({ max: lines.length - 1 }).map((at) => [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n')),
        fc.tuple(fc.nat({ max: lines.length - 1 }), fc.constantFrom('  x: [*a]', '&a', '*a', '\t', '- - -', ': :', '"', "'", '{', '? ', '|', '>', '!!binary x', '%TAG ! x')).map(([at, text]) => [...lines.slice(0, at), text, ...lines.slice(at)].join('\n')),
      ),
      async (yaml) => {
        const res = await admin.post('/api/policies/sample/validate', { yaml });
        expectHandled(res, yaml.slice(0, 200));
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(res.body.code).toMatch(/^(POLICY_INVALID|TEXT_INVALID)$/);
        expectNoPollution();
      },
    ),
    { numRuns: 80 },
  );
  await expectServing();
});
