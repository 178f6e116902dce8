/** `npm run scenario -- <file>` as a developer runs it: readable steps, exit code by result. */
import { killChildren, runTs } from '../../helpers/child-process';

jest.setTimeout(120_000);
afterAll(killChildren);

it('runs a scenario file step by step, with its expected refusal, and exits 0', async () => {
  const run = runTsWithArgs(['test/scenarios/sample/return-window.yaml']);
  expect(await run.exited()).toBe(0);
  expect(run.output()).toContain('PASS test/scenarios/sample/return-window.yaml');
  expect(run.output()).toMatch(/✓ +5 act refused with RETURN_WINDOW_CLOSED/);
  expect(run.output()).toContain('1 passed, 0 failed');
});

it('says which step failed and why, and exits 1', async () => {
  const run = runTsWithArgs(['test/fixtures/scenarios/failing.yaml']);
  expect(await run.exited()).toBe(1);
  expect(run.output()).toContain('FAIL test/fixtures/scenarios/failing.yaml');
  expect(run.output()).toMatch(/✗ +2 expect .*expected an open task/);
  expect(run.output()).toContain('0 passed, 1 failed');
});

function runTsWithArgs(args: string[]) {
  return runTs('src/cli/scenario.cli.ts', { DATABASE_URL: process.env.DATABASE_URL ?? '' }, args);
}
