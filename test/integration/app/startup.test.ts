/**
 * Start-up as a user meets it: `npm start` (src/main.ts) on the embedded database, the health
 * endpoints, the data-directory lock, and the refusals to start on an invalid policy or setting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killChildren, runTs } from '../../helpers/child-process';
import { migrations } from '../../../src/db/migrations/migrations';

jest.setTimeout(120_000);

const temp: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-start-'));
  temp.push(dir);
  return dir;
}
afterAll(() => {
  killChildren();
  temp.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

const port = () => String(20_000 + Math.floor(Math.random() * 20_000));
/** Only the sample city, so the test does not depend on the cities being written. */
function samplePolicies(): string {
  const dir = tempDir();
  fs.copyFileSync('policies/sample.yaml', path.join(dir, 'sample.yaml'));
  return dir;
}
const embedded = (dataDir: string) => ({
  DATABASE_URL: '',
  MINHU_DATA_DIR: dataDir,
  MINHU_JOB_POLL_MS: '500',
  MINHU_POLICIES_DIR: samplePolicies(),
});

it('refuses to start on an invalid policy, naming the file, the path and what was expected', async () => {
  const policies = tempDir();
  const yaml = fs.readFileSync('policies/sample.yaml', 'utf8').replace('  complaint: 15\n', '  complaint: "15d"\n');
  fs.writeFileSync(path.join(policies, 'sample.yaml'), yaml);
  const child = runTs('src/main.ts', { ...embedded(tempDir()), PORT: port(), MINHU_POLICIES_DIR: policies });
  expect(await child.exited()).toBe(1);
  expect(child.output()).toContain('sample.yaml: timeLimits.complaint: expected a whole number of working days ≥ 1, got "15d"');
});

it('refuses to start on an invalid setting, naming it', async () => {
  const child = runTs('src/main.ts', { ...embedded(tempDir()), PORT: 'eighty' });
  expect(await child.exited()).toBe(1);
  expect(child.output()).toMatch(/environment: PORT: expected a port, a whole number from 1 to 65535, got "eighty"/);
});

it('serves on the embedded database, reports readiness, locks its data directory and stops on SIGTERM', async () => {
  const dataDir = tempDir();
  const p = port();
  const server = runTs('src/main.ts', { ...embedded(dataDir), PORT: p });
  await server.waitFor(/http: listening/, 60_000);
  expect(server.output()).toMatch(/database: embedded PGlite at .*minhu-start-/);
  const health = await fetch(`http://127.0.0.1:${p}/healthz`);
  expect(health.status).toBe(200);
  const ready = await fetch(`http://127.0.0.1:${p}/readyz`);
  expect(ready.status).toBe(200);
  const latest = Math.max(...migrations.map((m) => m.version));
  expect(await ready.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true, scheduler: true }, schema: { applied: latest, latest, pending: [], unknown: [] } });

  const second = runTs('src/main.ts', { ...embedded(dataDir), PORT: port() });
  expect(await second.exited()).toBe(1);
  expect(second.output()).toContain('DATA_DIR_LOCKED');

  server.proc.kill('SIGTERM');
  expect(await server.exited()).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'minhu.lock'))).toBe(false);
});
