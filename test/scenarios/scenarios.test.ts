/**
 * Every scenario file of every city (test/scenarios/<city>/*.yaml), each one a test, run on a
 * virtual clock against a scratch database: embedded PGlite, or a throw-away database on the
 * DATABASE_URL server.
 */
import { openScratchDatabase } from '../../src/db/scratch-database';
import { findScenarioFiles } from '../../src/scenario/scenario-files';
import { createScenarioHost } from '../../src/scenario/scenario-host';
import { loadScenario, runScenario } from '../../src/scenario/scenario-runner';
import { silentLogger } from '../../src/shared/logger';
import { TEST_RUNTIME_OPTIONS } from '../helpers/test-runtime-options';

jest.setTimeout(120_000);

const files = findScenarioFiles(['test/scenarios']);
let host: Awaited<ReturnType<typeof createScenarioHost>>;

beforeAll(async () => {
  host = await createScenarioHost(await openScratchDatabase(process.env.DATABASE_URL, silentLogger()), undefined, TEST_RUNTIME_OPTIONS);
});

afterAll(async () => {
  await host?.close();
});

it('finds scenario files', () => {
  expect(files.length).toBeGreaterThan(0);
});

describe.each(files)('%s', (file) => {
  it('passes', async () => {
    const result = await runScenario(host, file, loadScenario(file));
    if (!result.passed) throw new Error(`${result.title}\n${result.lines.join('\n')}`);
    expect(result.passed).toBe(true);
  });
});
