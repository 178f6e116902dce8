/**
 * The cities are data, not code: src/ never names one, and every rule in scope of issue 3 is
 * proved by at least one scenario (its id in the scenario's `rules:`), with enough scenarios.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findScenarioFiles } from '../../../src/scenario/scenario-files';
import { loadScenario } from '../../../src/scenario/scenario-runner';

const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${from + i}`);

const RULES_IN_SCOPE: Record<string, string[]> = {
  haikou: [...range('HK', 1, 8), 'HK-15'],
  huizhou: [...range('HZ', 1, 9), 'HZ-11', 'HZ-12', 'HZ-13'],
  anshan: range('AS', 1, 10),
  dazhu: range('DZ', 1, 9),
  pingdingshan: range('PDS', 1, 16),
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

it('src/ names no city', () => {
  const pattern = /haikou|huizhou|anshan|pingdingshan|dazhu|海口|惠州|鞍山|平顶山|大竹/i;
  const offenders = filesUnder('src').filter((file) => pattern.test(readFileSync(file, 'utf8')));
  expect(offenders).toEqual([]);
});

describe.each(Object.entries(RULES_IN_SCOPE))('%s', (city, rules) => {
  const scenarios = findScenarioFiles([city]).map((file) => ({ file, scenario: loadScenario(file) }));

  it('has a policy, a diagram and at least 10 scenarios, all of this city', () => {
    expect(statSync(`policies/${city}.yaml`).isFile()).toBe(true);
    expect(statSync(`processes/${city}.bpmn`).isFile()).toBe(true);
    expect(scenarios.length).toBeGreaterThanOrEqual(10);
    expect(scenarios.filter((s) => s.scenario.city !== city).map((s) => s.file)).toEqual([]);
  });

  it('proves every rule in scope with a scenario', () => {
    const covered = new Set(scenarios.flatMap((s) => s.scenario.rules));
    expect(rules.filter((r) => !covered.has(r))).toEqual([]);
  });

  it('names only rules that exist in the city file', () => {
    const cityFile = readFileSync(join(__dirname, '../../../../shared/cities', `${city}.md`), 'utf8');
    const known = new Set([...cityFile.matchAll(/\|\s*([A-Z]+-\d+)\s*\|/g)].map((m) => m[1]));
    const named = [...new Set(scenarios.flatMap((s) => s.scenario.rules))];
    expect(named.filter((r) => !known.has(r))).toEqual([]);
  });
});
