/**
 * Several processes started at once on one fresh database (README "Several processes"): three
 * runtimes created together store each city's policy and diagram once, and seeding the demo
 * users from all three at once adds each user once. Before, the runtimes that lost the race
 * failed to start with POLICY_VERSION_EXISTS / DEPLOYMENT_EXISTS or USERNAME_TAKEN (found by
 * multi-process-kill.test.ts).
 */
import { sql } from 'kysely';
import { createRuntime } from '../../../src/app/create-runtime';
import type { Database } from '../../../src/db/database';
import { silentLogger } from '../../../src/shared/logger';
import { SystemClock } from '../../../src/shared/clock';
import { openTestDatabase } from '../../helpers/test-db';
import { TEST_RUNTIME_OPTIONS } from '../../helpers/test-runtime-options';

jest.setTimeout(60_000);

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

it('three runtimes starting at once store the policy and diagram once and seed each demo user once', async () => {
  const options = { clock: new SystemClock(), logger: silentLogger(), database, policiesDir: 'policies', processesDir: 'processes', cities: ['sample'], ...TEST_RUNTIME_OPTIONS };
  const runtimes = await Promise.all([createRuntime(options), createRuntime(options), createRuntime(options)]);
  const added = await Promise.all(runtimes.map((r) => r.auth.seedDemoUsers(r.demoDirectory(), 'minhu-demo')));

  const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(database.db)).rows[0]?.n);
  const users = await count(sql<{ n: string }>`SELECT count(*) AS n FROM users WHERE city = 'sample'`);
  expect(added.reduce((a, b) => a + b, 0)).toBe(users);
  expect(users).toBe(runtimes[0]!.demoDirectory().find((d) => d.city === 'sample')?.users.length);
  expect(await count(sql<{ n: string }>`SELECT count(*) AS n FROM policy_versions WHERE city = 'sample'`)).toBe(1);
  expect(await count(sql<{ n: string }>`SELECT count(*) AS n FROM deployments WHERE process_key = 'sample'`)).toBe(1);
  for (const r of runtimes) expect(r.catalog.policy('sample').version).toBe(1);
});
