/**
 * Runs one of a city's scenario files (test/scenarios/<city>/<name>.yaml) on a test harness, as
 * `npm run scenario` would: the work data is cleared, the virtual clock jumps to the scenario's
 * start, and a failed expectation throws with the scenario's report.
 */
import { deleteWorkData } from '../../src/db/work-data';
import { loadScenario, runScenario } from '../../src/scenario/scenario-runner';
import type { ApiHarness } from './api-harness';

export async function runCityScenario(harness: ApiHarness, city: string, name: string): Promise<void> {
  const file = `test/scenarios/${city}/${name}.yaml`;
  const host = {
    runtime: harness.runtime,
    clock: harness.clock,
    reset: async (start: Date) => {
      await deleteWorkData(harness.runtime.database.db);
      harness.clock.jump(start);
    },
  };
  const result = await runScenario(host, file, loadScenario(file));
  if (!result.passed) throw new Error(`${file}\n${result.lines.join('\n')}`);
}
