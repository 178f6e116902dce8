/**
 * A process killed (SIGKILL) while an order waits at a task with a pending timer; a new process
 * started on the same database fires that timer once, at its due time, with real Agenda.
 * Then SIGTERM stops it cleanly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../src/db/database';
import { createUnitOfWork } from '../../../src/db/unit-of-work';
import { silentLogger } from '../../../src/shared/logger';
import { killChildren, runTs } from '../../helpers/child-process';
import { createScratchDatabase, onPostgres } from '../../helpers/test-db';

jest.setTimeout(120_000);
afterAll(killChildren);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('fires a pending timer once at its due time after the process was killed and another started', async () => {
  const scratch = onPostgres() ? await createScratchDatabase(process.env.DATABASE_URL ?? '') : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-restart-'));
  const env = scratch ? { DATABASE_URL: scratch.url } : { DATABASE_URL: '', MINHU_DATA_DIR: dataDir };
  try {
    const first = runTs('test/fixtures/scripts/create-waiting-order.ts', { ...env, DUE_IN_MS: '20000' });
    const ready = await first.waitFor(/READY (\{.*\})/, 60_000);
    const { orderId, dueAt } = JSON.parse(ready[1] ?? '{}') as { orderId: string; dueAt: string };
    first.proc.kill('SIGKILL');
    expect(await first.exited()).toBeNull();

    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const policies = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-policies-'));
    fs.copyFileSync('policies/sample.yaml', path.join(policies, 'sample.yaml'));
    const second = runTs('src/main.ts', { ...env, PORT: port, MINHU_JOB_POLL_MS: '200', LOG_LEVEL: 'info', MINHU_POLICIES_DIR: policies });
    await second.waitFor(/http: listening/, 60_000);
    const serving = Date.now();
    const due = Date.parse(dueAt);
    await sleep(Math.max(0, due - Date.now()) + 4_000);
    const ready2 = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.json() as Promise<{ status: string }>);
    expect(ready2.status).toBe('ready');
    second.proc.kill('SIGTERM');
    expect(await second.exited()).toBe(0);
    expect(second.output()).toContain('stopped');

    const database = await openDatabase({ databaseUrl: scratch?.url, dataDir, logger: silentLogger() });
    try {
      const { audit, tasks } = await createUnitOfWork(database.db).run(async (repos) => ({
        audit: await repos.audit.findByOrder(orderId),
        tasks: await repos.tasks.findByOrder(orderId),
      }));
      const fired = audit.filter((e) => e.type === 'timer.fired');
      expect(fired).toHaveLength(1);
      const firedAt = fired[0]!.at.getTime();
      expect(firedAt).toBeGreaterThanOrEqual(due);
      expect(firedAt).toBeLessThanOrEqual(Math.max(due, serving) + 5_000);
      expect(tasks.filter((t) => t.formKey === 'remind')).toHaveLength(1);
      expect(audit.filter((e) => e.type === 'deadline.order-overdue')).toHaveLength(1);
    } finally {
      await database.close();
    }
  } finally {
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
