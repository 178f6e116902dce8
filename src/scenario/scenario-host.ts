import { createRuntime, type RuntimeOptions } from '../app/create-runtime';
import type { Database } from '../db/database';
import { deleteWorkData } from '../db/work-data';
import { silentLogger } from '../shared/logger';
import { VirtualClock } from '../shared/virtual-clock';
import type { ScenarioHost } from './scenario-runner';

/**
 * A runtime on a virtual clock over a scratch database (never the real one): the cities of
 * `policies/` and `processes/`, ready to run scenarios one after the other.
 */
export async function createScenarioHost(
  database: Database,
  dirs: { policiesDir: string; processesDir: string; cities?: readonly string[] } = { policiesDir: 'policies', processesDir: 'processes' },
  costs: Pick<RuntimeOptions, 'stepLimits' | 'passwordHashCost'> = {},
): Promise<ScenarioHost & { close(): Promise<void> }> {
  const clock = new VirtualClock(new Date('2026-01-01T00:00:00+08:00'));
  try {
    const runtime = await createRuntime({ ...dirs, ...costs, clock, logger: silentLogger(), database });
    return {
      runtime,
      clock,
      async reset(start: Date): Promise<void> {
        await deleteWorkData(database.db);
        clock.jump(start);
      },
      async close(): Promise<void> {
        clock.uninstall();
        await runtime.close();
      },
    };
  } catch (err) {
    clock.uninstall();
    throw err;
  }
}
