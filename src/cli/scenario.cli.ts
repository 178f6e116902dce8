/**
 * `npm run scenario -- <city | file.yaml | dir> …` runs scenario files on a virtual clock
 * against a scratch database (embedded, or a throw-away database on DATABASE_URL's server),
 * prints each step, and exits non-zero if any scenario fails.
 */
import { openScratchDatabase } from '../db/scratch-database';
import { findScenarioFiles } from '../scenario/scenario-files';
import { createScenarioHost } from '../scenario/scenario-host';
import { loadScenario, runScenario } from '../scenario/scenario-runner';
import { silentLogger } from '../shared/logger';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const files = findScenarioFiles(args.length ? args : ['test/scenarios']);
  if (files.length === 0) {
    console.error(`no scenario files found for ${args.join(' ') || 'test/scenarios'}`);
    return 2;
  }
  const database = await openScratchDatabase(process.env.DATABASE_URL, silentLogger());
  const scenarios = files.map((file) => ({ file, scenario: loadScenario(file) }));
  const cities = [...new Set(scenarios.map((s) => s.scenario.city))];
  const host = await createScenarioHost(database, { policiesDir: 'policies', processesDir: 'processes', cities });
  let failed = 0;
  try {
    for (const { file, scenario } of scenarios) {
      const result = await runScenario(host, file, scenario);
      console.log(`${result.passed ? 'PASS' : 'FAIL'} ${file} — ${result.title} [${result.rules.join(', ')}]`);
      for (const line of result.lines) console.log(line);
      if (!result.passed) failed++;
    }
  } finally {
    await host.close();
  }
  console.log(`\n${files.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
